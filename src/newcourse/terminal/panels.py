"""Pieces of the full-screen player: the status sidebar, the result and news panels,
and the renderables for options and the timeline.

Everything here draws a ``TurnView``; nothing decides anything. Phrases come from
``words`` so the full-screen and the plain player say the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Markdown, Static

from ..engine import TurnView
from ..engine.state import Change
from ..engine.view import OptionView, TimelineRow
from .words import tally_words, vote_forecast

__all__ = [
    "GROUPS",
    "MeterRow",
    "ResultPanel",
    "Sidebar",
    "TopBar",
    "change_content",
    "inline_markdown",
    "news_markdown",
    "option_prompt",
    "timeline_table",
]

GROUPS = ("party", "economy", "world", "resources")
"""The order of the quality groups in the sidebar (as in ``words.status_lines``)."""

_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")


def inline_markdown(text: str, base: str = "") -> Text:
    """One line of Markdown emphasis (``*a*``, ``**b**``) as Rich text."""
    out = Text(style=base)
    position = 0
    for match in _EMPHASIS.finditer(text):
        out.append(text[position : match.start()])
        out.append(match.group(2), "bold" if len(match.group(1)) == 2 else "italic")
        position = match.end()
    out.append(text[position:])
    return out


def _labels(view: TurnView) -> dict[str, str]:
    labels = {q.name: q.label for q in view.qualities}
    labels.update({f.name: f.label for f in view.factions})
    return labels


def change_content(view: TurnView, changes: Iterable[Change]) -> Content:
    """Shown changes as "Label 3 → 1 (-2)"; hidden qualities are left out."""
    hidden = {q.name for q in view.qualities if not q.shown}
    labels = _labels(view)
    parts: list[Content] = []
    for change in changes:
        if change.name in hidden:
            continue
        label = labels.get(change.name, change.name.replace("_", " "))
        sign = "+" if change.delta > 0 else ""
        parts.append(
            Content.assemble(
                f"{label} {change.before} → {change.after} ",
                (f"({sign}{change.delta})", "bold $text-accent"),
            )
        )
    return Content("; ").join(parts)


def news_markdown(view: TurnView) -> str:
    """This turn's front page as a Markdown list."""
    if not view.news:
        return "*No news this season.*"
    return "\n".join("- " + item.text.strip().replace("\n", "\n  ") for item in view.news)


def option_prompt(option: OptionView, colours: Mapping[str, str]) -> RenderableType:
    """An option as the options list shows it: number, text, and what it would take.

    ``colours`` maps "accent", "success" and "error" to colours of the app's theme.
    """
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=2, justify="right")
    grid.add_column(ratio=1)
    body = inline_markdown(option.text, "" if option.available else "dim")
    if not option.available:
        body.append("\nNot available: ", "italic")
        body.append(option.reason or "its conditions do not hold", "italic")
    if option.odds:
        chances = " · ".join(f"{odds.label} {odds.percent}%" for odds in option.odds)
        body.append(f"\nChances: {chances}", "dim" if not option.available else "")
    if option.vote is not None:
        colour = colours["success"] if option.vote.passed else colours["error"]
        body.append("\n")
        body.append(vote_forecast(option.vote), colour if option.available else "dim")
    number = Text(
        str(option.number), style=f"bold {colours['accent']}" if option.available else "dim"
    )
    grid.add_row(number, body)
    return grid


def timeline_table(rows: tuple[TimelineRow, ...], colours: Mapping[str, str]) -> RenderableType:
    """The player's decisions beside what the real Opposition did."""
    if not rows:
        return Text("No decisions yet.", style="italic")
    table = Table(
        box=box.SIMPLE_HEAD,
        expand=True,
        show_lines=False,
        leading=1,
        header_style="bold",
        pad_edge=False,
    )
    table.add_column("When", ratio=2, min_width=9)
    table.add_column("Event", ratio=3)
    table.add_column("You chose", ratio=4)
    table.add_column("History", ratio=4)
    for row in rows:
        chosen = inline_markdown(row.chosen)
        if row.outcome:
            chosen.append(f"\n→ {row.outcome}", "italic")
        if row.as_history is True:
            history = Text("✓ As in history", style=colours["success"])
        elif row.as_history is False:
            history = Text("≠ ", style=colours["error"]) + inline_markdown(row.history)
        else:
            history = Text("—", style="dim")
        table.add_row(row.date, row.event, chosen, history)
    return table


class TopBar(Horizontal):
    """The campaign's title on the left, where we are in time on the right."""

    def __init__(self, title: str, when: str = "") -> None:
        super().__init__()
        self._title, self._when = title, when

    def compose(self) -> ComposeResult:
        yield Static(self._title, classes="top-title")
        yield Static(self._when, classes="top-when")

    def show(self, when: str) -> None:
        """Show the date (and turn) on the right."""
        self.query_one(".top-when", Static).update(when)


