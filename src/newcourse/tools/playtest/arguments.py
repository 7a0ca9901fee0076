"""The command-line arguments of ``newcourse playtest`` (kept light: no heavy imports)."""

from __future__ import annotations

import argparse
from pathlib import Path

__all__ = ["add_playtest_arguments"]


def add_playtest_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-n",
        "--games",
        type=int,
        default=1000,
        help="games to play (1000); Ctrl-C stops early and reports the games played",
    )
    parser.add_argument(
        "--strategy",
        default="random",
        help="random, historical, greedy, or a strategy from strategies.yaml (random)",
    )
    parser.add_argument(
        "--target",
        help="for greedy: a quality or number expression to raise, or ending:ID to reach",
    )
    parser.add_argument(
        "--rollouts",
        type=int,
        default=0,
        metavar="K",
        help="for greedy towards an ending: finish K random games after each option "
        "instead of scoring by the ending's condition alone (slow)",
    )
    parser.add_argument(
        "--time-limit",
        type=float,
        metavar="SECONDS",
        help="start no game after this long, and report the games played",
    )
    parser.add_argument(
        "--balance",
        action="store_true",
        help="play -n games with every strategy (random, historical, the campaign's own, "
        "greedy on each shown quality) and report the balance targets",
    )
    parser.add_argument("--seed", type=int, default=0, help="the run's seed (0)")
    parser.add_argument(
        "--jobs",
        type=int,
        default=0,
        metavar="J",
        help="worker processes, at most one for each processor (default 0: one for each); "
        "results do not depend on it",
    )
    parser.add_argument("--html", type=Path, metavar="FILE", help="write the report as HTML")
    parser.add_argument(
        "--markdown",
        type=Path,
        metavar="FILE",
        help="write the report as Markdown, with its charts as SVG files beside it",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the report as JSON")
    parser.add_argument(
        "--record", type=Path, metavar="FILE", help="play one game (--seed) and save its replay"
    )
    parser.add_argument(
        "--replay",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="replay saves or replay files and report whether they end the same",
    )
    parser.add_argument(
        "--update",
        action="store_true",
        help="with --replay: record each replay file again from its seed and strategy",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
