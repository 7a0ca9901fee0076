"""The status sidebar of the full-screen player: the shown qualities by group (with
their levels and clocks), the fronts abroad (state, and window when there is room),
the people the player knows, and the delegates' shares.

It draws a ``PublicView``; nothing decides anything.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from ..engine.figures import TRUST_RANGE
from ..session.view import FrontView, PersonView, PublicView
from .fronts_words import front_names
from .words import person_line

__all__ = [
    "FIGURES_WIDTH",
    "GROUPS",
    "SUPPORT_GROUP",
    "MeterRow",
    "Sidebar",
    "compact_lines",
    "front_tooltip",
    "person_note",
    "person_tooltip",
]

GROUPS = ("party", "economy", "world", "resources")
"""The order of the quality groups in the sidebar (as in ``words.status_lines``)."""

SUPPORT_GROUP = "support"
"""The group shown as one compact block ("Moscow 22 · Army 25"), pinned under the delegates."""

FIGURES_WIDTH = 7
"""Room kept at the right of every sidebar row for a value and its move ("100 +10")."""


LABEL_AT_LEAST = 5
"""Letters of a row's label kept however long its figure is ("China", "Brita…")."""


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
        self.compact = False  # the note (a level's name) gives way: one line
        if tooltip:
            self.tooltip = Content(tooltip)

    def set(
        self, value: int, fraction: float, delta: int, *, figure: str = "", note: str = ""
    ) -> None:
        """Show a new value; ``fraction`` (0..1) is how far the bar fills, ``figure``
        what is written instead of the value ("2 of 3"), ``note`` the second line."""
        self.value, self.fraction, self.delta = value, max(0.0, min(1.0, fraction)), delta
        self.figure, self.note = figure, note
        self.styles.height = self.lines
        self.refresh(layout=True)

    def set_compact(self, compact: bool) -> None:
        """Drop the note's line (a level's name, which the status and the tooltip
        still give) when the sidebar is short; bring it back when it is not."""
        if compact != self.compact:
            self.compact = compact
            self.styles.height = self.lines
            self.refresh(layout=True)

    @property
    def lines(self) -> int:
        """How many lines the row takes."""
        return 2 if self.note and not self.compact else 1

    def render(self) -> Content:
        width = max(1, self.size.width)
        delta = f" {'+' if self.delta > 0 else ''}{self.delta}" if self.delta else ""
        figure = self.figure or f"{self.value}{self.unit}"
        # a figure in words ("Canton Commune crushed") is cut before the label is
        most = width - min(len(self.label), LABEL_AT_LEAST) - 1 - len(delta)
        if len(figure) > most > 1:
            figure = figure[: most - 1] + "…"
        right = f"{figure}{delta}"
        # every row leaves the same room for its figures, so labels are cut alike
        room = max(1, width - max(len(right), FIGURES_WIDTH) - 1)
        label = self.label if len(self.label) <= room else self.label[: room - 1] + "…"
        line = label.ljust(width - len(right)) + right
        content = Content(line).stylize("on $primary 35%", 0, round(width * self.fraction))
        if delta:
            content = content.stylize("bold $text-accent", len(line) - len(delta), len(line))
        if self.lines == 1:
            return content
        note = f"  {self.note}"
        note = note if len(note) <= width else note[: width - 1] + "…"
        return Content("\n").join([content, Content.styled(note, "italic $text-muted")])


def compact_lines(items: list[tuple[str, int | str]], width: int, most: int = 2) -> list[str]:
    """Labelled values ("Moscow", 22) joined into lines of ``width``, none broken: in
    full with " · " between them if they fit in ``most`` lines, else shorter (labels
    cut to four letters, then three; then a space between them instead of " · "),
    down to as few lines as the shortest form takes."""
    lines: list[str] = []
    for cut, gap in ((None, " · "), (4, " · "), (4, " "), (3, " · "), (3, " ")):
        lines = []
        for label, value in items:
            item = f"{short_label(label, cut)} {value}"
            if lines and len(lines[-1]) + len(gap) + len(item) <= width:
                lines[-1] += gap + item
            else:
                lines.append(item if len(item) <= width else item[: max(1, width - 1)] + "…")
        if len(lines) <= most:
            break
    return lines


