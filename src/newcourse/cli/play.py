"""``newcourse play``: open a session from the command line's flags, then hand it to a player.

It holds no game rule: it chooses which session to open (new, continued or
loaded) and which player shows it (plain or full screen).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
from typing import TYPE_CHECKING

from .errors import EXIT_CAMPAIGN, EXIT_ERROR, EXIT_OK, EXIT_USAGE, fail, load_or_report

if TYPE_CHECKING:
    from ..engine import Campaign
    from ..session import Session
    from ..storage import GameStore

__all__ = ["PLAY_NOTES", "contradiction", "play", "run_fullscreen", "run_plain"]

PLAY_NOTES = """\
which game opens:
  With none of --continue, --load and --seed, the full-screen player opens on
  its start screen (continue, new game, load, quit); the plain player starts a
  new game. A new or loaded game never overwrites the game in progress: it is
  set aside as a previous game (the last five are kept, listed under Load).
  --load takes the name a game was saved under or a file's path: a word with
  no '/', '.' or '~' that names a save loads that save; anything else is a
  path (write ./NAME for a file that shares a save's name).
  --continue goes with none of --seed, --load and --no-save; --load not with
  --seed. One game at a time may use a data folder: NEWCOURSE_DATA_DIR names
  another. A game that cannot be saved says so; a save given a path for its
  name (such as ~/game.json) is written to that file instead."""


CONTRADICTIONS = (
    ("resume", "seed", "--continue goes on with the game in progress, whose seed is already set"),
    ("resume", "load", "--continue goes on with the game in progress, --load opens another"),
    ("load", "seed", "a loaded game keeps the seed it was started with"),
    ("no_save", "resume", "--continue needs the saves that --no-save switches off"),
)

FLAG_NAMES = {"resume": "--continue", "seed": "--seed", "load": "--load", "no_save": "--no-save"}


def contradiction(args: argparse.Namespace) -> str | None:
    """The sentence refusing two flags that cannot go together, or None."""
    from ..engine.game import SEED_LIMIT

    for first, second, reason in CONTRADICTIONS:
        if _given(args, first) and _given(args, second):
            return f"{FLAG_NAMES[first]} and {FLAG_NAMES[second]} cannot be used together: {reason}"
    if args.seed is not None and not -SEED_LIMIT < args.seed < SEED_LIMIT:
        return "--seed must be a whole number of at most 19 digits"
    return None


def _given(args: argparse.Namespace, name: str) -> bool:
    value = getattr(args, name)
    return value is not None and value is not False


def play(args: argparse.Namespace) -> int:
    """Run ``newcourse play`` with its parsed arguments; returns the exit code.

    With no ``--continue``, ``--load`` or ``--seed`` the full-screen player opens
    on its start screen; the plain player starts a new game (the last one set aside).
    """
    from ..engine import Refusal
    from ..session import Session
    from ..storage import FileGameStore, NoSuchSave, default_data_dir

    refused = contradiction(args)
    if refused is not None:
        return fail(f"{refused}.", EXIT_USAGE)
    campaign = load_or_report(args.campaign)
    if campaign is None:
        return EXIT_CAMPAIGN
    saves = FileGameStore(default_data_dir(), start=campaign.start)
    store = None if args.no_save else saves
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "big")
    plain = args.plain or not (sys.stdin.isatty() and sys.stdout.isatty())
    if not plain:
        # a missing 'terminal' extra is told before any save is set aside
        from ..terminal.app import NewCourseApp  # noqa: F401
    if not plain and not (args.resume or args.load is not None or args.seed is not None):
        return run_fullscreen(None, campaign=campaign, store=store, seed=seed)
    try:
        if args.resume:
            assert store is not None
            session = Session.resume(campaign, store)
        elif args.load is not None:
            session = Session.load(campaign, args.load, saves, saving=store is not None)
        else:
            session = Session.new(campaign, seed, store)
    except NoSuchSave as missing:
        return fail(f"{missing}.", EXIT_USAGE)
    except Refusal as refusal:
        return fail(f"{refusal}.", EXIT_ERROR)
    with session:
        if plain:
            return run_plain(session)
        return run_fullscreen(session, campaign=campaign, store=store, seed=seed)


def run_plain(session: Session) -> int:
    """Play line by line on standard input and output; returns the exit code.

    Lines are as wide as the terminal (80 characters when output is not a
    terminal; ``COLUMNS`` overrides both). Bytes that are not text in the
    input's encoding arrive as replacement characters, and characters the
    output cannot encode are written as ``?``, so no input or terminal can
    stop the game.
    """
    from ..terminal.plain import PlainPlayer

    for stream in (sys.stdin, sys.stdout):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    width = shutil.get_terminal_size((80, 24)).columns
    return PlainPlayer(session, sys.stdin, sys.stdout, width=width).run()


def run_fullscreen(
    session: Session | None, *, campaign: Campaign, store: GameStore | None, seed: int
) -> int:
    """Play in the full-screen terminal player; returns the exit code.

    With a session the game opens at once; with None the start screen offers
    to continue, start a new game (with ``seed``), load a save or quit.
    """
    from ..terminal.app import NewCourseApp

    app = NewCourseApp(session, campaign=campaign, store=store, seed=seed)
    try:
        app.run()
    finally:
        if app.session is not None and app.session is not session:
            app.session.close()  # a game opened from the start screen
    if app.crash is not None:
        raise app.crash  # reported like any other internal error, now the screen is restored
    return app.return_code or EXIT_OK
