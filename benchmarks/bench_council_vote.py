"""What a council vote costs the server, in CPU time, measured in process.

The web app (``newcourse.web.create_app``, the bundled campaign) runs in this
process on a fresh SQLite file (or the database ``--database-url`` names),
driven by httpx through its ASGI transport: no sockets, no second process, so the
figure is the same on a busy machine as on a quiet one, only slower to get.
``--councils`` councils of ``--delegates`` delegates each vote motion after
motion, as the load test's councils do (``bench_council_load.py``): the chair
reads the council, every delegate votes (a random option among those open,
the same choices in every run), the chair casts the vote a tie leaves to it
and settles what the consent agenda puts before it. The councils take turns,
a motion each.

The figure is the process's CPU time (``time.process_time``: every thread,
the client's part included) for ``--votes`` votes and the requests between
them, divided by the votes. Beside it, the cost of the cheapest request
(``GET /api/codes``: the client's part and the app's middleware, no council),
of which a vote pays about one and a tenth. Each run is a fresh app on a fresh
database; ``--runs`` gives the median.

    python benchmarks/bench_council_vote.py [--councils 4] [--delegates 10]
                                            [--votes 2000] [--runs 3]
                                            [--database-url URL] [--json FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
if importlib.util.find_spec("sniffio") is None:
    # httpx's ASGI transport imports sniffio on every request; a module that is not
    # installed is looked for on disk each time, which the client would pay for
    sys.modules["sniffio"] = None

import httpx

from common import machine
from newcourse.storage.sql import sqlite_url
from newcourse.web import create_app
from newcourse.web.csrf import HEADER

FLOOR_REQUESTS = 500


class Table:
    """One council at work: its code, its delegates (a client each), its chance."""

    def __init__(self, app: Any, number: int, delegates: int) -> None:
        transport = httpx.ASGITransport(app=app)
        self.seats = [
            httpx.AsyncClient(transport=transport, base_url="http://council")
            for _ in range(delegates)
        ]
        self.number = number
        self.chance = random.Random(number)
        self.code = ""
        self.over = False

    async def sit(self) -> None:
        """Arm every seat with its token; the chair creates the council, the others join."""
        for seat in self.seats:
            seat.headers[HEADER] = (await seat.get("/api/codes")).headers[HEADER]
        chair = self.seats[0]
        made = await chair.post("/api/councils", json={"name": "Delegate 1", "seed": self.number})
        made.raise_for_status()
        self.code = made.json()["council"]["code"]
        for n, seat in enumerate(self.seats[1:], start=2):
            joined = await seat.post(
                f"/api/councils/{self.code}/join", json={"name": f"Delegate {n}"}
            )
            joined.raise_for_status()

    async def motion(self) -> int:
        """Bring the council through its open motion's next step; the votes cast."""
        chair, at = self.seats[0], f"/api/councils/{self.code}"
        motion = (await chair.get(at)).json()["motion"]
        if motion is None:
            self.over = True
            return 0
        options = [o["number"] for o in motion["options"] if o["available"] and o["in_round"]]
        if motion["phase"] == "vote":
            for seat in self.seats:
                answer = await seat.post(f"{at}/vote", json={"option": self.chance.choice(options)})
                answer.raise_for_status()
            return len(self.seats)
        if motion["phase"] in ("casting", "consent"):
            if motion["phase"] == "casting":
                options = [o["number"] for o in motion["options"] if o["casting"]]
            command = "cast" if motion["phase"] == "casting" else "settle"
            done = await chair.post(f"{at}/{command}", json={"option": self.chance.choice(options)})
        else:
            done = await chair.post(f"{at}/call", json={})
        done.raise_for_status()
        return 0

    async def close(self) -> None:
        for seat in self.seats:
            await seat.aclose()


async def drive(app: Any, councils: int, delegates: int, votes: int) -> dict[str, Any]:
    """Sit the councils, warm up (a motion each), then count ``votes`` votes."""
    tables = [Table(app, n + 1, delegates) for n in range(councils)]
    for table in tables:
        await table.sit()
        await table.motion()
    start, cast = time.process_time(), 0
    while cast < votes:
        sitting = [table for table in tables if not table.over]
        if not sitting:
            raise SystemExit("every council's game ended: ask for fewer votes")
        for table in sitting:
            cast += await table.motion()
    spent = time.process_time() - start
    first = tables[0].seats[0]
    floor = time.process_time()
    for _ in range(FLOOR_REQUESTS):
        await first.get("/api/codes")
    floor = time.process_time() - floor
    for table in tables:
        await table.close()
    return {
        "votes": cast,
        "cpu_s": round(spent, 3),
        "cpu_ms_a_vote": round(1000 * spent / cast, 3),
        "cpu_ms_cheapest_request": round(1000 * floor / FLOOR_REQUESTS, 3),
    }


def measure(councils: int, delegates: int, votes: int, url: str | None) -> dict[str, Any]:
    """One run on a fresh app and database: CPU ms a vote, and the cheapest request's."""
    with tempfile.TemporaryDirectory(prefix="newcourse-vote.") as folder:
        app = create_app(None, url or sqlite_url(Path(folder) / "councils.sqlite3"))
        try:
            return asyncio.run(drive(app, councils, delegates, votes))
        finally:
            app.state.games.store.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--councils", type=int, default=4, help="councils (4)")
    parser.add_argument("--delegates", type=int, default=10, help="delegates a council (10)")
    parser.add_argument("--votes", type=int, default=2000, help="votes counted a run (2000)")
    parser.add_argument("--runs", type=int, default=3, help="runs, each on a fresh app (3)")
    parser.add_argument("--database-url", help="the app's database (default: a SQLite file)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    os.environ.setdefault("NEWCOURSE_COUNCIL_BURST", "1000000")  # no turn refused
    os.environ.setdefault("NEWCOURSE_COUNCIL_RATE", "1000000")
    runs = []
    for _ in range(args.runs):
        run = measure(args.councils, args.delegates, args.votes, args.database_url)
        runs.append(run)
        print(
            f"{run['votes']} votes: {run['cpu_ms_a_vote']:.2f} ms of CPU a vote "
            f"(the cheapest request {run['cpu_ms_cheapest_request']:.2f} ms)",
            flush=True,
        )
    middle = statistics.median(run["cpu_ms_a_vote"] for run in runs)
    print(f"median of {len(runs)} runs: {middle:.2f} ms of CPU a vote")
    if args.json:
        figures = {"machine": machine(), "runs": runs, "median_cpu_ms_a_vote": middle}
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
