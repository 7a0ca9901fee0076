"""The full-screen player's start screen: continue, a new game, load a save, or quit.

It only offers the choices; the app opens the session the player picks.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from .panels import TopBar

__all__ = [
    "CONTINUE",
    "LOAD",
    "NEW",
    "QUIT",
    "LoadScreen",
    "SavedGame",
    "SeedScreen",
    "StartScreen",
]

CONTINUE, NEW, LOAD, QUIT = "continue", "new", "load", "quit"


class StartScreen(Screen[None]):
    """What to do: continue the game in progress (the default), start anew, load, or quit.

    ``in_progress`` describes the game in progress ("Winter 1924, turn 3"), or is
    None when there is none; ``problem`` says why it cannot be continued.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit_game", "Quit"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    HELP_WORDS: ClassVar[dict[str, str]] = {"q": "leave (no game is open yet)"}
    """What a key of the key map does here, where it differs from the key map."""

    class Chosen(Message):
        """The player picked one of the start screen's choices."""

        def __init__(self, choice: str) -> None:
            super().__init__()
            self.choice = choice

    def __init__(
        self, title: str, in_progress: str | None, *, problem: str = "", can_load: bool = True
    ) -> None:
        super().__init__()
        self.campaign_title = title
        self.in_progress = in_progress
        self.problem = problem
        self.can_load = can_load

    def compose(self) -> ComposeResult:
        yield TopBar(self.campaign_title)
        with VerticalScroll(id="start-body"):
            yield Static(Content(self.campaign_title), id="start-title")
            if self.problem:
                yield Static(Content(self.problem), id="start-problem")
            menu = OptionList(id="start-menu")
            menu.border_title = "Start"
            menu.border_subtitle = "↑ ↓ Enter"
            yield menu
        yield Footer()

    def on_mount(self) -> None:
        menu = self.query_one("#start-menu", OptionList)
        choices: list[Option] = []
        if self.in_progress is not None:
            choices.append(Option(f"Continue: {self.in_progress}", id=CONTINUE))
        choices.append(Option("New game", id=NEW))
        choices.append(Option("Load a saved game", id=LOAD, disabled=not self.can_load))
        choices.append(Option("Quit", id=QUIT))
        menu.set_options(choices)
        menu.highlighted = 0
        menu.focus()

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        if message.option.id is not None:
            self.post_message(self.Chosen(message.option.id))


class SeedScreen(ModalScreen[int | None | bool]):
    """Ask for the seed of a new game: empty for a random one, Esc to go back.

    Dismissed with the seed, None for a random seed, or False when cancelled.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Back")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog save-dialog") as dialog:
            dialog.border_title = "New game"
            dialog.border_subtitle = "Enter: start · Esc: back"
            yield Static("Seed (leave empty for a random game; the same seed gives the same game):")
            yield Input(placeholder="random", id="seed", restrict=r"[0-9]{0,18}")
            yield Static(id="seed-problem")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        self.dismiss(int(text) if text else None)

    def on_key(self, event: events.Key) -> None:
        if event.key == "q" and not self.query_one(Input).has_focus:
            self.dismiss(False)

    def action_cancel(self) -> None:
        """Go back to the start screen."""
        self.dismiss(False)


class SavedGame(NamedTuple):
    """One save as the Load list shows it."""

    name: str
    """The save's name, which loads it."""
    when: str
    summary: str


class LoadScreen(ModalScreen[str | None]):
    """The saves to load, newest first, each with its name, date and where the game stood."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Back")]

    def __init__(self, saves: list[SavedGame]) -> None:
        super().__init__()
        self.saves = saves

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Load a saved game"
            dialog.border_subtitle = "↑ ↓ Enter: load · Esc: back"
            if not self.saves:
                yield Static("There are no saved games yet.", id="no-saves")
            yield OptionList(
                *(
                    Option(
                        Content.assemble(
                            (save.name, "bold"), f"  {save.summary}", (f"  · {save.when}", "dim")
                        ),
                        id=str(number),
                    )
                    for number, save in enumerate(self.saves)
                ),
                id="saves",
            )

    def on_mount(self) -> None:
        self.query_one("#saves", OptionList).focus()

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        if message.option.id is not None:
            self.dismiss(self.saves[int(message.option.id)].name)

    def on_key(self, event: events.Key) -> None:
        if event.key == "q":
            event.stop()
            self.dismiss(None)

    def action_cancel(self) -> None:
        """Go back to the start screen."""
        self.dismiss(None)
