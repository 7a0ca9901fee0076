"""What every analysis shares: the campaign, its boxes of values, and the report.

Three kinds of box matter. The *declared* box is what the campaign's
declarations allow (a quality anywhere in ``min..max``, a flag true or false).
The *reach* box is what play can actually produce (a flag nothing sets stays
false; a quality nothing raises stays at or below its initial value), and the
*timeline* is the reach box of each turn (a flag set only by a 1924 event is
false in 1923); ``reach.py`` computes both. A condition that cannot hold in a
turn's box can never hold in that turn of a game.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ...content.diagnostics import Diagnostic, Severity
from ...engine.calendar import Quarter
from ...engine.expressions import (
    BUILTINS,
    Binary,
    Expr,
    Literal,
    NameKind,
    Namespace,
    Not,
    names_in,
)
from ...engine.model import Campaign, Source
from .intervals import BOTH, Interval, Value, can_be

__all__ = ["Context", "conjoin", "listing", "negate", "quoted"]

TRUE = Literal(True)
_LARGE = 1e9  # "any number": large but finite, so that interval sums never meet inf - inf


def conjoin(*parts: Expr | None) -> Expr:
    """``a and b and ...``, skipping absent parts (no parts: true).

    The parts are joined two by two, level by level, so the tree grows only as deep as
    the logarithm of their number: the walks of the analysis recurse, and an event may
    join the conditions of any number of options."""
    level = [p for p in parts if p is not None]
    if not level:
        return TRUE
    while len(level) > 1:
        paired: list[Expr] = [
            Binary("and", level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)
        ]
        level = paired + level[len(paired) * 2 :]
    return level[0]


def negate(expr: Expr) -> Expr:
    return Not(expr)


def quoted(text: str) -> str:
    """A condition's text on one line, quoted for a message."""
    return "'" + " ".join(text.split()) + "'"