class MeterRow(Widget):
    """One quality or faction on one line: label, value, and a shaded bar behind them."""

    DEFAULT_CSS = """
    MeterRow { height: 1; width: 1fr; }
    """

    def __init__(self, label: str, unit: str = "", *, tooltip: str = "") -> None:
        super().__init__()
        self.label = label
        self.unit = unit
        self.value = 0
        self.fraction = 0.0
        self.delta = 0
        if tooltip:
            self.tooltip = tooltip

    def set(self, value: int, fraction: float, delta: int) -> None:
        """Show a new value; ``fraction`` (0..1) is how far the bar fills."""
        self.value, self.fraction, self.delta = value, max(0.0, min(1.0, fraction)), delta
        self.refresh()

    def render(self) -> Content:
        width = max(1, self.size.width)
        delta = f" {'+' if self.delta > 0 else ''}{self.delta}" if self.delta else ""
        right = f"{self.value}{self.unit}{delta}"
        room = max(1, width - len(right) - 1)
        label = self.label if len(self.label) <= room else self.label[: room - 1] + "…"
        line = label.ljust(width - len(right)) + right
        content = Content(line).stylize("on $primary 35%", 0, round(width * self.fraction))
        if delta:
            content = content.stylize("bold $text-accent", len(line) - len(delta), len(line))
        return content


class Sidebar(VerticalScroll):
    """The date, the shown qualities by group, and the delegates' shares: always in view."""

    can_focus = False

    def __init__(self, view: TurnView, **kwargs: str) -> None:
        super().__init__(**kwargs)
        self._first = view
        self._rows: dict[str, MeterRow] = {}

    def compose(self) -> ComposeResult:
        view = self._first
        yield Static(id="status-date")
        groups = list(GROUPS) + sorted({q.group for q in view.qualities} - set(GROUPS))
        for group in groups:
            shown = [q for q in view.qualities if q.shown and q.group == group]
            if not shown:
                continue
            yield Static(group.capitalize(), classes="group-heading")
            for quality in shown:
                row = MeterRow(quality.label, tooltip=quality.description)
                self._rows[quality.name] = row
                yield row
        if view.factions:
            yield Static("Delegates", classes="group-heading")
            for faction in view.factions:
                row = MeterRow(faction.label, "%")
                self._rows[faction.name] = row
                yield row

    def on_mount(self) -> None:
        self.show(self._first)

    def show(self, view: TurnView) -> None:
        """Bring every row up to date with the view."""
        self.query_one("#status-date", Static).update(
            Content.assemble((view.date, "bold"), f"\nTurn {view.turn} of {view.turns}")
        )
        deltas = {c.name: c.delta for c in view.last.changes} if view.last else {}
        for quality in view.qualities:
            row = self._rows.get(quality.name)
            if row is not None:
                span = max(1, quality.maximum - quality.minimum)
                row.set(
                    quality.value,
                    (quality.value - quality.minimum) / span,
                    deltas.get(quality.name, 0),
                )
        for faction in view.factions:
            row = self._rows.get(faction.name)
            if row is not None:
                row.set(round(faction.share), faction.share / 100, 0)


class ResultPanel(Vertical):
    """What the last decision did: outcome, vote, the result in prose, and the changes."""

    def compose(self) -> ComposeResult:
        yield Static(classes="result-head")
        yield Markdown(classes="result-text")
        yield Static(classes="result-changes")

    async def show(self, view: TurnView) -> None:
        """Fill the panel from the view, or hide it when nothing was decided yet."""
        last = view.last
        self.display = last is not None and bool(view.timeline)
        if last is None or not view.timeline:
            return
        row = view.timeline[-1]
        self.border_title = f"{row.date} · {row.event}"
        head = [Content.assemble(("You chose: ", "bold"), inline_markdown(row.chosen).plain)]
        if last.outcome_label:
            head.append(Content.assemble(("Outcome: ", "bold"), last.outcome_label))
        if last.tally is not None:
            style = "$text-success" if last.tally.passed else "$text-error"
            head.append(Content.styled(tally_words(last.tally), style))
        self.query_one(".result-head", Static).update(Content("\n").join(head))
        text = self.query_one(".result-text", Markdown)
        text.display = bool(last.result.strip())
        await text.update(last.result)
        changes = change_content(view, last.changes)
        changes_widget = self.query_one(".result-changes", Static)
        changes_widget.display = bool(changes.plain)
        changes_widget.update(Content.assemble(("Changes: ", "bold"), changes))
