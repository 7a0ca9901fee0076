"""The one entry point: ``newcourse play | check | playtest | graph``.

This module wires front-ends and tools to the engine; it holds no game rule.
Every expected failure (a bad campaign, a bad save, a bad argument) ends with
one clear line on standard error and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__

__all__ = ["main"]

EXIT_OK, EXIT_USAGE, EXIT_ERROR = 0, 2, 1


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
    play.add_argument("--load", metavar="FILE", type=Path, help="load a saved game from a file")
    play.add_argument("--seed", type=int, help="the seed of a new game (same seed, same game)")
    play.add_argument("--campaign", metavar="PATH", type=Path, help="play a campaign from a folder")
    play.add_argument("--no-save", action="store_true", help="do not write saves")

    from .tools.commands import add_tool_commands

    add_tool_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["play", *(argv or [])])
    try:
        if args.command == "play":
            return _play(args)
        return int(args.run(args))
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (e.g. `newcourse play | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    except Exception as error:
        if os.environ.get("NEWCOURSE_DEBUG"):
            raise
        return _fail(
            f"an internal error stopped the game ({type(error).__name__}: {error}). "
            "Your last autosave is safe; set NEWCOURSE_DEBUG=1 to see the details, "
            "and please report it."
        )


def _fail(message: str, code: int = EXIT_ERROR) -> int:
    print(f"newcourse: {message}", file=sys.stderr)
    return code


def load_or_report(folder: Path | None):  # type: ignore[no-untyped-def]
    """Load a campaign, or print every error in it and return None."""
    from .content import CampaignError, builtin_campaign_path, load_campaign

    path = folder if folder is not None else builtin_campaign_path()
    try:
        return load_campaign(path)
    except CampaignError as error:
        for diagnostic in error.errors:
            print(diagnostic, file=sys.stderr)
        count = len(error.errors)
        print(f"newcourse: the campaign has {count} error{'s' * (count != 1)}", file=sys.stderr)
        return None


def _play(args: argparse.Namespace) -> int:
    from .engine import Refusal
    from .storage import SaveStore, default_data_dir
    from .terminal.session import Session

    campaign = load_or_report(args.campaign)
    if campaign is None:
        return EXIT_USAGE
    store = None if args.no_save else SaveStore(default_data_dir(), campaign.id)
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "big")
    try:
        if args.resume:
            if store is None:
                return _fail("--continue needs saves; drop --no-save", EXIT_USAGE)
            session = Session.resume(campaign, store)
        elif args.load is not None:
            session = Session.load(campaign, args.load, store)
        else:
            session = Session.new(campaign, seed, store)
    except Refusal as refusal:
        return _fail(f"{refusal}.", EXIT_USAGE)
    except OSError as error:
        return _fail(f"cannot write the save folder: {error.strerror}.")

    plain = args.plain or not (sys.stdin.isatty() and sys.stdout.isatty())
    if plain:
        from .terminal.plain import PlainPlayer

        return PlainPlayer(session, sys.stdin, sys.stdout).run()
    from .terminal.app import NewCourseApp

    NewCourseApp(session).run()
    return EXIT_OK
