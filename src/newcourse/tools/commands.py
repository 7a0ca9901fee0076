"""The authoring tools' sub-commands, added to the one command-line parser."""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["add_tool_commands"]


def add_tool_commands(commands: Any) -> None:
    check = commands.add_parser("check", help="check a campaign for mistakes")
    check.add_argument(
        "campaign", nargs="?", type=str, help="the campaign folder (default: the bundled one)"
    )
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="json: for machines"
    )
    check.add_argument(
        "--games",
        type=int,
        default=200,
        metavar="N",
        help="random games to play to confirm what fires (default: 200; 0: none)",
    )
    check.set_defaults(run=_check)

    from .graph.arguments import add_graph_arguments
    from .playtest.arguments import add_playtest_arguments

    playtest = commands.add_parser(
        "playtest", help="let bots play the campaign many times and report what happens"
    )
    add_playtest_arguments(playtest)
    playtest.set_defaults(run=_playtest)
    graph = commands.add_parser("graph", help="draw the campaign's events, options and endings")
    add_graph_arguments(graph)
    graph.set_defaults(run=_graph)


def _check(args: argparse.Namespace) -> int:
    from .check import run_check

    return run_check(args)


def _playtest(args: argparse.Namespace) -> int:
    from .playtest.command import run_playtest

    return run_playtest(args)


def _graph(args: argparse.Namespace) -> int:
    from .graph.command import run_graph

    return run_graph(args)
