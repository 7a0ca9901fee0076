"""Council mode under load: many councils voting at once over real connections.

``newcourse serve`` runs in a second process on loopback with a fresh data
folder: on SQLite by default, on PostgreSQL with ``--database-url
postgresql+psycopg://...`` or ``--postgres`` (a throwaway cluster started for
the run and stopped by its PID). This process is the client: ``--councils``
councils of ``--delegates`` delegates each, every delegate a person of its own
(an httpx AsyncClient: its own cookies, CSRF token and connections), each with
the council's server-sent event stream (``/c/{code}/events``) open all along,
as a browser keeps it. The chair creates the council through the JSON API
(the bundled campaign, a seed of its own) and the others join; then every
council votes motion after motion: all its delegates vote at once (a random
option among those open, after a random pause of up to ``--think`` seconds),
the chair casts the vote a tie leaves to it and settles what the consent agenda
puts before it, and the next motion is voted as soon as it opens.

The first ``--warm-up`` seconds are not counted; then for ``--seconds`` the
benchmark counts

- message latency: from a vote's acknowledgement (the answer to ``POST
  /api/councils/{code}/vote``, which carries the council's new record number)
  to the arrival of that number, or a later one, on the event stream of every
  other delegate of the council: p50, p90, p99 and max (a notice that arrives
  before the acknowledgement counts as 0: the server tells the streams as soon
  as the vote is stored, and then makes the voter's answer, so most do);
- sent to seen: the same notices timed from the moment the vote was sent, the
  whole way from one delegate's click to every other delegate's screen but the
  page's own refresh;
- vote latency: the time the vote request took, p50, p90, p99 and max;
- errors: every answer that is not 2xx, timeouts and broken connections, a
  stream that ended, and a notice that had not arrived ``GRACE`` seconds after
  the counted time;
- CPU seconds (user + system) of the server, of the client (this process) and
  of the database server when it is ours, beside the wall time, and the
  machine's load average before and after.

The client shares the machine's cores with the server: its CPU time says how
much of them it took (one process reads the 200 streams and sends the votes;
its own delays count in the latency).

    python benchmarks/bench_council_load.py [--councils 20] [--delegates 10] [--seconds 30]
                                            [--think 0] [--runs 1]
                                            [--postgres | --database-url URL] [--json FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine
from servers import cpu_seconds, database_kind, run_database, web_server

TIMEOUT = 10.0  # seconds a request may take before it counts as an error
GRACE = 5.0  # seconds after the counted time for the last notices to arrive
TARGETS = {"message_p99_ms": 250.0, "errors": 0}  # two cores
TOO_FAST = 429


# ------------------------------------------------------------------ what is seen


class Tally:
    """What the delegates saw: votes acknowledged, notices arrived, errors."""

    def __init__(self) -> None:
        self.counting = False
        self.over = False
        self.acks: list[
            tuple[int, int, int, float, float]
        ] = []  # council, voter, seq, sent, acknowledged
        self.vote_latencies: list[float] = []
        self.errors: Counter[str] = Counter()
        self.motions = 0
        self.endings = 0
        self.waits = 0  # answers that asked to slow down (429), retried

    def error(self, kind: str) -> None:
        if self.counting:
            self.errors[kind] += 1


class Stream:
    """One delegate's event stream: each record number told, and when it arrived."""

    def __init__(self) -> None:
        self.seqs: list[int] = []
        self.times: list[float] = []
        self.open = asyncio.Event()

    def arrival(self, seq: int) -> float | None:
        """When the stream first told ``seq`` or a later number, or None."""
        at = bisect.bisect_left(self.seqs, seq)
        return self.times[at] if at < len(self.times) else None


