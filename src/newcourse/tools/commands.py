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
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(run=_check)


def _check(args: argparse.Namespace) -> int:
    from .check import run_check

    return run_check(args)
