"""What an option is worth to a player who rates states by a score, before choosing it.

A scoring player (the playtester's strategies, a council's bot delegates) rates
each option by the score of the state after it, as the game would resolve it:
the option's effects, then its outcome's, then what a defeated minority wins. A
vote is counted as the game counts it now; uncertain outcomes are weighed by the
odds the players are shown, never by the game's dice. Nothing is changed: the
effects run on copies of the scope.
"""

from __future__ import annotations

from collections.abc import Callable

from . import rules
from .congress import Minority
from .expressions import Scope
from .model import Campaign, Event, Option, Outcome
from .state import GameState
from .votes import minority_won

__all__ = ["Score", "expected_score"]

Score = Callable[[Scope], float | bool]
"""A strategy's score: how good a state looks, read from its scope."""


def expected_score(
    campaign: Campaign,
    option: Option,
    scope: Scope,
    score: Score,
    event: Event | None = None,
    state: GameState | None = None,
) -> float:
    """The score of the state after ``option``'s effects, expected over its outcomes.

    A vote is counted from the state as the game counts it: with the ``event`` it
    decides and the ``state``'s delegate elections, the congress cycle too (the
    elections, the argument, the minority). Uncertain outcomes are weighted by the
    odds the player is shown. ``scope`` is left as it was.
    """
    minority: Minority | None = None

    def after(outcome: Outcome | None) -> float:
        trial = Scope(
            dict(scope.values), set(scope.flags), scope.builtins, people=dict(scope.people)
        )
        trial.cast = scope.cast
        if option.effects is not None:
            option.effects.apply(trial)
        if outcome is not None and outcome.effects is not None:
            outcome.effects.apply(trial)
        if minority is not None and minority.effects is not None:
            minority.effects.apply(trial)
        return float(score(trial))

    if option.vote is not None:
        held = state.elections if state is not None else None
        tally = rules.vote_tally(campaign, option.vote, scope, event, option, held)
        minority = minority_won(option, tally)
        return after(option.vote.passed if tally.passed else option.vote.failed)
    if option.outcomes:
        return sum(chance * after(outcome) for outcome, chance in rules.outcome_odds(option, scope))
    return after(None)
