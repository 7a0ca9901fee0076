"""``newcourse play``: open a session from the command line's flags, then hand it to a player.

It holds no game rule: it chooses which session to open (new, continued or
loaded) and which player shows it (plain or full screen).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from .errors import EXIT_CAMPAIGN, EXIT_OK, EXIT_USAGE, fail, load_or_report

if TYPE_CHECKING:
    from ..engine import Campaign
    from ..storage import SaveStore
    from ..terminal.session import Session

__all__ = ["play", "run_fullscreen", "run_plain"]


def play(args: argparse.Namespace) -> int:
    """Run ``newcourse play`` with its parsed arguments; returns the exit code."""
    from ..engine import Refusal
    from ..storage import SaveStore, default_data_dir
    from ..terminal.session import Session

    campaign = load_or_report(args.campaign)
    if campaign is None:
        return EXIT_CAMPAIGN
    store = None if args.no_save else SaveStore(default_data_dir(), campaign.id)
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "big")
    try:
        if args.resume:
            if store is None:
                return fail("--continue needs saves; drop --no-save", EXIT_USAGE)
            session = Session.resume(campaign, store)
        elif args.load is not None:
            session = Session.load(campaign, args.load, store)
        else:
            session = Session.new(campaign, seed, store)
    except Refusal as refusal:
        return fail(f"{refusal}.", EXIT_USAGE)
    except OSError as error:
        return fail(f"cannot write the save folder: {error.strerror}.")

    plain = args.plain or not (sys.stdin.isatty() and sys.stdout.isatty())
    if plain:
        return run_plain(session)
    return run_fullscreen(session, campaign=campaign, store=store, seed=seed)


def run_plain(session: Session) -> int:
    """Play line by line on standard input and output; returns the exit code."""
    from ..terminal.plain import PlainPlayer

    return PlainPlayer(session, sys.stdin, sys.stdout).run()


def run_fullscreen(
    session: Session | None, *, campaign: Campaign, store: SaveStore | None, seed: int
) -> int:
    """Play in the full-screen terminal player; returns the exit code.

    With a session the game opens at once; with None the start screen offers
    to continue, start a new game (with ``seed``), load a save or quit.
    """
    from ..terminal.app import NewCourseApp

    app = NewCourseApp(session, campaign=campaign, store=store, seed=seed)
    app.run()
    return app.return_code or EXIT_OK