class Delegate:
    """One person at a council: a client of their own, a token, their event stream."""

    def __init__(self, address: str, number: int) -> None:
        limits = httpx.Limits(max_connections=2, max_keepalive_connections=2)
        self.client = httpx.AsyncClient(base_url=address, timeout=TIMEOUT, limits=limits)
        self.number = number
        self.token = ""
        self.stream = Stream()

    async def arm(self) -> None:
        self.token = (await self.client.get("/api/codes")).headers["x-csrf-token"]

    async def post(self, path: str, body: dict[str, Any], tally: Tally) -> httpx.Response:
        """A command, sent again after a moment while the server says it comes too fast."""
        while True:
            answer = await self.client.post(path, json=body, headers={"X-CSRF-Token": self.token})
            if answer.status_code != TOO_FAST or tally.over:
                return answer
            tally.waits += 1
            await asyncio.sleep(0.2)

    async def listen(self, code: str, tally: Tally) -> None:
        """Keep the council's event stream open, noting every number and its arrival."""
        stream = self.stream
        try:
            async with self.client.stream("GET", f"/c/{code}/events", timeout=None) as answer:
                if answer.status_code != 200:
                    tally.error(f"event stream: {answer.status_code}")
                    return
                stream.open.set()
                async for line in answer.aiter_lines():
                    if line.startswith("data: "):
                        seq, now = int(line[6:]), time.perf_counter()
                        if not stream.seqs or seq > stream.seqs[-1]:
                            stream.seqs.append(seq)
                            stream.times.append(now)
            if not tally.over:
                tally.error("an event stream ended")
        except (httpx.TimeoutException, httpx.TransportError) as error:
            if not tally.over:
                tally.error(f"event stream: {type(error).__name__}")
        finally:
            stream.open.set()


# ------------------------------------------------------------------ a council


async def sit(address: str, number: int, delegates: int) -> tuple[str, list[Delegate]]:
    """A new council: its chair creates it, the others join; every stream open."""
    seats = [Delegate(address, number * 1000 + n) for n in range(delegates)]
    await asyncio.gather(*(seat.arm() for seat in seats))
    chair = seats[0]
    made = await chair.client.post(
        "/api/councils",
        json={"name": "Delegate 1", "seed": number},
        headers={"X-CSRF-Token": chair.token},
    )
    made.raise_for_status()
    code: str = made.json()["council"]["code"]
    for n, seat in enumerate(seats[1:], start=2):
        joined = await seat.client.post(
            f"/api/councils/{code}/join",
            json={"name": f"Delegate {n}"},
            headers={"X-CSRF-Token": seat.token},
        )
        joined.raise_for_status()
    return code, seats


async def vote(
    seat: Delegate, council: int, code: str, option: int, think: float, tally: Tally
) -> None:
    """One delegate's vote on the motion open now, after a pause to think."""
    if think:
        await asyncio.sleep(random.uniform(0, think))
    counted = tally.counting
    asked = time.perf_counter()
    try:
        answer = await seat.post(f"/api/councils/{code}/vote", {"option": option}, tally)
    except (httpx.TimeoutException, httpx.TransportError) as error:
        tally.error(f"vote: {type(error).__name__}")
        return
    acknowledged = time.perf_counter()
    if not answer.is_success:
        tally.error(f"vote: {answer.status_code} {answer.json().get('code', '')}")
        return
    if counted and tally.counting:
        tally.vote_latencies.append(acknowledged - asked)
        seq = answer.json()["council"]["seq"]
        tally.acks.append((council, seat.number, seq, asked, acknowledged))


async def council_at_work(
    address: str, number: int, delegates: int, think: float, tally: Tally
) -> list[Delegate]:
    """A council voting motion after motion until the benchmark is over."""
    chance = random.Random(number)
    code, seats = await sit(address, number, delegates)
    listening = [asyncio.create_task(seat.listen(code, tally)) for seat in seats]
    await asyncio.gather(*(seat.stream.open.wait() for seat in seats))
    chair = seats[0]
    try:
        while not tally.over:
            answer = await chair.client.get(f"/api/councils/{code}")
            if not answer.is_success:
                tally.error(f"read: {answer.status_code}")
                continue
            motion = answer.json()["motion"]
            if motion is None:
                tally.endings += tally.counting
                break
            options = [o["number"] for o in motion["options"] if o["available"] and o["in_round"]]
            if motion["phase"] == "vote":
                await asyncio.gather(
                    *(
                        vote(seat, number, code, chance.choice(options), think, tally)
                        for seat in seats
                        if seat.token
                    )
                )
                tally.motions += tally.counting
            elif motion["phase"] in ("casting", "consent"):
                if motion["phase"] == "casting":
                    options = [o["number"] for o in motion["options"] if o["casting"]]
                command = "cast" if motion["phase"] == "casting" else "settle"
                done = await chair.post(
                    f"/api/councils/{code}/{command}", {"option": chance.choice(options)}, tally
                )
                if not done.is_success:
                    tally.error(f"{command}: {done.status_code}")
            else:
                done = await chair.post(f"/api/councils/{code}/call", {}, tally)
                if not done.is_success:
                    tally.error(f"call: {done.status_code}")
    except (httpx.TimeoutException, httpx.TransportError) as error:
        tally.error(f"council: {type(error).__name__}")
    while not tally.over:
        await asyncio.sleep(0.1)
    await asyncio.sleep(GRACE)  # the last notices arrive
    for task in listening:
        task.cancel()
    await asyncio.gather(*listening, return_exceptions=True)
    return seats


