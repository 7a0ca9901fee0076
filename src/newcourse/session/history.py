"""A game's history as the player may see it: each shown quality and each faction's
share of the delegates after every decision, for charts.

It is read from the game's states (a ``Game`` keeps one per decision, and one
loaded from a save replays them), with the engine's own share of the delegates
(``engine.state.shares``); hidden qualities stay out, as in the public view.
JSON-ready like the view (``to_data``).
"""

from __future__ import annotations

from typing import NamedTuple

from ..engine import Game
from ..engine.state import shares

__all__ = ["History", "Moment", "Series", "history"]


class Moment(NamedTuple):
    """One point of the history: after ``step`` decisions, in turn ``turn`` (1-based)."""

    step: int
    turn: int
    date: str  # "Autumn 1923"


class Series(NamedTuple):
    """A shown quality's or a faction's values, one per moment."""

    name: str
    label: str
    group: str  # the quality's group; "delegates" for a faction's share
    minimum: int
    maximum: int
    values: tuple[int, ...]
    clock: bool  # a clock's filled segments rather than a quality's value


class History(NamedTuple):
    """The moments of a game so far, and the series drawn over them."""

    moments: tuple[Moment, ...]
    qualities: tuple[Series, ...]
    factions: tuple[Series, ...]  # each faction's share of the delegates, in whole percent


def history(game: Game) -> History:
    """Every shown quality and every faction's share after each of ``game``'s decisions."""
    campaign = game.campaign
    states = game.states
    moments = tuple(
        Moment(state.step, state.turn + 1, str(campaign.quarter(state.turn))) for state in states
    )
    qualities = tuple(
        Series(
            q.name,
            q.label,
            q.group,
            q.minimum,
            q.maximum,
            tuple(state.values[q.name] for state in states),
            clock is not None,
        )
        for q, clock in campaign.index.shown_qualities
        if q.name in campaign.index.shown
    )
    names = tuple(campaign.factions)
    each = [shares(state.values, names) for state in states]
    factions = tuple(
        Series(name, f.label, "delegates", 0, 100, tuple(s[name] for s in each), False)
        for name, f in campaign.factions.items()
    )
    return History(moments, qualities, factions)
