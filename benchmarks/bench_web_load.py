"""The web player under load: many players deciding at once over real HTTP.

``newcourse serve`` runs in a second process on loopback, with a fresh data
folder: on SQLite by default (a file in that folder), on PostgreSQL with
``--database-url postgresql+psycopg://...`` or ``--postgres`` (a throwaway
cluster started for the run, as ``.ci/run`` starts one for the tests, and
stopped by its PID at the end). This process is the client: ``--players``
players, each with its own HTTP connection, cookies and CSRF token (``wire``: a
client light enough to leave the server most of the cores they share), arriving
one after another over the first half of the warm-up (so the server's workers
share the connections out as they come, as with real players), each starting a
game through the JSON API and then deciding, as soon as its last decision is
answered or, with ``--rate``, at its turn in a crowd that makes so many
decisions a second: a random option among those available (its own seeded
stream), a new game at an ending, the game's revision sent with every decision.
The first ``--warm-up`` seconds are not counted; then for ``--seconds`` the
benchmark counts

- decisions per second (``POST /api/game/choose`` answered 2xx),
- the latency of those requests: p50, p90, p99 and max,
- errors: every answer that is not 2xx, and timeouts and broken connections,
- CPU seconds (user + system) of the server (every process of it, workers too),
  of the client (this process), and of the database server when it is ours,
  beside the wall time, and the machine's load average before and after.

The client shares the machine's cores with the server: its CPU time says how
much of them it took.

    python benchmarks/bench_web_load.py [--players 100] [--rate 0] [--seconds 20]
        [--warm-up 5] [--workers 1] [--postgres | --database-url URL] [--json FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine
from servers import cpu_seconds, database_kind, run_database, web_server
from wire import Connection, WireError, run

TIMEOUT = 10.0  # seconds a request may take before it counts as an error
TARGETS = {"decisions_per_s": 500, "p99_ms": 100.0}  # SQLite, two cores


# ------------------------------------------------------------------ players


class Tally:
    """What the players saw in the window that counts."""

    def __init__(self) -> None:
        self.counting = False
        self.over = False
        self.latencies: list[float] = []
        self.errors: Counter[str] = Counter()
        self.new_games = 0


async def player(
    address: str, number: int, tally: Tally, period: float, arrival: float = 0.0
) -> None:
    """One player, arriving after ``arrival`` seconds: its own connection (kept alive),
    cookies and token; decides until the end, one decision every ``period`` seconds
    (0: as soon as the last one is answered)."""
    chance = random.Random(number)
    await asyncio.sleep(arrival)
    where = urlsplit(address)
    client = Connection(where.hostname or "127.0.0.1", where.port or 80, TIMEOUT)
    game: dict[str, Any] | None = None
    token = ""
    turn = time.perf_counter() + chance.uniform(0, period)  # the players do not march
    doing = "token"
    while not tally.over:
        try:
            if not token:
                doing = "token"
                answer = await client.request("GET", "/api/codes")
                token = answer.headers.get("x-csrf-token", "")
                continue
            headers = {"X-CSRF-Token": token}
            if game is None or game["view"]["over"]:
                body = {"seed": chance.randrange(1 << 30)}
                doing = "new game"
                answer = await client.request("POST", "/api/game", body, headers)
                game = answer.json() if answer.ok else None
                if tally.counting:
                    tally.new_games += 1 if answer.ok else 0
                    if not answer.ok:
                        tally.errors[f"new game: {answer.status}"] += 1
                continue
            options = [o["id"] for o in game["view"]["options"] if o["available"]]
            if not options:
                if tally.counting:
                    tally.errors["a game with nothing to choose"] += 1
                game = None
                continue
            body = {"option": chance.choice(options), "revision": game["revision"]}
            if period:  # wait for this player's turn; one that is late goes at once
                await asyncio.sleep(turn - time.perf_counter())
                turn = max(turn + period, time.perf_counter())
            asked, doing = time.perf_counter(), "decision"
            answer = await client.request("POST", "/api/game/choose", body, headers)
            # the latency ends with the whole answer read and parsed, as a player needs it
            game = answer.json() if answer.ok else None
            took = time.perf_counter() - asked
            if tally.counting:
                if answer.ok:
                    tally.latencies.append(took)
                else:  # the game is read again from a new one rather than guessed
                    tally.errors[f"decision: {answer.status}"] += 1
        except (WireError, TimeoutError) as error:
            if tally.counting:
                tally.errors[f"{doing}: {type(error).__name__}"] += 1
            await client.close()
            game, token = None, ""
    await client.close()


async def drive(
    address: str,
    players: int,
    rate: float,
    warm_up: float,
    seconds: float,
    server: int,
    database: int | None,
) -> dict[str, Any]:
    """Play ``players`` at ``address`` (together ``rate`` decisions a second, 0: as many as
    the server answers) and measure the ``seconds`` after the ``warm_up``."""
    tally = Tally()
    period = players / rate if rate else 0.0
    arrivals = warm_up / 2 / players
    crowd = [
        asyncio.create_task(player(address, n, tally, period, n * arrivals)) for n in range(players)
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
    await asyncio.gather(*crowd)
    latencies = sorted(tally.latencies)
    return {
        "wall_s": round(wall, 2),
        "decisions": len(latencies),
        "decisions_per_s": round(len(latencies) / wall, 1),
        "latency_ms": {
            name: round(1000 * _percentile(latencies, q), 1)
            for name, q in (("p50", 0.5), ("p90", 0.9), ("p99", 0.99), ("max", 1.0))
        },
        "errors": sum(tally.errors.values()),
        "error_kinds": dict(tally.errors),
        "new_games": tally.new_games,
        "cpu_s": {
            "server": round(served, 2),
            "client": round(client, 2),
            "database": round(stored, 2),
        },
        # CPU per decision does not depend on how busy the machine is, as wall time does
        "cpu_ms_per_decision": {
            name: round(1000 * spent / max(1, len(latencies)), 2)
            for name, spent in (("server", served), ("client", client), ("database", stored))
        },
        "load_average": {
            "before": [round(x, 2) for x in load_before],
            "after": [round(x, 2) for x in load_after],
        },
    }


def _own_cpu() -> float:
    times = os.times()
    return times.user + times.system


def _percentile(ordered: list[float], q: float) -> float:
    """The nearest-rank percentile of sorted values (0 for none)."""
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, int(q * len(ordered) + 0.5) - 1))]


# ------------------------------------------------------------------ the run


def measure(
    players: int = 100,
    rate: float = 0.0,
    seconds: float = 20.0,
    warm_up: float = 5.0,
    workers: int = 1,
    url: str | None = None,
    postgres: bool = False,
) -> dict[str, Any]:
    """One run: a server on a fresh data folder (and database), the players, the figures."""
    with (
        tempfile.TemporaryDirectory(prefix="newcourse-load.") as folder,
        run_database(url, postgres) as (database_url, database_pid),
    ):
        data = Path(folder)
        with web_server(database_url, workers, data) as (address, server_pid):
            figures = run(drive(address, players, rate, warm_up, seconds, server_pid, database_pid))
    return {
        "database": database_kind(database_url),
        "players": players,
        "rate": rate,
        "workers": workers,
        "warm_up_s": warm_up,
        **figures,
    }


def report(run: dict[str, Any]) -> str:
    """One run as a line of Markdown."""
    latency, cpu, each = run["latency_ms"], run["cpu_s"], run["cpu_ms_per_decision"]
    database = f", database {cpu['database']:.1f}" if cpu["database"] else ""
    database_each = f" / {each['database']:.2f}" if cpu["database"] else ""
    paced = f"{run['rate']:,.0f}/s" if run["rate"] else "flat out"
    return (
        f"| {run['database']} | {run['players']}, {paced} | {run['workers']} | "
        f"{run['decisions_per_s']:,.0f} | {latency['p50']:.0f} / {latency['p90']:.0f} / "
        f"{latency['p99']:.0f} / {latency['max']:.0f} | {run['errors']} | "
        f"server {cpu['server']:.1f}, client {cpu['client']:.1f}{database} in "
        f"{run['wall_s']:.0f} s | {each['server']:.2f} / {each['client']:.2f}{database_each} | "
        f"{run['load_average']['before'][0]:.2f} |"
    )


HEADER = (
    "| database | players | workers | decisions/s | latency ms p50 / p90 / p99 / max | "
    "errors | CPU seconds | CPU ms a decision: server / client (/ database) | load before |"
    "\n|---|---|---|---|---|---|---|---|---|"
)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--players", type=int, default=100, help="players at once (100)")
    parser.add_argument(
        "--rate",
        type=float,
        default=0.0,
        help="decisions a second the players make together (default 0: each decides as "
        "soon as its last decision is answered)",
    )
    parser.add_argument("--seconds", type=float, default=20.0, help="the counted time (20)")
    parser.add_argument("--warm-up", type=float, default=5.0, help="not counted, first (5)")
    parser.add_argument("--workers", type=int, default=1, help="server processes (1)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--database-url", help="the server's database (default: SQLite)")
    where.add_argument(
        "--postgres", action="store_true", help="start a throwaway PostgreSQL cluster for the run"
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    run = {
        "machine": machine(),
        **measure(
            args.players,
            args.rate,
            args.seconds,
            args.warm_up,
            args.workers,
            args.database_url,
            args.postgres,
        ),
    }
    if args.json:
        args.json.write_text(json.dumps(run, indent=1) + "\n", encoding="utf-8")
    print(HEADER)
    print(report(run))
    if run["database"] == "sqlite":
        met = (
            run["decisions_per_s"] >= TARGETS["decisions_per_s"]
            and run["latency_ms"]["p99"] < TARGETS["p99_ms"]
        )
        print(
            f"target on two cores with SQLite: ≥ {TARGETS['decisions_per_s']} decisions/s "
            f"with p99 < {TARGETS['p99_ms']:.0f} ms: {'met' if met else 'MISSED'}"
        )
    if run["error_kinds"]:
        print("errors:", ", ".join(f"{k} ×{n}" for k, n in run["error_kinds"].items()))


if __name__ == "__main__":
    main()
