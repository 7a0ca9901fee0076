"""Fronts abroad: a country's revolutionary chance, measured by a quality, prepared
by an optional clock, with a window of opportunity between two dates.

A front reads as a **state** ("quiet", "preparing", "window open", "won",
"lost"): the first of its states whose condition holds, and whose window phase
(if it names one) is the window's phase now. Each state has a stable id (saves,
maps and tests name it) and a **kind** from ``KINDS``, so a front-end can colour
every front alike without knowing its states. The window's phase is worked out
from the turn: ``before`` it opens, ``open`` while the turn's season falls
between its dates, ``closed`` after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from .calendar import Quarter
from .expressions import Scope
from .timeline import MONTHS

if TYPE_CHECKING:
    from .model import Condition, Source

__all__ = [
    "KINDS",
    "PHASES",
    "Front",
    "FrontState",
    "FrontView",
    "front_views",
    "phase_of",
    "state_of",
    "window_text",
]

KINDS = ("quiet", "preparing", "open", "won", "lost")
"""What a front's state is, whatever the writer calls it: a map colours by this."""

PHASES = ("before", "open", "closed")
"""Where a front's window stands: not yet open, open, or closed."""


@dataclass(frozen=True, slots=True)
class FrontState:
    """One state a front can be in, and when it holds."""

    id: str
    label: str  # what the player reads: "preparing", "councils hold Dresden"
    kind: str  # one of KINDS
    when: Condition | None
    phase: str | None  # the window's phase it needs (one of PHASES), or None for any
    source: Source


@dataclass(frozen=True, slots=True)
class Front:
    """A front abroad: its quality, preparation clock, window and states (the last
    state holds when no other does)."""

    id: str
    label: str
    quality: str
    clock: str | None
    opens: dt.date
    closes: dt.date
    states: tuple[FrontState, ...]
    background: bool  # news and small choices only: kept off the players' block
    description: str
    source: Source


class FrontView(NamedTuple):
    """A front as the players show it."""

    id: str
    label: str
    state: str  # the state's stable id
    state_label: str
    kind: str  # one of KINDS
    value: int  # the front's quality
    minimum: int
    maximum: int
    progress: str  # the preparation clock, "2 of 6", while the window has not closed; or ""
    window: str  # "opens autumn 1925", "open until December 1923", "closed since January 1924"
    phase: str  # one of PHASES
    background: bool
    description: str
    quality: str  # the names the front shows, so a player shows them once
    clock: str | None


def phase_of(front: Front, quarter: Quarter) -> str:
    """Where the front's window stands in the season ``quarter``."""
    if quarter < Quarter.of(front.opens):
        return "before"
    if quarter > Quarter.of(front.closes):
        return "closed"
    return "open"


def _month(date: dt.date) -> str:
    return f"{MONTHS[date.month - 1]} {date.year}"


def window_text(front: Front, phase: str) -> str:
    """The window as the player reads it in that phase."""
    if phase == "before":
        return f"opens {Quarter.of(front.opens).season} {front.opens.year}"
    if phase == "open":
        return f"open until {_month(front.closes)}"
    return f"closed since {_month(front.closes)}"


def state_of(front: Front, scope: Scope, phase: str) -> FrontState:
    """The first state that holds; the last one when none does."""
    for state in front.states:
        if (state.phase is None or state.phase == phase) and (
            state.when is None or state.when.test(scope)
        ):
            return state
    return front.states[-1]


def front_views(
    fronts: tuple[Front, ...],
    scope: Scope,
    quarter: Quarter,
    values: Mapping[str, int],
    ranges: Mapping[str, tuple[int, int]],
) -> tuple[FrontView, ...]:
    """Every front as it stands in ``quarter``, its states read against ``scope``."""
    views = []
    for front in fronts:
        phase = phase_of(front, quarter)
        state = state_of(front, scope, phase)
        low, high = ranges.get(front.quality, (0, 100))
        progress = ""
        if front.clock is not None and phase != "closed":
            progress = f"{values[front.clock]} of {ranges.get(front.clock, (0, 0))[1]}"
        views.append(
            FrontView(
                front.id,
                front.label,
                state.id,
                state.label,
                state.kind,
                values[front.quality],
                low,
                high,
                progress,
                window_text(front, phase),
                phase,
                front.background,
                front.description,
                front.quality,
                front.clock,
            )
        )
    return tuple(views)
