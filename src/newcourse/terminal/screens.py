"""The full-screen player's other screens: notes (codex, news, help), the timeline,
the save prompt and the ending.

They show what they are given; the app decides when to open them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.console import RenderableType
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, Markdown, Static

from ..session.view import PublicView
from .panels import ResultPanel, TopBar, timeline_table
from .safe import safe, safe_text
from .sidebar import Sidebar

__all__ = ["EndingScreen", "NoteScreen", "SaveScreen"]


class NoteScreen(ModalScreen[None]):
    """A note over the game: a title, a line under it, Markdown, and maybe a table.

    Used for the codex, the front page, the timeline and the help.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]

    def __init__(
        self,
        title: str,
        markdown: str = "",
        *,
        meta: str = "",
        table: RenderableType | None = None,
        close_keys: tuple[str, ...] = (),
        links: Mapping[str, tuple[str, str, str]] | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(name=name)
        self.note_title = safe_text(title)
        self.markdown = safe_text(markdown)
        self.meta = safe_text(meta)
        self.table = table
        self.close_keys = close_keys
        self.links = dict(links or {})
        """Keys that open another note over this one: key → (label, title, Markdown)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = Content(self.note_title)
            keys = [f"{key}: {label}" for key, (label, _, _) in self.links.items()]
            dialog.border_subtitle = " · ".join(["Esc: close", *keys])
            if self.meta:
                yield Static(Content(self.meta), classes="note-meta")
            with VerticalScroll(classes="note-body"):
                if self.table is not None:
                    yield Static(self.table, classes="note-table")
                if self.markdown:
                    yield Markdown(self.markdown)

    def on_mount(self) -> None:
        self.query_one(".note-body").focus()

    def on_key(self, event: events.Key) -> None:
        if event.key in self.links:
            event.stop()
            _, title, markdown = self.links[event.key]
            self.app.push_screen(NoteScreen(title, markdown, close_keys=(event.key,)))
        elif event.key in self.close_keys or event.key == "q":
            event.stop()
            self.dismiss()

    def action_close(self) -> None:
        """Go back to the game."""
        self.dismiss()


class SaveScreen(ModalScreen[str | None]):
    """Ask for a save name; an empty name is the quicksave."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog save-dialog") as dialog:
            dialog.border_title = "Save the game"
            dialog.border_subtitle = "Enter: save · Esc: cancel"
            yield Static("Name of the save (leave empty for the quicksave):")
            yield Input(placeholder="quicksave", id="save-name")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


class EndingScreen(Screen[bool]):
    """The end of the game: the last result, the ending, history, and the timeline.

    Dismissed with True when the player takes the last decision back.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("u", "take_back", "Undo"),
        Binding("g", "app.new_game", "New game"),
        Binding("s", "app.save_game", "Save"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding("q", "app.quit_game", "Quit"),
    ]

    EXTRA_HELP = (("g", "start a new game (this one is kept in your saves)"),)
    """Keys of this screen beyond the key map, for the help."""

    def __init__(
        self,
        campaign_title: str,
        view: PublicView,
        colours: Mapping[str, str],
        *,
        can_undo: bool = True,
        people: tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self.people = people
        """How the last decision changed people, a line each."""
        self.can_undo = can_undo
        """Whether the last decision may be taken back (not when its outcome was drawn)."""
        self.campaign_title = safe_text(campaign_title)
        self.view = safe(view)
        self.colours = colours

    def compose(self) -> ComposeResult:
        ending = self.view.ending
        assert ending is not None, "the ending screen needs a finished game"
        yield TopBar(self.campaign_title, f"The end · {self.view.date}")
        with Horizontal(id="body"):
            with VerticalScroll(id="ending-body"):
                yield ResultPanel(classes="panel result")
                yield Static("The game is over", id="ending-kicker")
                yield Static(Content(ending.title), id="ending-title")
                yield Markdown(ending.text, id="ending-text")
                if ending.summary:
                    yield Markdown("\n\n".join(ending.summary), id="ending-summary")
                if ending.history:
                    yield Static("What really happened", classes="section-heading")
                    yield Markdown(ending.history, id="ending-history")
                yield Static("Your timeline beside history", classes="section-heading")
                yield Static(timeline_table(self.view.timeline, self.colours), id="ending-timeline")
            yield Sidebar(self.view, id="sidebar")
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        self.query_one(Sidebar).show(self.view)
        await self.query_one(ResultPanel).show(self.view, self.people)
        self.query_one("#ending-body").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Undo is offered only when the engine allows it."""
        return self.can_undo if action == "take_back" else True

    def action_take_back(self) -> None:
        """Go back to the last decision."""
        self.dismiss(True)
