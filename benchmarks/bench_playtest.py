"""Wall and CPU time of ``newcourse playtest -n 10000`` with one job and with two.

The runs with one job and with two are taken in turn. Each run is a fresh
process, as a writer would start it (``--quiet``: no progress bar); decisions
per second come from the report's decision count.

    python benchmarks/bench_playtest.py [--games 10000] [--repeat 3] [--jobs 1 2]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from common import campaign_folder, newcourse_command


def children_cpu() -> float:
    """User and system CPU seconds of every finished child process (workers included)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(games: int = 10000, repeat: int = 3, jobs: tuple[int, ...] = (1, 2)) -> dict[str, Any]:
    folder, note = campaign_folder()
    results: dict[str, Any] = {"campaign": folder.name, "note": note, "games": games}
    runs: dict[int, list[float]] = {count: [] for count in jobs}
    cpu: dict[int, list[float]] = {count: [] for count in jobs}
    decisions = 0
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        # in turn (one job, two jobs, one job, ...), so the machine's drift hits all alike
        for _ in range(repeat):
            for count in jobs:
                command = [
                    *newcourse_command(), "playtest", str(folder), "-n", str(games),
                    "--jobs", str(count), "--quiet", "--json", str(report),
                ]  # fmt: skip
                before = children_cpu()
                started = time.perf_counter()
                subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
                runs[count].append(time.perf_counter() - started)
                cpu[count].append(children_cpu() - before)
                decisions = json.loads(report.read_text())["decisions"]
    for count, walls in runs.items():
        wall = statistics.median(walls)
        results[f"jobs_{count}"] = {
            "wall_s": wall,
            "cpu_s": statistics.median(cpu[count]),
            "games_per_s": games / wall,
            "decisions_per_s": decisions / wall,
            "decisions": decisions,
            "runs_s": walls,
            "cpu_runs_s": cpu[count],
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--games", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    print(json.dumps(measure(args.games, args.repeat, tuple(args.jobs)), indent=1))


if __name__ == "__main__":
    main()
