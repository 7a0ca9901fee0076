"""Pieces of the full-screen player: the top bar, the result and news panels,
and the renderables for options and the timeline.

Everything here draws a ``PublicView``; nothing decides anything. Phrases come from
``words`` so the full-screen and the plain player say the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Markdown, Static

from ..session import command_named
from ..session.codex import Codex, CodexNote
from ..session.phrases import NO_DECISIONS, NO_NEWS, UNAVAILABLE, sentence
from ..session.view import Change, Option, PublicView, TimelineRow
from .words import (
    announced_lines,
    cost_words,
    effect_words,
    election_lines,
    open_arcs,
    tally_reasons,
    tally_words,
    vote_forecast,
)

__all__ = [
    "ResultPanel",
    "TopBar",
    "change_content",
    "codex_links",
    "codex_markdown",
    "codex_page",
    "inline_markdown",
    "news_markdown",
    "option_prompt",
    "result_line",
    "sentence",
    "theme_colours",
    "timeline_table",
]

# The emphasis that words.markdown_to_text drops; here it becomes bold and italic.
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


def theme_colours(app: App[Any]) -> dict[str, str]:
    """The theme's accent, success and error colours, for Rich renderables."""
    variables = app.theme_variables
    return {
        name: variables.get(f"text-{name}") or variables.get(name) or "default"
        for name in ("accent", "success", "error")
    }


def change_content(changes: Iterable[Change]) -> Content:
    """Changes as "Label 3 → 1 (-2)", the figure in brackets set off."""
    parts: list[Content] = []
    for change in changes:
        sign = "+" if change.delta > 0 else ""
        unit = "%" if change.percent else ""
        parts.append(
            Content.assemble(
                f"{change.label} {change.before}{unit} → {change.after}{unit} ",
                (f"({sign}{change.delta})", "bold $text-accent"),
            )
        )
    return Content("; ").join(parts)


def result_line(view: PublicView) -> Content:
    """The last decision in one line, for the folded result: what was chosen and how it went."""
    last = view.last
    if last is None:
        return Content("")
    line = f"You chose: {inline_markdown(last.chosen).plain}"
    if last.outcome_label:
        line += f" → {last.outcome_label}"
    elif last.tally is not None:
        line += " → carried" if last.tally.passed else " → defeated"
    return Content(line)


def news_markdown(view: PublicView, *, hints: bool = False) -> str:
    """This turn's front page as a Markdown list; ``hints`` marks items with a history note."""
    arcs = f"\n\n*{open_arcs(view)}*" if view.arcs else ""
    if view.elections:
        arcs += "\n\n" + "\n".join(f"- *{line}*" for line in election_lines(view.elections))
    if not view.news:
        return f"*{NO_NEWS}*" + arcs
    items = []
    for item in view.news:
        text = item.text.strip().replace("\n", "\n  ")
        if hints and item.codex:
            text += f" *(history note: press {command_named('news').key})*"
        items.append(f"- {text}")
    return "\n".join(items) + arcs


def codex_markdown(entry: CodexNote, *, heading: bool = False) -> str:
    """A codex note as Markdown: its text, then its sources (and its title and date, if asked)."""
    parts = [f"### {entry.title}\n\n*{entry.date}*"] if heading else []
    parts.append(entry.text.strip())
    if entry.sources:
        parts.append("**Sources**\n\n" + "\n".join(f"- {source}" for source in entry.sources))
    return "\n\n".join(parts)


CODEX_DOCUMENTS = (("g", "glossary", "glossary"), ("r", "reading groups", "reading"))
"""The codex screen's keys for its documents: key, label, and the codex's word for it."""


def codex_page(codex: Codex, entry: CodexNote) -> str:
    """A codex note as its screen shows it: the note, then each note of its ``see_also``."""
    return "\n\n".join(
        [
            codex_markdown(entry),
            *(codex_markdown(note, heading=True) for note in codex.linked(entry)),
        ]
    )


def codex_links(codex: Codex) -> dict[str, tuple[str, str, str]]:
    """The documents the codex screen opens by key (the glossary, the reading groups'
    guide), as key → (label, title, Markdown); only those the campaign has."""
    links: dict[str, tuple[str, str, str]] = {}
    for key, label, word in CODEX_DOCUMENTS:
        document = codex.document(word)
        if document:
            title, _, body = document.partition("\n")
            links[key] = (label, title.lstrip("# "), body.strip())
    return links


