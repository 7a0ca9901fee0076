"""The game in progress, full screen: story and options on the left, the status on the right.

The screen shows one ``TurnView`` at a time: the last decision's result, the
turn's front page, the current event and its options, with the date and the
qualities always in the sidebar. Every command goes through the ``Session``
(which autosaves after each decision); no game rule lives here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Footer, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from ..engine import Refusal, TurnView
from .keys import COMMANDS
from .panels import (
    ResultPanel,
    Sidebar,
    TopBar,
    change_content,
    codex_markdown,
    news_markdown,
    option_prompt,
    sentence,
    theme_colours,
    timeline_table,
)
from .screens import EndingScreen, NoteScreen
from .session import Session
from .words import not_available, status_lines

__all__ = ["PlayScreen"]

_ACTIONS = {
    "codex": "codex",
    "status": "status",
    "timeline": "timeline",
    "news": "news",
    "undo": "undo",
    "save": "app.save_game",
    "help": "app.help",
    "quit": "app.quit_game",
}
"""The action each command of the key map runs on this screen."""

_NUMBER_KEYS = [
    Binding(str(n), f"choose({n})", "Choose", key_display="1-9", show=n == 1) for n in range(1, 10)
]


class PlayScreen(Screen[None]):
    """The game in progress: story and options on the left, the status on the right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *_NUMBER_KEYS,
        *(
            Binding(
                "question_mark" if command.key == "?" else command.key,
                _ACTIONS[command.word],
                command.word.capitalize(),
                key_display=command.key,
            )
            for command in COMMANDS
        ),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.view: TurnView = session.game.view()

    @property
    def campaign_title(self) -> str:
        return self.session.game.campaign.title

    def compose(self) -> ComposeResult:
        yield TopBar(self.campaign_title)
        with Horizontal(id="body"):
            with Vertical(id="main"):
                with VerticalScroll(id="story"):
                    with Vertical(id="intro", classes="panel") as intro:
                        intro.border_title = Content(self.campaign_title)
                        yield Markdown(self.session.game.campaign.intro)
                        yield Static(
                            "Read the event below, then press the number of your choice. "
                            "Press ? for help.",
                            classes="hint",
                        )
                    yield ResultPanel(id="result", classes="panel result")
                    with Vertical(id="news", classes="panel"):
                        yield Markdown(id="news-items")
                        yield Static(id="news-changes")
                    yield Static(id="event-title")
                    yield Static(id="event-meta")
                    yield Markdown(id="event-text")
                yield OptionList(id="options")
            yield Sidebar(self.view, id="sidebar")
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        await self.show(self.view, opening=True)
        self.query_one("#story").focus()
        self.tell_notices()

    # ------------------------------------------------------------ showing

    async def show(self, view: TurnView, *, opening: bool) -> None:
        """Show a view; ``opening`` says a new turn has just begun, so the news is shown."""
        self.view = view
        self.query_one(TopBar).show(f"{view.date} · turn {view.turn} of {view.turns}")
        game = self.session.game
        self.query_one(Sidebar).show(view, game.undo().view() if game.can_undo else None)
        self.query_one("#intro").display = view.step == 0
        await self.query_one(ResultPanel).show(view)
        await self._show_news(view, opening)
        await self._show_event(view)
        self._show_options(view)
        self.query_one("#story", VerticalScroll).scroll_home(animate=False)

    async def _show_news(self, view: TurnView, opening: bool) -> None:
        news = self.query_one("#news")
        news.display = opening and bool(view.news or view.changes)
        if not news.display:
            return
        news.border_title = Content(f"{view.date} · the front page")
        await self.query_one("#news-items", Markdown).update(news_markdown(view, hints=True))
        changes = change_content(view, view.changes)
        since = self.query_one("#news-changes", Static)
        since.display = bool(changes.plain)
        since.update(Content.assemble(("Since last season: ", "bold"), changes))

    async def _show_event(self, view: TurnView) -> None:
        event = view.event
        title = self.query_one("#event-title", Static)
        meta = self.query_one("#event-meta", Static)
        if event is None:
            title.update("")
            meta.update("")
            await self.query_one("#event-text", Markdown).update("")
            return
        title.update(Content(event.title))
        facts = [event.date]
        if event.codex:
            facts.append("history note: press c")
        meta.update(Content(" · ".join(facts)))
        await self.query_one("#event-text", Markdown).update(event.text)

    def _show_options(self, view: TurnView) -> None:
        options = self.query_one("#options", OptionList)
        options.border_title = Content(view.event.title if view.event else "")
        options.border_subtitle = "1-9 to choose" if view.options else ""
        colours = self.app_colours()
        options.set_options(
            Option(option_prompt(o, colours), id=str(o.number), disabled=not o.available)
            for o in view.options
        )
        options.display = bool(view.options)

    def app_colours(self) -> dict[str, str]:
        """Theme colours for the Rich renderables (options, timeline)."""
        return theme_colours(self.app)

    # ------------------------------------------------------------ deciding

    async def action_choose(self, number: int) -> None:
        """Choose option ``number`` of the current event."""
        view = self.view
        if view.event is None:
            return
        option = view.option(number)
        if option is None:
            self.tell(
                f"There is no option {number}; choose from 1 to {len(view.options)}.",
                severity="warning",
            )
            return
        if not option.available:
            self.tell(not_available(number, option.reason), severity="warning")
            return
        if self._attempt(lambda: self.session.choose(option.id)):
            await self.after_change(view)

    async def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        if message.option.id is not None:
            await self.action_choose(int(message.option.id))

    async def action_undo(self) -> None:
        """Take back the last decision."""
        view = self.view
        if self._attempt(self.session.undo):
            self.tell("The last decision is taken back.")
            await self.after_change(view)

    def _attempt(self, command: Callable[[], None]) -> bool:
        """Run a session command; a refusal becomes a notification.

        Anything else is a bug: it goes on to the app, which ends the game with
        one sentence (the autosave of the last decision is kept).
        """
        try:
            command()
        except Refusal as refusal:
            self.tell(sentence(f"Not possible: {refusal}"), severity="warning")
            return False
        finally:
            self.tell_notices()
        return True

    def tell_notices(self) -> None:
        """Show what the session had to say (a failed autosave) as notifications."""
        for notice in self.session.notices:
            self.tell(notice, severity="error", timeout=15)
        self.session.notices.clear()

    def tell(
        self, message: str, *, severity: SeverityLevel = "information", timeout: float | None = None
    ) -> None:
        """A notification in plain words (campaign text is never read as markup)."""
        self.notify(message, severity=severity, timeout=timeout, markup=False)

    async def after_change(self, before: TurnView) -> None:
        """Show the game after a decision or an undo; open the ending if it is over."""
        view = self.session.game.view()
        await self.show(view, opening=view.opening)
        if view.ending is not None:
            ending = EndingScreen(self.campaign_title, view, self.app_colours())
            await self.app.push_screen(ending, self.on_ending_closed)

    async def on_ending_closed(self, take_back: bool | None) -> None:
        if take_back:
            await self.action_undo()

    # ------------------------------------------------------------ looking up

    def action_codex(self) -> None:
        """Open the history note of the current event."""
        event = self.view.event
        entry = self.session.game.campaign.codex.get(event.codex) if event and event.codex else None
        if entry is None:
            self.tell("This event has no history note.")
            return
        self.app.push_screen(
            NoteScreen(entry.title, codex_markdown(entry), meta=entry.date, close_keys=("c",))
        )

    def action_status(self) -> None:
        """Open every shown quality and the delegates' shares, where the sidebar is cut."""
        self.app.push_screen(
            NoteScreen(
                "Status",
                "\n\n".join(status_lines(self.view)),
                meta=f"{self.view.date} · turn {self.view.turn} of {self.view.turns}",
                close_keys=("i",),
            )
        )

    def action_timeline(self) -> None:
        """Open the timeline of decisions beside history."""
        table = timeline_table(self.view.timeline, self.app_colours())
        self.app.push_screen(
            NoteScreen("Your timeline beside history", table=table, close_keys=("t",))
        )

    def action_news(self) -> None:
        """Open this season's front page again."""
        view = self.view
        parts = [news_markdown(view)]
        changes = change_content(view, view.changes).plain
        if changes:
            parts.append(f"**Since last season:** {changes}")
        codex = self.session.game.campaign.codex
        notes = [codex[item.codex] for item in view.news if item.codex and item.codex in codex]
        parts.extend(codex_markdown(entry, heading=True) for entry in notes)
        self.app.push_screen(
            NoteScreen(
                "The front page",
                "\n\n".join(parts),
                meta=f"{view.date} · turn {view.turn} of {view.turns}",
                close_keys=("n",),
            )
        )
