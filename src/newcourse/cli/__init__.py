"""The one entry point: ``newcourse play | check | playtest | graph``.

This package wires front-ends and tools to the engine; it holds no game rule.
Every expected failure (a bad campaign, a bad save, a bad argument) ends with
one clear line on standard error and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from ..extras import missing_extra
from .errors import EXIT_ERROR, fail
from .play import PLAY_NOTES, play

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newcourse",
        description="New Course: lead the Left Opposition, 1923-1930.",
    )
    parser.add_argument("--version", action="version", version=f"newcourse {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = commands.add_parser("play", help="play the game in the terminal")
    play.add_argument(
        "--plain", action="store_true", help="line-by-line play (screen readers, pipes)"
    )
    play.add_argument(
        "--continue", dest="resume", action="store_true", help="continue the last game"
    )
    play.epilog = PLAY_NOTES
    play.formatter_class = argparse.RawDescriptionHelpFormatter
    play.add_argument(
        "--load", metavar="NAME|FILE", help="load a save by the name it was saved under, or a file"
    )
    play.add_argument("--seed", type=int, help="the seed of a new game (same seed, same game)")
    play.add_argument("--campaign", metavar="PATH", type=Path, help="play a campaign from a folder")
    play.add_argument("--no-save", action="store_true", help="do not write saves")

    from ..tools.commands import add_tool_commands

    add_tool_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["play", *(argv or [])])
    try:
        if args.command == "play":
            return play(args)
        return int(args.run(args))
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (e.g. `newcourse play | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    except Exception as error:
        missing = missing_extra(error)
        if missing is not None:
            return fail(f"{missing}.")
        if os.environ.get("NEWCOURSE_DEBUG"):
            raise
        return fail(
            f"an internal error stopped the game ({type(error).__name__}: {error}). "
            "Your last autosave is safe; set NEWCOURSE_DEBUG=1 to see the details, "
            "and please report it."
        )