# ------------------------------------------------------------------ the run


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)

    def rank(q: float) -> float:  # the nearest-rank percentile (0 for none)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, max(0, int(q * len(ordered) + 0.5) - 1))]

    return {
        name: round(1000 * rank(q), 1)
        for name, q in (("p50", 0.5), ("p90", 0.9), ("p99", 0.99), ("max", 1.0))
    }


def _own_cpu() -> float:
    times = os.times()
    return times.user + times.system


async def drive(
    address: str,
    councils: int,
    delegates: int,
    think: float,
    warm_up: float,
    seconds: float,
    server: int,
    database: int | None,
) -> dict[str, Any]:
    """Sit ``councils`` councils at ``address`` and measure the ``seconds`` after the
    ``warm_up``."""
    tally = Tally()
    sitting = [
        asyncio.create_task(council_at_work(address, n + 1, delegates, think, tally))
        for n in range(councils)
    ]
    await asyncio.sleep(warm_up)
    tally.counting = True
    load_before = os.getloadavg()
    wall, client, served = time.perf_counter(), _own_cpu(), cpu_seconds(server)
    stored = cpu_seconds(database) if database else 0.0
    await asyncio.sleep(seconds)
    tally.counting, tally.over = False, True
    wall = time.perf_counter() - wall
    client, served = _own_cpu() - client, cpu_seconds(server) - served
    stored = cpu_seconds(database) - stored if database else 0.0
    load_after = os.getloadavg()
    seated = await asyncio.gather(*sitting)
    for seats in seated:
        await asyncio.gather(*(seat.client.aclose() for seat in seats))

    latencies, whole, early, missing = [], [], 0, 0
    streams = {seat.number: seat.stream for seats in seated for seat in seats}
    for council, voter, seq, sent, acknowledged in tally.acks:
        for seat in seated[council - 1]:
            if seat.number == voter:
                continue
            arrived = streams[seat.number].arrival(seq)
            if arrived is None:
                missing += 1
                continue
            early += arrived < acknowledged
            latencies.append(max(0.0, arrived - acknowledged))
            whole.append(arrived - sent)
    if missing:
        tally.errors["a notice that never arrived"] += missing
    return {
        "wall_s": round(wall, 2),
        "votes": len(tally.acks),
        "votes_per_s": round(len(tally.acks) / wall, 1),
        "motions": tally.motions,
        "notices": len(latencies),
        "notices_before_the_acknowledgement": early,
        "message_latency_ms": _percentiles(latencies),
        "sent_to_seen_ms": _percentiles(whole),
        "vote_latency_ms": _percentiles(tally.vote_latencies),
        "errors": sum(tally.errors.values()),
        "error_kinds": dict(tally.errors),
        "asked_to_wait": tally.waits,
        "endings": tally.endings,
        "cpu_s": {
            "server": round(served, 2),
            "client": round(client, 2),
            "database": round(stored, 2),
        },
        "load_average": {
            "before": [round(x, 2) for x in load_before],
            "after": [round(x, 2) for x in load_after],
        },
    }


def measure(
    councils: int = 20,
    delegates: int = 10,
    seconds: float = 30.0,
    warm_up: float = 5.0,
    think: float = 0.0,
    url: str | None = None,
    postgres: bool = False,
) -> dict[str, Any]:
    """One run: a server on a fresh data folder (and database), the councils, the figures."""
    with (
        tempfile.TemporaryDirectory(prefix="newcourse-councils.") as folder,
        run_database(url, postgres) as (database_url, database_pid),
        web_server(database_url, 1, Path(folder)) as (address, server_pid),
    ):
        figures = asyncio.run(
            drive(address, councils, delegates, think, warm_up, seconds, server_pid, database_pid)
        )
    return {
        "database": database_kind(database_url),
        "councils": councils,
        "delegates": delegates,
        "think_s": think,
        "warm_up_s": warm_up,
        **figures,
    }


