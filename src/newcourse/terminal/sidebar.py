"""The status sidebar of the full-screen player: the shown qualities by group (with
their levels and clocks), the people the player knows, and the delegates' shares.

It draws a ``PublicView``; nothing decides anything.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from ..engine.figures import TRUST_RANGE
from ..session.view import PersonView, PublicView
from .words import person_line

__all__ = ["FIGURES_WIDTH", "GROUPS", "MeterRow", "Sidebar", "person_note", "person_tooltip"]

GROUPS = ("party", "economy", "world", "resources")
"""The order of the quality groups in the sidebar (as in ``words.status_lines``)."""

FIGURES_WIDTH = 7
"""Room kept at the right of every sidebar row for a value and its move ("100 +10")."""


class MeterRow(Widget):
    """One quality, faction or person on a line: label, figure, and a shaded bar behind
    them; a second, indented line when there is a note (a named level, a person's camp)."""

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
        self.figure = ""
        self.note = ""
        if tooltip:
            self.tooltip = Content(tooltip)

    def set(
        self, value: int, fraction: float, delta: int, *, figure: str = "", note: str = ""
    ) -> None:
        """Show a new value; ``fraction`` (0..1) is how far the bar fills, ``figure``
        what is written instead of the value ("2 of 3"), ``note`` the second line."""
        self.value, self.fraction, self.delta = value, max(0.0, min(1.0, fraction)), delta
        self.figure, self.note = figure, note
        self.styles.height = 2 if note else 1
        self.refresh(layout=True)

    @property
    def lines(self) -> int:
        """How many lines the row takes."""
        return 2 if self.note else 1

    def render(self) -> Content:
        width = max(1, self.size.width)
        delta = f" {'+' if self.delta > 0 else ''}{self.delta}" if self.delta else ""
        right = f"{self.figure or f'{self.value}{self.unit}'}{delta}"
        # every row leaves the same room for its figures, so labels are cut alike
        room = max(1, width - max(len(right), FIGURES_WIDTH) - 1)
        label = self.label if len(self.label) <= room else self.label[: room - 1] + "…"
        line = label.ljust(width - len(right)) + right
        content = Content(line).stylize("on $primary 35%", 0, round(width * self.fraction))
        if delta:
            content = content.stylize("bold $text-accent", len(line) - len(delta), len(line))
        if not self.note:
            return content
        note = f"  {self.note}"
        note = note if len(note) <= width else note[: width - 1] + "…"
        return Content("\n").join([content, Content.styled(note, "italic $text-muted")])


def person_tooltip(person: PersonView) -> str:
    """What hovering over a person says: who they are and where they stand."""
    return "\n".join(part for part in (person.description, person_line(person)) if part)


def person_note(person: PersonView) -> str:
    """A person's second line in the sidebar: their camp, and their status unless active."""
    return person.camp if person.status == "active" else f"{person.camp}, {person.status}"


class Sidebar(Vertical):
    """The shown qualities by group, the people, and the delegates' shares: always in view.

    The small signed number beside a value is how it moved since before the last
    decision; a named level or a person's camp is a second line under the row.
    When the terminal is short, the gaps and then the group headings give way; if
    the rows still do not fit they scroll (the people last), while the delegates
    stay pinned at the bottom.
    """

    def __init__(self, view: PublicView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._first = view
        self._rows: dict[str, MeterRow] = {}
        self._people: dict[str, MeterRow] = {}
        self._headings = 0

    def compose(self) -> ComposeResult:
        view = self._first
        groups = list(GROUPS) + sorted({q.group for q in view.qualities} - set(GROUPS))
        with VerticalScroll(classes="sidebar-qualities") as qualities:
            qualities.can_focus = False
            for group in groups:
                shown = [q for q in view.qualities if q.shown and q.group == group]
                if not shown:
                    continue
                self._headings += 1
                yield Static(Content(group.capitalize()), classes="group-heading")
                for quality in shown:
                    row = MeterRow(quality.label, tooltip=quality.description)
                    self._rows[quality.name] = row
                    yield row
            if view.people:
                self._headings += 1
                yield Static(Content("People (trust)"), classes="group-heading")
                for person in view.people:
                    row = MeterRow(person.name, tooltip=person_tooltip(person))
                    self._people[person.id] = row
                    yield row
        if view.factions:
            self._headings += 1
            with Vertical(classes="sidebar-delegates"):
                yield Static("Delegates", classes="group-heading delegates")
                for faction in view.factions:
                    row = MeterRow(faction.label, "%", tooltip="share of the party's delegates")
                    self._rows[faction.name] = row
                    yield row

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Give way (gaps, then headings) as the qualities and delegates need; the
        people are an extra that scrolls."""
        self.set_class(bool(self._people), "-people")
        rows = self._rows.values()
        height, lines = self.size.height, sum(row.lines for row in rows)
        headings = self._headings - bool(self._people)
        tight = lines + 2 * headings > height
        self.set_class(tight, "-tight")
        self.set_class(lines + headings > height, "-tighter")
        delegates = len(self._first.factions) + (1 if tight else 2) if self._first.factions else 0
        self.query_one(".sidebar-qualities").styles.max_height = max(3, height - delegates)

    def show(self, view: PublicView) -> None:
        """Bring every row up to date with the view, with how each value moved since
        before the last decision (the view's ``moved``)."""
        moved = {change.name: change.after - change.before for change in view.moved}
        for quality in view.qualities:
            row = self._rows.get(quality.name)
            if row is None:
                continue
            if quality.segments:
                row.set(
                    quality.value,
                    quality.value / quality.segments,
                    moved.get(quality.name, 0),
                    figure=quality.level,
                )
                continue
            span = max(1, quality.maximum - quality.minimum)
            row.set(
                quality.value,
                (quality.value - quality.minimum) / span,
                moved.get(quality.name, 0),
                note=quality.level,
            )
        low, high = TRUST_RANGE
        for person in view.people:
            row = self._people.get(person.id)
            if row is not None:
                row.tooltip = Content(person_tooltip(person))
                row.set(
                    person.trust,
                    (person.trust - low) / (high - low),
                    0,
                    figure=f"{'+' if person.trust > 0 else ''}{person.trust}",
                    note=person_note(person),
                )
        for faction in view.factions:
            row = self._rows.get(faction.name)
            if row is not None:
                row.set(round(faction.share), faction.share / 100, moved.get(faction.name, 0))
        if self.is_mounted:
            self._fit()