@dataclass
class Context:
    """One campaign under analysis, with its boxes and the diagnostics found so far."""

    campaign: Campaign
    declared: dict[str, Value] = field(default_factory=dict)
    reach: dict[str, Value] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    timeline: list[dict[str, Value]] = field(default_factory=list)  # the reach box of each turn
    dead: set[str] = field(default_factory=set)  # ids of events shown never to fire
    witness_budget: int = 30_000  # concrete states to try in all, to keep the check fast

    def __post_init__(self) -> None:
        campaign = self.campaign
        for name, quality in campaign.qualities.items():
            self.declared[name] = Interval(quality.minimum, quality.maximum)
        for name in campaign.factions:
            low, high = campaign.ranges.get(name, (0, 1000))
            self.declared[name] = Interval(low, high)
        for name in campaign.flags:
            self.declared[name] = BOTH
        if not self.reach:
            self.reach = dict(self.declared)

    # ------------------------------------------------------------ names and time

    @property
    def namespace(self) -> Namespace:
        kinds = {name: NameKind.BUILTIN for name in BUILTINS}
        kinds.update({name: NameKind.QUALITY for name in self.campaign.qualities})
        kinds.update({name: NameKind.FACTION for name in self.campaign.factions})
        kinds.update({name: NameKind.FLAG for name in self.campaign.flags})
        return Namespace(kinds)

    @property
    def all_turns(self) -> range:
        return range(self.campaign.turns)

    @property
    def last_turn(self) -> range:
        return range(self.campaign.turns - 1, self.campaign.turns)

    def turns_between(self, first: Quarter, last: Quarter) -> range:
        start = self.campaign.start
        low = max(0, first.turns_since(start))
        high = min(self.campaign.turns - 1, last.turns_since(start))
        return range(low, high + 1)

    def at(self, box: dict[str, Value], turns: Sequence[int]) -> dict[str, Value]:
        """The box over a span of turns, with year, quarter and turn spanning them."""
        first, last = self.campaign.quarter(turns[0]), self.campaign.quarter(turns[-1])
        same_year = first.year == last.year
        return {
            **box,
            "year": Interval(first.year, last.year),
            "quarter": Interval(first.number, last.number) if same_year else Interval(1, 4),
            "turn": Interval(turns[0], turns[-1]),
        }

    def describe_turns(self, turns: Sequence[int]) -> str:
        first, last = self.campaign.quarter(turns[0]), self.campaign.quarter(turns[-1])
        return str(first) if first == last else f"{first} to {last}"

    # ------------------------------------------------------------ reasoning

    def possible(
        self, expr: Expr, turns: Sequence[int], box: dict[str, Value] | None = None
    ) -> bool:
        """Whether ``expr`` can be true at some turn of ``turns`` in ``box``; by default in
        each turn's reach box (the timeline), else in the reach box."""
        if not turns:
            return False
        if box is None and self.timeline:
            return self._possible_in_time(expr, turns)
        box = self.reach if box is None else box
        if not can_be(expr, True, self.at(box, turns)):
            return False
        if len(turns) == 1 or not names_in(expr) & set(BUILTINS):
            return True
        return any(can_be(expr, True, self.at(box, [turn])) for turn in turns)

    def box_at(self, turn: int) -> dict[str, Value]:
        """What play can reach by ``turn``."""
        return self.timeline[turn] if self.timeline else self.reach

    def _possible_in_time(self, expr: Expr, turns: Sequence[int]) -> bool:
        # the boxes only grow with time: the last turn's box holds all the others
        if not can_be(expr, True, self.at(self.timeline[turns[-1]], turns)):
            return False
        if len(turns) == 1 or not names_in(expr) & set(BUILTINS):
            return True
        return any(can_be(expr, True, self.at(self.timeline[t], [t])) for t in turns)

    def always(self, expr: Expr, turns: Sequence[int], box: dict[str, Value] | None = None) -> bool:
        return not self.possible(negate(expr), turns, box)

    def why_never(
        self, own: Expr, turns: Sequence[int], given: Expr | None = None, what: str = ""
    ) -> str:
        """Why a condition can never hold (together with ``given``, the condition ``what``
        names, when there is one): itself, the declarations, the time, or what play can
        reach; the first of these that explains it."""
        expr = conjoin(given, own)
        names = sorted(names_in(expr) - set(BUILTINS))
        if not self.possible(own, self.all_turns, self.unbounded):
            return "it contradicts itself"
        if not self.possible(expr, self.all_turns, self.unbounded):
            return f"it contradicts {what}"
        if not self.possible(expr, self.all_turns, self.declared):
            ranges = [
                f"{name} {value.span}"
                for name in names
                if isinstance(value := self.declared[name], Interval)
            ]
            if len(ranges) == 1:
                return f"given its range: {ranges[0]}"
            return "given their ranges: " + ", ".join(ranges)
        if not self.possible(expr, turns, self.declared):
            return f"not in {self.describe_turns(turns)}"
        if not self.possible(expr, turns, self.reach):
            found = [reason for reason in map(self.narrowing, names) if reason]
        else:
            found = [self.narrowing_in_time(name, turns[-1]) for name in names]
        found = [reason for reason in found if reason]
        return "; ".join(found) if found else "not with the values play can reach"

    @property
    def unbounded(self) -> dict[str, Value]:
        """Every number free (within a large bound), every flag either way."""
        return {
            name: Interval(-_LARGE, _LARGE) if isinstance(value, Interval) else BOTH
            for name, value in self.declared.items()
        }

    def narrowing(self, name: str) -> str:
        """How the reach of a name falls short of its declaration, in words ('' if it does not)."""
        return _shortfall(name, self.reach[name], self.declared[name], "")

    def narrowing_in_time(self, name: str, turn: int) -> str:
        """How a name's box at ``turn`` falls short of its reach, in words ('' if it does not)."""
        now = self.timeline[turn][name]
        later_turns = range(turn, len(self.timeline))
        first = next((t for t in later_turns if self.timeline[t][name] != now), None)
        when = "the end" if first is None else str(self.campaign.quarter(first))
        return _shortfall(name, now, self.reach[name], f" before {when}")

    # ------------------------------------------------------------ reporting

    def report(self, severity: Severity, source: Source, message: str) -> None:
        self.diagnostics.append(Diagnostic(severity, source.file, source.line, message))

    def error(self, source: Source, message: str) -> None:
        self.report(Severity.ERROR, source, message)

    def warning(self, source: Source, message: str) -> None:
        self.report(Severity.WARNING, source, message)

    def note(self, source: Source, message: str) -> None:
        self.report(Severity.NOTE, source, message)


def listing(ids: Iterable[str]) -> str:
    return ", ".join(repr(i) for i in ids)


def _shortfall(name: str, box: Value, bound: Value, suffix: str) -> str:
    """Why ``box`` is narrower than ``bound``, in words ('' if it is not)."""
    if box == bound:
        return ""
    if not isinstance(box, Interval):
        return f"nothing {'clears' if True in box else 'sets'} flag {name!r}{suffix}"
    assert isinstance(bound, Interval)
    parts = []
    if box.hi < bound.hi:
        parts.append(f"nothing raises {name!r} above {box.hi:g}{suffix}")
    if box.lo > bound.lo:
        parts.append(f"nothing lowers {name!r} below {box.lo:g}{suffix}")
    return "; ".join(parts)