def option_prompt(option: Option, colours: Mapping[str, str]) -> RenderableType:
    """An option as the options list shows it: number, text, and what it would take.

    ``colours`` maps "accent", "success" and "error" to colours of the app's theme.
    """
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=2, justify="right")
    grid.add_column(ratio=1)
    body = inline_markdown(option.text)
    if not option.available:
        reason = option.reason.strip().rstrip(".")
        body.append(
            f"\nNot available: {reason}" if reason else f"\n{UNAVAILABLE.capitalize()}", "italic"
        )
    if option.costs:
        body.append(f"\nCosts: {cost_words(option)}")
    if option.effects:
        body.append(f"\nEffects: {effect_words(option)}")
    if option.odds:
        chances = " · ".join(f"{odds.label} {odds.percent}%" for odds in option.odds)
        body.append(f"\nChances: {chances}")
    if option.vote is not None:
        colour = colours["success"] if option.vote.passed else colours["error"]
        body.append("\n")
        body.append(vote_forecast(option.vote), colour if option.available else "")
    number = Text(
        str(option.number), style=f"bold {colours['accent']}" if option.available else "dim"
    )
    grid.add_row(number, body)
    return grid


def timeline_table(rows: tuple[TimelineRow, ...], colours: Mapping[str, str]) -> RenderableType:
    """The player's decisions beside what the real Opposition did."""
    if not rows:
        return Text(NO_DECISIONS, style="italic")
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
        table.add_row(Text(row.date), Text(row.event), chosen, history)
    return table


class TopBar(Horizontal):
    """The campaign's title on the left, where we are in time on the right."""

    def __init__(self, title: str, when: str = "") -> None:
        super().__init__()
        self._title, self._when = title, when

    def compose(self) -> ComposeResult:
        yield Static(Content(self._title), classes="top-title")
        yield Static(Content(self._when), classes="top-when")

    def show(self, when: str) -> None:
        """Show the date (and turn) on the right."""
        self.query_one(".top-when", Static).update(Content(when))


class ResultPanel(Vertical):
    """What the last decision did: outcome, vote, the result in prose, and the changes."""

    def compose(self) -> ComposeResult:
        yield Static(classes="result-head")
        yield Markdown(classes="result-text")
        yield Static(classes="result-changes")
        yield Static(classes="result-announced")
        yield Static(classes="result-history")
        yield Static(classes="result-news")

    async def show(self, view: PublicView, people: Iterable[str] = ()) -> None:
        """Fill the panel from the view, or hide it when nothing was decided yet;
        ``people`` are the lines on how the decision changed people."""
        last = view.last
        self.display = last is not None and bool(view.timeline)
        if last is None or not view.timeline:
            return
        row = view.timeline[-1]
        self.border_title = Content(f"{row.date} · {row.event}")
        head = [
            Content.assemble(
                ("You chose: ", "bold"), Content.from_rich_text(inline_markdown(last.chosen))
            )
        ]
        if last.outcome_label:
            head.append(Content.assemble(("Outcome: ", "bold"), last.outcome_label))
        if last.tally is not None:
            style = "$text-success" if last.tally.passed else "$text-error"
            head.append(Content.styled(tally_words(last.tally), style))
            head += [Content(f"  {reason}") for reason in tally_reasons(last.tally)]
        self.query_one(".result-head", Static).update(Content("\n").join(head))
        text = self.query_one(".result-text", Markdown)
        text.display = bool(last.result.strip())
        await text.update(last.result)
        changes = change_content(last.changes)
        changes_widget = self.query_one(".result-changes", Static)
        changes_widget.display = bool(changes.plain)
        changes_widget.update(Content.assemble(("Changes: ", "bold"), changes))
        announced = self.query_one(".result-announced", Static)
        said = [Content.styled(line, "bold $text-warning") for line in announced_lines(view)]
        said += [Content(line) for line in people]
        announced.display = bool(said)
        announced.update(Content("\n").join(said))
        history = self.query_one(".result-history", Static)
        history.display = last.as_history is not None
        if last.as_history:
            history.update(Content.styled("✓ So it went in history too.", "$text-success"))
        elif last.as_history is False:
            history.update(
                Content.assemble(
                    ("≠ Here you leave history. ", "$text-warning"),
                    f"The real Opposition chose: {inline_markdown(last.history).plain}",
                )
            )
        bulletins = self.query_one(".result-news", Static)
        bulletins.display = bool(view.bulletins)
        if view.bulletins:
            lines = [inline_markdown(item.text).plain for item in view.bulletins]
            bulletins.update(Content.assemble(("Meanwhile: ", "bold"), " ".join(lines)))
