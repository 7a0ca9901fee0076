"""The state of one game at one moment. Immutable: every decision makes a new one.

The records are named tuples: as immutable to their readers as frozen dataclasses,
and several times cheaper to make, which a playtest of many games does on every
decision. Within a decision the rules change a ``Draft`` in place and freeze it
once at the end, so a decision makes one state however many steps it takes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from .figures import PersonState, people_snapshot

if TYPE_CHECKING:
    from .votes import Breakdown

__all__ = [
    "Change",
    "Draft",
    "Entry",
    "GameState",
    "NewsItem",
    "Resolution",
    "Tally",
    "changes_between",
]


class Change(NamedTuple):
    """A quality or faction share that moved: shown in results and the news.

    A faction is measured as the sidebar and the status show it: its share of all
    delegates in whole percent (``percent`` is then true)."""

    name: str
    before: int
    after: int
    percent: bool = False

    @property
    def delta(self) -> int:
        return self.after - self.before


class NewsItem(NamedTuple):
    """A line of the front page, with the codex note it opens, if any."""

    text: str
    codex: str | None = None


class Tally(NamedTuple):
    """How a party body voted."""

    body: str
    delegates: int
    yes: int
    no: int
    yes_share: float  # 0..1, after packing
    breakdown: Breakdown | None = None  # why it went so: blocs, packing, swing, minority

    @property
    def passed(self) -> bool:
        """Carried by more whole delegates for than against: a tie fails."""
        return self.yes > self.no


class Resolution(NamedTuple):
    """What the last decision did: shown before the next one."""

    event_id: str
    option_id: str
    chosen: str  # the option's text
    outcome_id: str | None
    outcome_label: str
    result: str
    tally: Tally | None
    before: Mapping[str, int]  # the values before the decision
    after: Mapping[str, int]  # and after it
    flags_before: frozenset[str]
    flags_after: frozenset[str]
    as_history: bool | None = None  # None when the event has no historical option
    history: str = ""  # what the real Opposition chose, when this was something else
    factions: tuple[str, ...] = ()  # the campaign's factions, measured by their shares
    fills: tuple[str, ...] = ()  # the clocks the decision filled, as announced

    # Worked out when asked for: a front-end asks once, a playtest never.
    @property
    def changes(self) -> tuple[Change, ...]:
        return changes_between(self.before, self.after, self.factions)

    @property
    def flags_set(self) -> tuple[str, ...]:
        return tuple(sorted(self.flags_after - self.flags_before))

    @property
    def flags_cleared(self) -> tuple[str, ...]:
        return tuple(sorted(self.flags_before - self.flags_after))


class Entry(NamedTuple):
    """One line of the player's timeline."""

    turn: int
    event_id: str
    option_id: str
    outcome_id: str | None
    historical: bool | None  # None when the event has no historical option
    # the option's text as the player read it when choosing, where it had tags; the
    # timeline shows that, not the tags read again against a later state
    text: str | None = None


class GameState(NamedTuple):
    """Everything about a game at one moment; made by the rules, never changed."""

    turn: int
    values: Mapping[str, int]
    flags: frozenset[str]
    queue: tuple[str, ...]  # events still to decide this turn; the first is current
    fired: frozenset[str]
    step: int
    news: tuple[NewsItem, ...]  # the turn's front page
    bulletins: tuple[NewsItem, ...]  # headlines that came due with the last decision
    headlines_done: int  # how many of the campaign's headlines (by date) have come due
    # world rules that applied at the end of the last turn: how many turns in a row
    streaks: Mapping[str, int]
    # the values as the turn before this one opened, and as this one opened: what
    # moved between them is the front page's changes (``changes_between``)
    turn_before: Mapping[str, int]
    turn_start: Mapping[str, int]
    last: Resolution | None
    timeline: tuple[Entry, ...]
    ending: str | None
    # the turn each flag was last set (since()); flags set from the start, turn 0
    marks: Mapping[str, int] = {}
    # events scheduled by follow-ups: (the turn they are due, the event), in order
    follow_ups: tuple[tuple[int, str], ...] = ()
    arcs: tuple[str, ...] = ()  # the arcs open now, in the order they opened
    arcs_closed: frozenset[str] = frozenset()
    people: Mapping[str, PersonState] = {}  # each person of the campaign as they now are
    # the congress cycle: each congress's stages held so far, the Opposition's share
    # of the delegates in each constituency after each stage
    elections: Mapping[str, tuple[tuple[float, ...], ...]] = {}

    @property
    def over(self) -> bool:
        return self.ending is not None

    @property
    def current_event(self) -> str | None:
        return self.queue[0] if self.queue else None

    def snapshot(self) -> dict[str, object]:
        """The parts of the state a save records, as plain data."""
        return {
            "turn": self.turn,
            "step": self.step,
            "values": dict(sorted(self.values.items())),
            "flags": sorted(self.flags),
            "queue": list(self.queue),
            "ending": self.ending,
            **people_snapshot(self.people),
        }


