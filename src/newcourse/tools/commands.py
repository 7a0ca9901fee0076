"""The authoring tools' sub-commands, added to the one command-line parser.

Each command names its campaign with ``--campaign PATH``, as ``play`` does;
a folder given bare (``newcourse check PATH``, the older form) is still taken,
but is no longer shown in the help.
"""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["TOOLS", "add_campaign_argument", "add_tool_commands"]

# name -> (the one line in the command list, the description, the examples)
TOOLS: dict[str, tuple[str, str, str]] = {
    "check": (
        "check a campaign for mistakes",
        "Report everything wrong or suspicious in a campaign, as file:line: level: message.",
        "newcourse check --campaign my_campaign\n"
        "newcourse check --campaign my_campaign --strict --format json",
    ),
    "playtest": (
        "let bots play a campaign many times and report what happens",
        "Bots play the campaign many times; the report (endings, coverage, qualities, "
        "decisive options) goes to standard output, progress and notes to standard error.",
        "newcourse playtest -n 10000 --html report.html\n"
        "newcourse playtest --strategy greedy --target democracy -n 500\n"
        "newcourse playtest --replay tests/replays/*.json",
    ),
    "graph": (
        "draw a campaign's events, options and endings",
        "Draw what leads to what: events, options, qualities and endings, as DOT text "
        "or drawn by Graphviz.",
        "newcourse graph -o events.svg\nnewcourse graph --year 1924 --flags -o branches.dot",
    ),
}


def add_campaign_argument(parser: argparse.ArgumentParser) -> None:
    """``--campaign PATH``, and the older bare folder as a quiet alias of it."""
    parser.add_argument(
        "--campaign", metavar="PATH", help="the campaign folder (default: the bundled one)"
    )
    parser.add_argument("campaign_alias", nargs="?", metavar="PATH", help=argparse.SUPPRESS)


def add_tool_commands(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    """Add ``check``, ``playtest`` and ``graph`` to the sub-command parsers ``commands``."""
    from .graph.arguments import add_graph_arguments
    from .playtest.arguments import add_playtest_arguments

    parsers = {}
    for name, (line, description, examples) in TOOLS.items():
        parser = commands.add_parser(
            name,
            help=line,
            description=description,
            epilog=f"examples:\n  {examples.replace(chr(10), chr(10) + '  ')}",
            formatter_class=formatter,
        )
        add_campaign_argument(parser)
        parsers[name] = parser

    check = parsers["check"]
    check.add_argument("--strict", action="store_true", help="exit 3 on warnings too, as on errors")
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
    add_playtest_arguments(parsers["playtest"])
    parsers["playtest"].set_defaults(run=_playtest)
    add_graph_arguments(parsers["graph"])
    parsers["graph"].set_defaults(run=_graph)


def _check(args: argparse.Namespace) -> int:
    from .check import run_check

    return run_check(args)


def _playtest(args: argparse.Namespace) -> int:
    from .playtest.command import run_playtest

    return run_playtest(args)


def _graph(args: argparse.Namespace) -> int:
    from .graph.command import run_graph

    return run_graph(args)
