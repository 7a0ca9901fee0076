"""This checkout's engine against another revision's, per decision, in interleaved rounds.

    python benchmarks/compare.py --baseline REV [--rounds 9] [--games 1000] [--campaign DIR]
                                 [--source DIR]

The baseline is checked out with ``git worktree`` into a temporary folder
(removed at the end). Each round runs one fresh process of the baseline and
one of this checkout, in turn (A, B, A, B, ...; the order flips every round),
so the machine's drift and a second core hit both alike; each process times
the same games through the playtester's loop, through the ``Game`` API, and
through the ``Game`` API with a view of every moment (``engine_worker.py``).
Both play the same campaign folder: by default the baseline's bundled
campaign, which both must read, so content changed since the baseline (or
being changed in this checkout) does not enter the comparison. ``--source``
times another copy of the code instead of this checkout's ``src`` (an export
of one commit, say).

Printed: the medians of microseconds per decision, CPU (``process_time``) and
wall, the ratio baseline / this (above 1: this checkout is faster), and
whether both played the same games with the first generator of chance (a
digest of every game's decisions and final state, see ``engine_worker.py``).
New games of an engine with other dice differ from the baseline's: the
decisions each side played are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from common import ROOT, machine

WORKER = Path(__file__).resolve().parent / "engine_worker.py"
MEASURES = (
    "runner_cpu_us",
    "runner_wall_us",
    "api_cpu_us",
    "api_wall_us",
    "view_cpu_us",
    "view_wall_us",
)


def run_once(source: Path, campaign: Path, games: int) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(source), "NEWCOURSE_NO_CACHE": "1"}
    done = subprocess.run(
        [sys.executable, str(WORKER), str(campaign), str(games)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def compare(
    baseline: Path, campaign: Path | None, rounds: int, games: int, source: Path | None = None
) -> dict[str, Any]:
    sides = {"baseline": baseline / "src", "this": source or ROOT / "src"}
    folder = campaign or baseline / "src" / "newcourse" / "campaigns" / "left_opposition"
    runs: dict[str, list[dict[str, Any]]] = {"baseline": [], "this": []}
    for number in range(rounds):
        order = ("baseline", "this") if number % 2 == 0 else ("this", "baseline")
        for side in order:
            runs[side].append(run_once(sides[side], folder, games))
            print(f"round {number + 1} {side}: {runs[side][-1]}", file=sys.stderr)
    medians = {
        side: {m: statistics.median(r[m] for r in results) for m in MEASURES}
        for side, results in runs.items()
    }
    return {
        "machine": machine(),
        "campaign": str(folder),
        "games": games,
        "rounds": rounds,
        "decisions": {side: results[0]["decisions"] for side, results in runs.items()},
        "same_games": len({r["first_dice_digest"] for rs in runs.values() for r in rs}) == 1,
        "source": str(sides["this"]),
        "median_us_per_decision": medians,
        "ratio": {m: medians["baseline"][m] / medians["this"][m] for m in MEASURES},
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", required=True, help="a git revision to compare against")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--games", type=int, default=1000)
    parser.add_argument("--campaign", type=Path, help="the campaign folder both play")
    parser.add_argument("--source", type=Path, help="the source folder to time (default: src)")
    parser.add_argument("--json", type=Path, help="also write every run here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        checkout = Path(scratch) / "baseline"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(checkout), args.baseline],
            check=True,
            capture_output=True,
        )
        try:
            result = compare(checkout, args.campaign, args.rounds, args.games, args.source)
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(checkout)],
                check=False,
                capture_output=True,
            )
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    medians, ratio = result["median_us_per_decision"], result["ratio"]
    print(f"{result['rounds']} rounds of {result['games']} games, {result['campaign']}")
    print(f"this: {result['source']}")
    print(
        f"same games with the first dice: {'yes' if result['same_games'] else 'NO'}; "
        f"decisions played: {result['decisions']}"
    )
    print("| µs per decision (median) | baseline | this | ratio |")
    print("|---|---|---|---|")
    for m in MEASURES:
        print(f"| {m[:-3]} | {medians['baseline'][m]:.1f} | {medians['this'][m]:.1f} | "
              f"{ratio[m]:.2f}× |")  # fmt: skip


if __name__ == "__main__":
    main()