class Draft:
    """A state being made within one decision: changed in place by the rules' steps,
    then frozen once. Its fields are the state's (a test keeps them the same)."""

    __slots__ = GameState._fields

    turn: int
    values: Mapping[str, int]
    flags: frozenset[str]
    queue: tuple[str, ...]
    fired: frozenset[str]
    step: int
    news: tuple[NewsItem, ...]
    bulletins: tuple[NewsItem, ...]
    headlines_done: int
    streaks: Mapping[str, int]
    turn_before: Mapping[str, int]
    turn_start: Mapping[str, int]
    last: Resolution | None
    timeline: tuple[Entry, ...]
    ending: str | None
    marks: Mapping[str, int]
    follow_ups: tuple[tuple[int, str], ...]
    arcs: tuple[str, ...]
    arcs_closed: frozenset[str]
    people: Mapping[str, PersonState]
    elections: Mapping[str, tuple[tuple[float, ...], ...]]

    def __init__(self, state: GameState) -> None:
        (
            self.turn,
            self.values,
            self.flags,
            self.queue,
            self.fired,
            self.step,
            self.news,
            self.bulletins,
            self.headlines_done,
            self.streaks,
            self.turn_before,
            self.turn_start,
            self.last,
            self.timeline,
            self.ending,
            self.marks,
            self.follow_ups,
            self.arcs,
            self.arcs_closed,
            self.people,
            self.elections,
        ) = state

    @property
    def over(self) -> bool:
        return self.ending is not None

    def freeze(self) -> GameState:
        """The state as it now stands."""
        return GameState(
            self.turn,
            self.values,
            self.flags,
            self.queue,
            self.fired,
            self.step,
            self.news,
            self.bulletins,
            self.headlines_done,
            self.streaks,
            self.turn_before,
            self.turn_start,
            self.last,
            self.timeline,
            self.ending,
            self.marks,
            self.follow_ups,
            self.arcs,
            self.arcs_closed,
            self.people,
            self.elections,
        )


def shares(values: Mapping[str, int], factions: tuple[str, ...]) -> dict[str, int]:
    """Each faction's share of all delegates, in whole percent (as the sidebar rounds);
    a faction at zero or below has none."""
    counts = [values[name] for name in factions]
    total = sum([count for count in counts if count > 0]) or 1
    return {
        name: round(100 * count / total) if count > 0 else 0
        for name, count in zip(factions, counts, strict=True)
    }


def changes_between(
    before: Mapping[str, int], after: Mapping[str, int], factions: tuple[str, ...]
) -> tuple[Change, ...]:
    """What moved from ``before`` to ``after``: qualities by value, factions by their
    share of the delegates, every faction whose whole-percent share moved."""
    if before is after:
        return ()
    changes = []
    faction_moved = False
    now_of = after.get
    for name, value in before.items():
        now = now_of(name, value)
        if now != value:
            if name in factions:
                faction_moved = True
            else:
                changes.append(Change(name, value, now, False))
    if faction_moved:
        was, now_shares = shares(before, factions), shares(after, factions)
        changes += [
            Change(name, was[name], now_shares[name], True)
            for name in factions
            if was[name] != now_shares[name]
        ]
    return tuple(changes)
