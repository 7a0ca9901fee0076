"""What the rules read: a state as a scope, the options that show and are open,
the weight and the odds of outcomes, a vote as the state makes it."""

from __future__ import annotations

from collections.abc import Mapping

from ..expressions import Scope
from ..index import TurnIndex
from ..model import Campaign, Condition, Event, Option, Outcome, Vote
from ..people import cast_of
from ..state import Draft, GameState, Tally
from ..votes import count_vote

__all__ = [
    "MOST_WEIGHT",
    "current_event",
    "is_available",
    "is_visible",
    "outcome_odds",
    "reading_scope",
    "scope_of",
    "share_of",
    "vote_tally",
    "weight_of",
]


def scope_of(campaign: Campaign, state: GameState | Draft) -> Scope:
    """A scope on a copy of the state's values and flags: effects may change it."""
    builtins = campaign.index.turn(state.turn).builtins  # effects never change built-ins
    scope = Scope(dict(state.values), set(state.flags), builtins, state.marks, dict(state.people))
    if state.people and state.queue:  # the current event's cast, as it stands
        cast = campaign.events[state.queue[0]].cast
        if cast:
            scope.cast = cast_of(cast, scope.people) or {}
    return scope


def reading_scope(campaign: Campaign, state: Draft, turn: TurnIndex | None = None) -> Scope:
    """A scope on the state itself, for conditions and weights only: nothing may change it."""
    if turn is None:
        turn = campaign.index.turn(state.turn)
    return Scope(state.values, state.flags, turn.builtins, state.marks, state.people)  # type: ignore[arg-type]


def _holds(condition: Condition | None, scope: Scope) -> bool:
    return condition is None or bool(condition.test(scope))


def current_event(campaign: Campaign, state: GameState) -> Event | None:
    event_id = state.current_event
    return campaign.events[event_id] if event_id is not None else None


def is_visible(option: Option, scope: Scope) -> bool:
    return _holds(option.visible, scope)


def is_available(option: Option, scope: Scope) -> bool:
    visible, requires = option.visible, option.requires
    return (visible is None or bool(visible.test(scope))) and (
        requires is None or bool(requires.test(scope))
    )


MOST_WEIGHT = 1e12

"""The largest a weight counts for: an infinite weight counts as this."""


def weight_of(value: float) -> float:
    """A weight as the rules read it: below zero, or not a number (NaN), it counts as
    zero; above ``MOST_WEIGHT`` (infinity too), as ``MOST_WEIGHT``."""
    if value > 0:
        return value if value < MOST_WEIGHT else MOST_WEIGHT
    return 0.0


def share_of(value: float) -> float:
    """A share (a swing, say) as the rules read it: kept within 0..1; NaN counts as 0."""
    if value >= 1:
        return 1.0
    return float(value) if value > 0 else 0.0


def outcome_odds(option: Option, scope: Scope) -> list[tuple[Outcome, float]]:
    """Each outcome with its chance (0..1). Weights are read by ``weight_of``;
    if every weight is zero, the outcomes are equally likely."""
    weights = [weight_of(o.weight.value(scope)) for o in option.outcomes]
    total = sum(weights)
    if total <= 0:
        return [(o, 1 / len(option.outcomes)) for o in option.outcomes]
    return [(o, w / total) for o, w in zip(option.outcomes, weights, strict=True)]


def vote_tally(
    campaign: Campaign,
    vote: Vote,
    scope: Scope,
    event: Event | None = None,
    option: Option | None = None,
    held: Mapping[str, tuple[tuple[float, ...], ...]] | None = None,
) -> Tally:
    """The vote as the state makes it (see ``votes.count_vote``): faction shares,
    the swing of the free delegates, and the apparatus packing the delegations;
    with ``event``, ``option`` and the elections ``held``, the congress cycle too.

    The delegates vote as whole delegates, and the motion is decided on those
    counts: it passes with more votes for than against, so a tie fails."""
    return count_vote(campaign, vote, scope, event, option, held)