def report(run: dict[str, Any]) -> str:
    """One run as a line of Markdown."""
    message, asked, cpu = run["message_latency_ms"], run["vote_latency_ms"], run["cpu_s"]
    whole = run["sent_to_seen_ms"]
    database = f", database {cpu['database']:.1f}" if cpu["database"] else ""
    return (
        f"| {run['database']} | {run['councils']} × {run['delegates']} | "
        f"{run['votes_per_s']:,.0f} | {run['notices']:,} | "
        f"{message['p50']:.0f} / {message['p90']:.0f} / {message['p99']:.0f} / "
        f"{message['max']:.0f} | {whole['p50']:.0f} / {whole['p90']:.0f} / "
        f"{whole['p99']:.0f} / {whole['max']:.0f} | {asked['p50']:.0f} / {asked['p90']:.0f} / "
        f"{asked['p99']:.0f} / {asked['max']:.0f} | {run['errors']} | "
        f"server {cpu['server']:.1f}, client {cpu['client']:.1f}{database} in "
        f"{run['wall_s']:.0f} s | {run['load_average']['before'][0]:.2f} |"
    )


HEADER = (
    "| database | councils × delegates | votes/s | notices | message ms p50 / p90 / p99 / max "
    "| sent to seen ms p50 / p90 / p99 / max | vote ms p50 / p90 / p99 / max | errors "
    "| CPU seconds | load before |"
    "\n|---|---|---|---|---|---|---|---|---|---|"
)


def medians(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The median of each figure over ``runs`` (the first run's for what is not a number)."""
    middle: dict[str, Any] = dict(runs[0])
    for key in ("votes_per_s", "notices", "errors", "wall_s"):
        middle[key] = statistics.median(run[key] for run in runs)
    for key in ("message_latency_ms", "sent_to_seen_ms", "vote_latency_ms", "cpu_s"):
        middle[key] = {
            name: statistics.median(run[key][name] for run in runs) for name in runs[0][key]
        }
    middle["load_average"] = {
        "before": [statistics.median(run["load_average"]["before"][0] for run in runs)]
    }
    return middle


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--councils", type=int, default=20, help="councils at once (20)")
    parser.add_argument("--delegates", type=int, default=10, help="delegates a council (10)")
    parser.add_argument("--seconds", type=float, default=30.0, help="the counted time (30)")
    parser.add_argument("--warm-up", type=float, default=5.0, help="not counted, first (5)")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="each vote waits a random pause of up to this many seconds (default 0: "
        "every delegate votes as soon as the motion opens)",
    )
    parser.add_argument("--runs", type=int, default=1, help="runs, each on a fresh server (1)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--database-url", help="the server's database (default: SQLite)")
    where.add_argument(
        "--postgres", action="store_true", help="start a throwaway PostgreSQL cluster for the run"
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    runs = []
    print(HEADER)
    for _ in range(args.runs):
        run = measure(
            args.councils,
            args.delegates,
            args.seconds,
            args.warm_up,
            args.think,
            args.database_url,
            args.postgres,
        )
        runs.append(run)
        print(report(run), flush=True)
        if run["error_kinds"]:
            print("errors:", ", ".join(f"{k} ×{n}" for k, n in run["error_kinds"].items()))
    if len(runs) > 1:
        print(f"\nmedians of {len(runs)} runs:\n{HEADER}\n{report(medians(runs))}")
    middle = medians(runs)
    errors = middle["errors"]
    for figure, name in (
        ("message_latency_ms", "message latency"),
        ("sent_to_seen_ms", "sent to seen, the stricter measure"),
    ):
        met = middle[figure]["p99"] < TARGETS["message_p99_ms"] and errors <= TARGETS["errors"]
        print(
            f"target (p99 of {name} under {TARGETS['message_p99_ms']:.0f} ms, no errors): "
            f"{'met' if met else 'MISSED'}"
        )
    if args.json:
        figures = {"machine": machine(), "runs": runs}
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