def short_label(label: str, letters: int | None) -> str:
    """A label cut to its first ``letters`` letters, a leading "The" left out so that
    "The majority (...)" reads "Majo" and not "The "; whole when ``letters`` is None."""
    if letters is None:
        return label
    words = label.split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    cut = " ".join(words)[:letters].rstrip()
    return cut[:1].upper() + cut[1:]


def front_tooltip(front: FrontView) -> str:
    """What hovering over a front says: what it is, its state, preparation and window."""
    progress = f", preparation {front.progress}" if front.progress else ""
    state = f"{front.label}: {front.state_label}{progress}; window {front.window} ({front.value})"
    return "\n".join(part for part in (front.description, state) if part)


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
        self._fronts: dict[str, MeterRow] = {}
        self._front_notes: dict[str, str] = {}  # each front's window, shown when there is room
        self._roomy = True
        self._headings = 0
        self._support: list[tuple[str, int | str]] = []  # the compact block's ("Moscow", 22)
        self._known: dict[str, PersonView] = {}  # the people as the last step left them
        self._step = -1
        self._camps: list[str] = []  # "Zinoviev: Leningrad", who changed camp or came in

    def compose(self) -> ComposeResult:
        view = self._first
        extra = {q.group for q in view.qualities} - set(GROUPS) - {SUPPORT_GROUP}
        groups = list(GROUPS) + sorted(extra)
        in_fronts = front_names(view)  # shown once, in the fronts block
        with VerticalScroll(classes="sidebar-qualities") as qualities:
            qualities.can_focus = False
            for group in groups:
                shown = [q for q in view.qualities if q.group == group and q.name not in in_fronts]
                if not shown:
                    continue
                self._headings += 1
                yield Static(Content(group.capitalize()), classes="group-heading")
                for quality in shown:
                    row = MeterRow(quality.label, tooltip=quality.description)
                    self._rows[quality.name] = row
                    yield row
            fronts = [f for f in view.fronts if not f.background]
            if fronts:
                self._headings += 1
                yield Static(Content("Fronts abroad"), classes="group-heading")
                for front in fronts:
                    row = MeterRow(front.label, tooltip=front_tooltip(front))
                    self._fronts[front.id] = row
                    yield row
            if view.people:
                self._headings += 1
                yield Static(Content("People (trust)"), classes="group-heading")
                for person in view.people:
                    row = MeterRow(person.name, tooltip=person_tooltip(person))
                    self._people[person.id] = row
                    yield row
        support = [q for q in view.qualities if q.group == SUPPORT_GROUP]
        if view.factions or support:
            self._headings += 1
            with Vertical(classes="sidebar-delegates"):
                if view.people:  # who changed camp, pinned: the list above scrolls
                    camps = Static("", classes="camps-line")
                    camps.tooltip = Content("Camps changed by the last decision")
                    camps.display = False
                    yield camps
                if view.factions:
                    yield Static("Delegates", classes="group-heading delegates")
                for faction in view.factions:
                    row = MeterRow(faction.label, "%", tooltip="share of the party's delegates")
                    self._rows[faction.name] = row
                    yield row
                if view.factions:  # the factions on a line or two when the sidebar is short
                    folded = Static("", classes="delegates-line")
                    folded.tooltip = Content("share of the party's delegates")
                    folded.display = False
                    yield folded
                if support:
                    about = "\n".join(f"{q.label}: {q.description}" for q in support)
                    line = Static("", classes="support-line")
                    line.tooltip = Content(f"Support in the constituencies (0-100):\n{about}")
                    yield line

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Give way (gaps, then headings) as the qualities and delegates need; the
        people are an extra that scrolls."""
        self.set_class(bool(self._people), "-people")
        support = self._show_support() + self._show_camps()  # pinned with the delegates
        height = self.size.height - support
        rows = self._rows.values()
        headings = self._headings - bool(self._people)
        delegates = len(self._first.factions) + 1 if self._first.factions else 0
        # Giving way in turn: the fronts' windows (a second line under each), then
        # the levels' names (the second line of a levelled quality).
        levels = sum(1 for row in rows if row.note)
        lines = len(rows) + levels + len(self._fronts)
        notes = sum(map(bool, self._front_notes.values()))
        roomy = lines + notes + headings <= height
        compact = lines + bool(self._first.factions) > height  # the delegates' heading stays
        if roomy != self._roomy:
            self._roomy = roomy
            self._show_front_notes()
        for row in rows:
            row.set_compact(compact)
        lines += (notes if roomy else 0) - (levels if compact else 0)
        saved = self._fold_delegates(lines + 1 > height)  # the delegates' heading stays
        lines, delegates = lines - saved, delegates - saved
        tight = lines + 2 * headings > height
        self.set_class(tight, "-tight")
        self.set_class(lines + headings > height, "-tighter")
        delegates += 0 if tight or not delegates else 1
        self.query_one(".sidebar-qualities").styles.max_height = max(3, height - delegates)

    def _fold_delegates(self, fold: bool) -> int:
        """Put the factions' rows, and their heading, on a compact line or two ("Left
        8% · Majo 40%") when ``fold``, else back as they were; return the lines saved."""
        rows = [self._rows[f.name] for f in self._first.factions if f.name in self._rows]
        if not rows:
            return 0
        lines: list[str] = []
        if fold:
            items: list[tuple[str, int | str]] = [(r.label, f"{r.value}%") for r in rows]
            lines = compact_lines(items, max(8, self.content_size.width - 1))
            folded = self.query_one(".delegates-line", Static)
            folded.update(Content("\n".join(lines)))
            folded.styles.height = len(lines)
        self.query_one(".delegates-line", Static).display = fold
        self.query_one(".group-heading.delegates", Static).display = not fold  # the % say it
        for row in rows:
            row.display = not fold
        return len(rows) + 1 - len(lines) if fold else 0

    def _show_support(self) -> int:
        """Lay out the support block for the sidebar's width; return the lines it takes."""
        if not self._support:
            return 0
        lines = compact_lines(self._support, max(8, self.content_size.width - 1))
        line = self.query_one(".support-line", Static)
        line.update(Content("\n".join(lines)))
        line.styles.height = len(lines)
        return len(lines)

    def _show_camps(self) -> int:
        """Lay out who changed camp (or came in) with the last decision, two lines at
        most; return the lines it takes."""
        if not self._people:
            return 0
        line = self.query_one(".camps-line", Static)
        line.display = bool(self._camps)
        if not self._camps:
            return 0
        width = max(8, self.content_size.width - 1)
        lines: list[str] = []
        for item in self._camps:
            if lines and len(lines[-1]) + 3 + len(item) <= width:
                lines[-1] += " · " + item
            else:
                lines.append(item)
        if len(lines) > 2 or any(len(text) > width for text in lines):
            lines = [text if len(text) <= width else text[: width - 1] + "…" for text in lines]
            if len(lines) > 2:
                lines = [lines[0], lines[1][: width - 1].rstrip(" ·") + "…"]
        line.update(Content("\n".join(lines)))
        line.styles.height = len(lines)
        return len(lines)

    def _note_camps(self, view: PublicView) -> None:
        """After a new step, who changed camp or status, or came into view, since the
        step before; the same step shown again keeps what it found."""
        if view.step == self._step:
            return
        known, self._step = self._known, view.step
        self._known = {person.id: person for person in view.people}
        if not known:
            return
        self._camps = [
            f"{person.name.split()[-1]}: {person_note(person)}"
            for person in view.people
            if person.id not in known
            or (known[person.id].camp, known[person.id].status) != (person.camp, person.status)
        ]

    def _show_front_notes(self) -> None:
        """Each front's window under its row while there is room, else none."""
        for front, row in self._fronts.items():
            note = self._front_notes.get(front, "") if self._roomy else ""
            if note != row.note:
                row.set(row.value, row.fraction, row.delta, figure=row.figure, note=note)

    def show(self, view: PublicView) -> None:
        """Bring every row up to date with the view, with how each value moved since
        before the last decision (the view's ``moved``)."""
        moved = {change.name: change.after - change.before for change in view.moved}
        self._support = [(q.label, q.value) for q in view.qualities if q.group == SUPPORT_GROUP]
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
        self._note_camps(view)
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
        for front in view.fronts:
            row = self._fronts.get(front.id)
            if row is not None:
                row.tooltip = Content(front_tooltip(front))
                span = max(1, front.maximum - front.minimum)
                row.set(
                    front.value,
                    (front.value - front.minimum) / span,
                    0,  # the state, not the value's move, is what the row says
                    figure=front.state_label,
                )
                progress = f"{front.progress.replace(' of ', '/')} · " if front.progress else ""
                self._front_notes[front.id] = progress + front.window
        self._show_front_notes()
        if self.is_mounted:
            self._fit()
