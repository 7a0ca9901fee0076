"""The game in progress, full screen: story and options on the left, the status on the right.

The screen shows one public view (``PublicView``) at a time: the last decision's result, the
turn's front page, the current event and its options, with the date and the
qualities always in the sidebar. Every command goes through the ``Session``
(which autosaves after each decision); no game rule lives here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Collapsible, Footer, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from ..engine import Refusal
from ..session import CHOOSE, COMMANDS, Session, refusal_sentence
from ..session.phrases import NO_HISTORY_NOTE, TAKEN_BACK, no_such_option, not_available
from ..session.view import PublicView
from .notes import codex_note, key_of, news_note, status_note, timeline_note
from .panels import (
    ResultPanel,
    TopBar,
    change_content,
    news_markdown,
    option_prompt,
    result_line,
    theme_colours,
)
from .safe import safe, safe_text
from .screens import EndingScreen
from .sidebar import Sidebar
from .words import announced_lines, people_changes

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
"""The action each command of the command table runs on this screen."""

EVENT_LINES_IN_VIEW = 5
"""How many lines of an event, its title included, must show when it opens."""

_NUMBER_KEYS = [
    Binding(str(n), f"choose({n})", "Choose", key_display=CHOOSE.key, show=n == 1)
    for n in range(1, 10)
]


class Fold(Collapsible):
    """A part of the story that folds to one line (its title), open to begin with.

    Unlike Textual's Collapsible it does not scroll itself into view when it
    opens or folds: the screen keeps the event in view.
    """

    def scroll_visible(self, *args: Any, **kwargs: Any) -> None:
        return


def fold(title: Content, id: str) -> Fold:
    """A fold with ``title`` (as plain text, never markup)."""
    return Fold(title=title, collapsed=False, id=id)  # type: ignore[arg-type]


class PlayScreen(Screen[None]):
    """The game in progress: story and options on the left, the status on the right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *_NUMBER_KEYS,
        *(
            Binding(
                "question_mark" if command.key == "?" else command.key,
                _ACTIONS[command.name],
                command.name.capitalize(),
                key_display=command.key,
            )
            for command in COMMANDS
        ),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.view: PublicView = self.game_view()
        intro = Content(f"{self.campaign_title}: the introduction")
        self._fold_titles: dict[str, tuple[Content, Content]] = {"intro-fold": (intro, intro)}
        """Each fold's title when open and when folded."""
        self._people_moved: list[str] = []
        """How the last decision changed people, a line each (none after an undo)."""

    @property
    def campaign_title(self) -> str:
        return self.view.title

    def game_view(self) -> PublicView:
        """The session's view of the game, safe to show."""
        return safe(self.session.view())

    def compose(self) -> ComposeResult:
        yield TopBar(self.campaign_title)
        with Horizontal(id="body"):
            with Vertical(id="main"):
                with VerticalScroll(id="story"):
                    with (
                        fold(self._fold_titles["intro-fold"][0], "intro-fold"),
                        Vertical(id="intro", classes="panel") as intro,
                    ):
                        intro.border_title = Content(self.campaign_title)
                        yield Markdown(self.view.intro)
                        yield Static(
                            "Read the event below, then press the number of your choice. "
                            f"Press {key_of('help')} for help.",
                            classes="hint",
                        )
                    with fold(Content(""), "result-fold"):
                        yield ResultPanel(id="result", classes="panel result")
                    with fold(Content(""), "news-fold"), Vertical(id="news", classes="panel"):
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
        self.tell_notices()

    # ------------------------------------------------------------ showing

    async def show(self, view: PublicView, *, opening: bool) -> None:
        """Show a view; ``opening`` says a new turn has just begun, so the news is shown.

        The event must be in view: when the intro, the last result and the front
        page leave no room for its title and first lines, they fold to one line
        each (Tab to one and Enter opens it), and the story scrolls to the event.
        """
        self.view = view
        self.query_one(TopBar).show(f"{view.date} · turn {view.turn} of {view.turns}")
        self.query_one(Sidebar).show(view)
        self.query_one("#intro-fold").display = view.step == 0
        result = self.query_one(ResultPanel)
        await result.show(view, self._people_moved)
        result_fold = self.query_one("#result-fold", Collapsible)
        result_fold.display = result.display
        self._fold_titles["result-fold"] = (Content("Your last decision"), result_line(view))
        await self._show_news(view, opening)
        await self._show_event(view)
        self._show_options(view)
        for fold in self.query(Collapsible):
            fold.collapsed = False
            self._title_fold(fold)
        self.query_one("#story", VerticalScroll).scroll_home(animate=False, immediate=True)
        self.call_after_refresh(self._bring_event_into_view)
        options = self.query_one("#options", OptionList)
        if options.display:
            options.focus()
        else:
            self.query_one("#story").focus()

    def _bring_event_into_view(self) -> None:
        """Fold what stands above the event (the front page, the intro, the last
        result, in that order) until the event's title and first lines show; if
        even then they do not, scroll to the event."""
        if self.view.event is None:
            return
        story = self.query_one("#story", VerticalScroll)
        text = self.query_one("#event-text", Markdown)
        room = story.scrollable_content_region.height
        top = self.query_one("#event-title").virtual_region.y
        needed = min(text.virtual_region.bottom, text.virtual_region.y + EVENT_LINES_IN_VIEW) - top
        for name in ("#news-fold", "#intro-fold", "#result-fold"):
            if top + needed <= room:
                return
            fold = self.query_one(name, Collapsible)
            if fold.display and not fold.collapsed:
                top -= fold.query_one(Collapsible.Contents).outer_size.height
                fold.collapsed = True
                self._title_fold(fold)
        if top + needed > room:
            self.call_after_refresh(self._scroll_to_event, top)

    def on_collapsible_collapsed(self, message: Collapsible.Collapsed) -> None:
        self._title_fold(message.collapsible)

    def on_collapsible_expanded(self, message: Collapsible.Expanded) -> None:
        self._title_fold(message.collapsible)

    def _title_fold(self, fold: Collapsible) -> None:
        """Open, a fold is titled by what it holds; folded, by the gist of it."""
        titles = self._fold_titles.get(fold.id or "")
        if titles is not None:
            fold.title = titles[fold.collapsed]  # type: ignore[assignment]

    def _scroll_to_event(self, top: int, tries: int = 20) -> None:
        """Scroll the event's title (to be at ``top`` once the folds are laid out
        anew) to the top of the story."""
        title = self.query_one("#event-title")
        if title.virtual_region.y != top and tries:
            self.call_after_refresh(self._scroll_to_event, top, tries - 1)
            return
        story = self.query_one("#story", VerticalScroll)
        story.scroll_to(y=top, animate=False, immediate=True)

    async def _show_news(self, view: PublicView, opening: bool) -> None:
        fold = self.query_one("#news-fold", Collapsible)
        fold.display = opening and bool(view.news or view.changes)
        if not fold.display:
            return
        news = self.query_one("#news")
        news.border_title = Content(f"{view.date} · the front page")
        items = len(view.news)
        self._fold_titles["news-fold"] = (
            Content(f"{view.date} · the front page"),
            Content(
                f"{view.date} · the front page: {items} item{'s' * (items != 1)} "
                f"(press {key_of('news')})"
            ),
        )
        await self.query_one("#news-items", Markdown).update(news_markdown(view, hints=True))
        changes = change_content(view.changes)
        since = self.query_one("#news-changes", Static)
        since.display = bool(changes.plain)
        since.update(Content.assemble(("Since last season: ", "bold"), changes))

    async def _show_event(self, view: PublicView) -> None:
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
            facts.append(f"history note: press {key_of('codex')}")
        meta.update(Content(" · ".join(facts)))
        await self.query_one("#event-text", Markdown).update(event.text)

    def _show_options(self, view: PublicView) -> None:
        options = self.query_one("#options", OptionList)
        options.border_title = Content(view.event.title if view.event else "")
        options.border_subtitle = f"{CHOOSE.key} to choose" if view.options else ""
        colours = self.app_colours()
        options.set_options(
            Option(option_prompt(o, colours), id=str(o.number), disabled=not o.available)
            for o in view.options
        )
        options.display = bool(view.options)
        available = [n for n, o in enumerate(view.options) if o.available]
        options.highlighted = available[0] if available else None

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
            self.tell(no_such_option(str(number), len(view.options)), severity="warning")
            return
        if not option.available:
            self.tell(not_available(number, option.reason), severity="warning")
            return
        if self._attempt(lambda: self.session.choose(option.id)):
            await self.after_change(view, decided=True)

    async def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        if message.option.id is not None:
            await self.action_choose(int(message.option.id))

    async def action_undo(self) -> None:
        """Take back the last decision."""
        view = self.view
        if self._attempt(self.session.undo):
            self.tell(TAKEN_BACK)
            await self.after_change(view)

    def _attempt(self, command: Callable[[], None]) -> bool:
        """Run a session command; a refusal becomes a notification.

        Anything else is a bug: it goes on to the app, which ends the game with
        one sentence (the autosave of the last decision is kept).
        """
        try:
            command()
        except Refusal as refusal:
            self.tell(refusal_sentence(refusal), severity="warning")
            return False
        finally:
            self.tell_notices()
        return True

    def tell_notices(self) -> None:
        """Show what the session had to say as notifications: as an error while the game
        cannot be saved (a failed autosave), else as news (a game set aside), which
        leaves the event's title sooner."""
        failing = self.session.save_problem is not None
        for notice in self.session.notices:
            self.tell(
                notice, severity="error" if failing else "information", timeout=15 if failing else 8
            )
        self.session.notices.clear()

    def tell(
        self, message: str, *, severity: SeverityLevel = "information", timeout: float | None = None
    ) -> None:
        """A notification in plain words (campaign text is never read as markup)."""
        self.notify(safe_text(message), severity=severity, timeout=timeout, markup=False)

    async def after_change(self, before: PublicView, *, decided: bool = False) -> None:
        """Show the game after a decision (``decided``) or an undo; open the ending if it
        is over."""
        view = self.game_view()
        self._people_moved = people_changes(before.people, view.people) if decided else []
        await self.show(view, opening=view.opening)
        for line in announced_lines(view) if decided else ():
            self.tell(line, severity="warning")
        if view.ending is not None:
            ending = EndingScreen(
                self.campaign_title,
                view,
                self.app_colours(),
                can_undo=view.can_undo,
                people=tuple(self._people_moved),
            )
            await self.app.push_screen(ending, self.on_ending_closed)

    async def on_ending_closed(self, take_back: bool | None) -> None:
        if take_back:
            await self.action_undo()

    # ------------------------------------------------------------ looking up

    def action_codex(self) -> None:
        """Open the history note of the current event, with the notes it points to; from
        there ``g`` opens the glossary and ``r`` the reading groups' guide."""
        note = codex_note(self.session.codex, self.view)
        if note is None:
            self.tell(NO_HISTORY_NOTE)
            return
        self.app.push_screen(note)

    def action_status(self) -> None:
        """Open every shown quality and the delegates' shares, where the sidebar is cut."""
        self.app.push_screen(status_note(self.view))

    def action_timeline(self) -> None:
        """Open the timeline of decisions beside history."""
        self.app.push_screen(timeline_note(self.view, self.app_colours()))

    def action_news(self) -> None:
        """Open this season's front page again."""
        self.app.push_screen(news_note(self.session.codex, self.view))
