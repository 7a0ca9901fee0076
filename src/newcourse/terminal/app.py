"""The full-screen terminal player, built with Textual.

``NewCourseApp`` opens on the game it is given, or on the start screen
(continue, new game, load, quit) when it is given none. The game itself is
``PlayScreen`` (``play_screen.py``). The app owns what lies around the game: the
help, saving, quitting, a crash (one sentence after the screen is restored,
the autosave kept) and a lost terminal (the game is saved and the app exits).
No game rule lives here.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import termios
from collections.abc import Callable
from typing import Any

from rich.table import Table
from textual.app import App
from textual.binding import Binding
from textual.driver import Driver
from textual.notifications import SeverityLevel
from textual.screen import Screen

from ..engine import Campaign, Refusal
from ..session import COMMANDS, Session, refusal_sentence
from ..session.phrases import SAVING_OFF, not_possible
from ..storage import LOCAL, GameStore
from .lost import watching_driver
from .panels import theme_colours
from .play_screen import PlayScreen
from .safe import safe, safe_text
from .screens import EndingScreen, NoteScreen, SaveScreen
from .start import CONTINUE, LOAD, NEW, QUIT, LoadScreen, SavedGame, SeedScreen, StartScreen

__all__ = ["EXIT_CRASH", "EXIT_LOST_TERMINAL", "HELP", "NewCourseApp", "PlayScreen", "help_rows"]

EXIT_CRASH = 1
"""The exit code after an internal error."""
EXIT_LOST_TERMINAL = 129
"""The exit code when the terminal went away (as for a hang-up signal)."""

HELP = """\
Greyed options are not open to you now; the line under them says why.
*Chances* are the odds of each outcome; a vote shows how the delegates
would vote today. In the sidebar, the small signed number beside a value
shows how it moved since before your last decision. Esc closes any note.
"""

_MOVING = {
    "PlayScreen": (
        ("1-9", "choose that option"),
        ("↑ ↓", "move between the options; Enter chooses the one marked"),
        (
            "Tab",
            "move on to the story (↑ ↓ PgUp PgDn then scroll it) and its folded lines "
            "(▶: Enter opens one), and round again to the options",
        ),
    ),
    "StartScreen": (("↑ ↓", "move between the choices; Enter picks one"),),
    "EndingScreen": (("↑ ↓ PgUp PgDn", "scroll the ending"),),
}


def help_rows(screen: Screen[Any]) -> list[tuple[str, str]]:
    """The keys that work on ``screen``, as the help lists them: how to move, then
    every command of the key map that the screen binds."""
    bound = {
        binding.key
        for binding in screen.BINDINGS
        if isinstance(binding, Binding) and screen.check_action(binding.action, ()) is not False
    }
    rows = list(_MOVING.get(type(screen).__name__, ()))
    words: dict[str, str] = getattr(screen, "HELP_WORDS", {})
    for command in COMMANDS:
        key = "question_mark" if command.key == "?" else command.key
        if key in bound:
            rows.append((command.key, words.get(command.key, command.help)))
    rows.extend(getattr(screen, "EXTRA_HELP", ()))
    return rows


def random_seed() -> int:
    """The seed of a game whose player asked for none."""
    return int.from_bytes(os.urandom(4), "big")


class NewCourseApp(App[None]):
    """The full-screen player: ``NewCourseApp(session).run()``, or with no session
    ``NewCourseApp(None, campaign=..., store=..., seed=...)`` for the start screen."""

    CSS_PATH = "app.tcss"
    TITLE = "New Course"
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        session: Session | None,
        *,
        campaign: Campaign | None = None,
        store: GameStore | None = None,
        seed: int = 0,
    ) -> None:
        super().__init__()
        self.player = LOCAL
        if session is not None:
            campaign, store, self.player = session.game.campaign, session.store, session.player
        assert campaign is not None, "without a session the app needs the campaign"
        self.session = session
        self._given = session
        self.campaign = campaign
        self.store = store
        self.seed = seed
        self.crash: BaseException | None = None
        """The error that stopped the game, if one did; the caller reports it."""
        self.title = safe_text(campaign.title)
        self._lost = False
        self._event_loop: asyncio.AbstractEventLoop | None = None

    # ------------------------------------------------------------ opening and closing

    def on_unmount(self) -> None:
        """Let go of the saves of a game opened here, however the app ends (the
        caller closes a session it gave)."""
        if self.session is not None and self.session is not self._given:
            self.session.close()

    async def on_mount(self) -> None:
        if not self.is_headless:
            self._watch_terminal()
        if self.session is not None:
            await self.begin(self.session)
            return
        in_progress = None
        if self.store is not None:
            saves = self.store.slots(self.player, self.campaign.id)
            autosaves = [entry for entry in saves if entry.kind == "autosave"]
            if autosaves:
                in_progress = autosaves[0].summary
        start = StartScreen(self.title, in_progress, can_load=self.store is not None)
        await self.push_screen(start)

    async def on_start_screen_chosen(self, message: StartScreen.Chosen) -> None:
        if message.choice == CONTINUE and self.store is not None:
            store = self.store
            await self._open(lambda: Session.resume(self.campaign, store, player=self.player))
        elif message.choice == NEW:
            self.action_new_game()
        elif message.choice == LOAD:
            self.push_screen(LoadScreen(self.saved_games()), self._load)
        elif message.choice == QUIT:
            self.exit()

    def saved_games(self) -> list[SavedGame]:
        """The saves the Load list offers: the autosave, named saves, then earlier games."""
        if self.store is None:
            return []
        return [
            safe(SavedGame(entry.key.slot, f"{entry.modified:%d %b %Y %H:%M}", entry.summary))
            for entry in self.store.slots(self.player, self.campaign.id)
        ]

    def action_new_game(self) -> None:
        """Ask for a seed, then start a new game (the game in progress is set aside)."""
        self.push_screen(SeedScreen(), self._start_new)

    async def _start_new(self, seed: int | bool | None) -> None:
        if seed is False:
            return
        chosen = seed if isinstance(seed, int) and seed is not True else random_seed()
        await self._open(lambda: Session.new(self.campaign, chosen, self.store, player=self.player))

    async def _load(self, slot: str | None) -> None:
        if slot is not None:
            await self._open(
                lambda: Session.load(self.campaign, slot, self.store, player=self.player)
            )

    async def _open(self, opening: Callable[[], Session]) -> None:
        """Open a session in place of the one on screen (which lets go of the saves
        first); a refusal is told and the screen stays as it was."""
        before = self.session
        if before is not None:
            before.close()
        try:
            session = opening()
        except Refusal as refusal:
            self.tell(refusal_sentence(refusal), severity="warning")
            if before is not None:
                self.session = before  # still on screen; its next autosave takes the lock again
            return
        await self.begin(session)

    async def begin(self, session: Session) -> None:
        """Play ``session``: its game replaces whatever the screen showed."""
        self.session = session
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        await self.push_screen(PlayScreen(session))
        await self._open_ending_if_over()

    async def _open_ending_if_over(self) -> None:
        screen = self.screen
        if not isinstance(screen, PlayScreen):
            return
        view = screen.game_view()
        if view.ending is not None:
            ending = EndingScreen(self.title, view, theme_colours(self), can_undo=view.can_undo)
            await self.push_screen(ending, screen.on_ending_closed)

    # ------------------------------------------------------------ commands

    def tell(
        self, message: str, *, severity: SeverityLevel = "information", timeout: float | None = None
    ) -> None:
        """A notification in plain words (campaign text is never read as markup)."""
        self.notify(safe_text(message), severity=severity, timeout=timeout, markup=False)

    def colours(self) -> dict[str, str]:
        """The theme's accent, success and error colours, for Rich renderables."""
        return theme_colours(self)

    def action_save_game(self) -> None:
        """Ask for a name and save the game."""
        if self.session is None or self.session.store is None:
            self.tell(not_possible(SAVING_OFF), severity="warning")
            return
        self.push_screen(SaveScreen(), self._save_as)

    def _save_as(self, name: str | None) -> None:
        if name is None or self.session is None:
            return
        try:
            kept = self.session.save_as(name)
        except Refusal as refusal:
            self.tell(refusal_sentence(refusal), severity="warning")
            return
        self.tell(self.session.saved_words(kept), timeout=10)

    def action_help(self) -> None:
        """Show the keys that work here."""
        keys = Table.grid(padding=(0, 2))
        keys.add_column(style=f"bold {self.colours()['accent']}", justify="right", no_wrap=True)
        keys.add_column()
        for key, meaning in help_rows(self.screen):
            keys.add_row(key, meaning)
        text = HELP if isinstance(self.screen, PlayScreen) else "Esc closes this note."
        self.push_screen(NoteScreen("Help", text, table=keys, close_keys=("question_mark",)))

    def action_quit_game(self) -> None:
        """Leave, saying truly whether the game is saved and how to go on."""
        message = self.session.parting_words() if self.session is not None else None
        self.exit(message=message)

    # ------------------------------------------------------------ when things go wrong

    def _handle_exception(self, error: Exception) -> None:
        """Any error inside the app ends it; the caller says so in one sentence once
        the screen is restored (the autosave of the last decision is kept)."""
        if self.crash is None:
            self.crash = error
        self._return_code = EXIT_CRASH
        self._exception_event.set()  # what waits for the app (a test's pilot) stops waiting
        self._close_messages_no_wait()  # as Textual ends after an error, without its traceback

    def get_driver_class(self) -> type[Driver]:
        return watching_driver(super().get_driver_class(), self.terminal_gone)

    def _watch_terminal(self) -> None:
        """Save and leave when the terminal goes away: a hang-up or termination
        signal, a failed write or read (``lost.py``), or a terminal that no longer
        answers (closed under a parent such as ``make``, which keeps the hang-up
        signal from the game)."""
        loop = asyncio.get_running_loop()
        self._event_loop = loop
        for number in (signal.SIGHUP, signal.SIGTERM):
            loop.add_signal_handler(number, self.terminal_lost)
        self.set_interval(0.5, self._check_terminal)

    def _check_terminal(self) -> None:
        stdin = sys.__stdin__
        try:
            if stdin is None:
                raise OSError("no input")
            termios.tcgetattr(stdin.fileno())
        except (OSError, termios.error, ValueError):
            self.terminal_lost()

    def terminal_gone(self) -> None:
        """``terminal_lost`` from another thread: hand it to the app's event loop."""
        loop = self._event_loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self.terminal_lost)

    def terminal_lost(self) -> None:
        """Save the game and exit: there is no one left to play it."""
        if self._lost:
            return
        self._lost = True
        if self.session is not None:
            self.session.autosave()
        self.exit(return_code=EXIT_LOST_TERMINAL)
