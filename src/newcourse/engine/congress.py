"""The congress cycle: constituencies, and delegates elected upward before a congress.

A campaign may declare constituencies, each with a weight (its share of the
delegates) and a quality holding the Opposition's support in it. A dated event
whose options put votes may declare elections: in the season before it, at the
close of turns spread from the opening to the congress, the stages are held one
by one (cells, district conferences, provincial conferences). At each stage the
Opposition keeps its share of the last stage's delegates less the part the
apparatus packs out (the campaign's ``packing`` expression, a share 0..1 read
when the stage is held). The last stage fixes the Opposition's delegates.

A faction may have a **leader** (``leaders``: person to faction): while the
leader is active, their trust in the Opposition moves the faction's bloc at a
vote, one step towards ``for`` (against, split, for) at ``TRUSTING`` or more,
one step towards ``against`` at ``HOSTILE`` or less (see ``votes``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from .expressions import Scope

if TYPE_CHECKING:
    from .model import Campaign, Effects, Event, Quality, Source, Weight

__all__ = [
    "HOSTILE",
    "TRUSTING",
    "Argument",
    "Congress",
    "Constituency",
    "ElectionLine",
    "Elections",
    "Minority",
    "Stage",
    "elected",
    "election_lines",
    "election_schedule",
    "hold_stages",
]


TRUSTING = 2
"""A leader's trust at or above which their bloc moves one step towards the Opposition."""

HOSTILE = -2
"""A leader's trust at or below which their bloc moves one step away from it."""


@dataclass(frozen=True, slots=True)
class Constituency:
    """A part of the party that elects delegates: its weight and the Opposition's support."""

    name: str
    label: str
    weight: int
    support: str  # the quality that holds the Opposition's support there
    source: Source


@dataclass(frozen=True, slots=True)
class Argument:
    """A line of argument at a vote, and how well it fits the moment (in points of swing)."""

    name: str
    label: str
    fit: Weight
    source: Source


@dataclass(frozen=True, slots=True)
class Congress:
    """The campaign's congress cycle: who "you" are among the factions, the
    constituencies, the apparatus's packing per stage, the arguments, and the
    factions' leaders."""

    opposition: str  # the faction whose delegates the elections decide
    constituencies: tuple[Constituency, ...]
    packing: Weight | None  # the share of the Opposition's delegates removed at each stage
    arguments: Mapping[str, Argument]
    source: Source
    leaders: Mapping[str, str] = field(default_factory=dict)  # person -> the faction they lead


@dataclass(frozen=True, slots=True)
class Stage:
    """One level of the elections, e.g. the district conferences."""

    name: str
    label: str


@dataclass(frozen=True, slots=True)
class Elections:
    """The delegate elections before a congress: each stage is held at the close of its turn."""

    stages: tuple[Stage, ...]
    turns: tuple[int, ...]  # the turn at whose close each stage is held
    source: Source

    @property
    def opens(self) -> int:
        return self.turns[0]


@dataclass(frozen=True, slots=True)
class Minority:
    """What a defeated motion's minority wins when it reaches ``at`` percent of the delegates."""

    at: int
    label: str
    effects: Effects | None
    result: str
    source: Source


class ElectionLine(NamedTuple):
    """A line of the view: a stage of the elections before a congress."""

    body: str  # the congress, as its event is titled
    stage: str  # "District conferences"
    percent: int | None  # the Opposition's share of the delegates, or None before it is held


def stage_turns(opens: int, congress: int, count: int) -> tuple[int, ...]:
    """The turns at whose close ``count`` stages are held, spread from ``opens`` up to
    the turn before the ``congress``."""
    span = max(1, congress - opens)
    return tuple(opens + (k * span) // count for k in range(count))


def election_schedule(events: Mapping[str, Event]) -> Mapping[int, tuple[tuple[str, int], ...]]:
    """For each turn, the (event, stage) pairs held at its close."""
    schedule: dict[int, list[tuple[str, int]]] = {}
    for event in events.values():
        if event.elections is None:
            continue
        for stage, turn in enumerate(event.elections.turns):
            schedule.setdefault(turn, []).append((event.id, stage))
    return {turn: tuple(pairs) for turn, pairs in schedule.items()}


def _support(campaign: Campaign, congress: Congress, scope: Scope) -> tuple[float, ...]:
    """The Opposition's support in each constituency, as a share 0..1 of its range."""
    shares = []
    for place in congress.constituencies:
        quality: Quality = campaign.qualities[place.support]
        span = (quality.maximum - quality.minimum) or 1
        shares.append(min(1.0, max(0.0, (scope.values[place.support] - quality.minimum) / span)))
    return tuple(shares)


def _packing(congress: Congress, scope: Scope) -> float:
    if congress.packing is None:
        return 0.0
    value = congress.packing.value(scope)
    return min(1.0, float(value)) if value > 0 else 0.0


def _next_stage(
    campaign: Campaign, congress: Congress, held: tuple[tuple[float, ...], ...], scope: Scope
) -> tuple[float, ...]:
    before = held[-1] if held else _support(campaign, congress, scope)
    kept = 1.0 - _packing(congress, scope)
    return tuple(share * kept for share in before)


def total(congress: Congress, shares: tuple[float, ...]) -> float:
    """The Opposition's share of all delegates, the constituencies weighed."""
    weights = sum(place.weight for place in congress.constituencies) or 1
    return sum(p.weight * s for p, s in zip(congress.constituencies, shares, strict=True)) / weights


def hold_stages(
    campaign: Campaign,
    held: Mapping[str, tuple[tuple[float, ...], ...]],
    due: tuple[tuple[str, int], ...],
    scope: Scope,
) -> Mapping[str, tuple[tuple[float, ...], ...]]:
    """The elections after the stages ``due`` at this turn's close are held."""
    congress = campaign.congress
    if congress is None:
        return held
    results = dict(held)
    for event_id, stage in due:
        done = results.get(event_id, ())
        if len(done) == stage:
            results[event_id] = (*done, _next_stage(campaign, congress, done, scope))
    return results


def elected(
    campaign: Campaign,
    event: Event,
    held: Mapping[str, tuple[tuple[float, ...], ...]],
    scope: Scope,
) -> tuple[float, float] | None:
    """The Opposition's share of the delegates before packing (its support in the
    cells) and after the last stage, for an event with elections; stages not yet
    held are held now, on the state as it is."""
    congress = campaign.congress
    if event.elections is None or congress is None:
        return None
    done = held.get(event.id, ())
    while len(done) < len(event.elections.stages):
        done = (*done, _next_stage(campaign, congress, done, scope))
    return total(congress, _support(campaign, congress, scope)), total(congress, done[-1])


def election_lines(
    campaign: Campaign,
    turn: int,
    held: Mapping[str, tuple[tuple[float, ...], ...]],
    fired: frozenset[str],
    queue: tuple[str, ...],
) -> tuple[ElectionLine, ...]:
    """The view's lines of the elections under way: from their opening until the
    congress has been decided, a line per stage."""
    congress = campaign.congress
    if congress is None:
        return ()
    lines: list[ElectionLine] = []
    for event in campaign.index.congresses:
        elections = event.elections
        assert elections is not None
        if turn < elections.opens or (event.id in fired and event.id not in queue):
            continue
        if turn > event.window[1].turns_since(campaign.start):
            continue
        done = held.get(event.id, ())
        for number, stage in enumerate(elections.stages):
            percent = round(100 * total(congress, done[number])) if number < len(done) else None
            lines.append(ElectionLine(event.title, stage.label, percent))
    return tuple(lines)
