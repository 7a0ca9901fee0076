"""Bot delegates: a campaign's strategy (``strategies.yaml``) sitting in a council.

A bot votes for the option its strategy's score rates best after the option's
effects, weighing uncertain outcomes by the odds the players are shown and
counting a party vote as the game would count it now, as the playtester's
scoring players do. Ties go to the first option in the event's order, so a bot
always votes the same way in the same game. In ballots a bot keeps what is:
it votes against a recall and against undoing a decision, and in an election
for the candidate with the most votes so far (the first delegate when none has
any).
"""

from __future__ import annotations

from collections.abc import Callable

from ..engine import Campaign, Game
from ..engine.expressions import Scope
from ..engine.model import Option, Outcome
from ..engine.rules import is_available, outcome_odds, scope_of, vote_tally
from ..engine.votes import minority_won

__all__ = ["bot_ballot_choice", "bot_choice"]


def _score_after(
    option: Option,
    outcome: Outcome | None,
    extra: Option | None,
    scope: Scope,
    score: Callable[[Scope], float | bool],
) -> float:
    trial = Scope(dict(scope.values), set(scope.flags), scope.builtins, people=dict(scope.people))
    trial.cast = scope.cast
    if option.effects is not None:
        option.effects.apply(trial)
    if outcome is not None and outcome.effects is not None:
        outcome.effects.apply(trial)
    return float(score(trial))


def _expected(
    campaign: Campaign, game: Game, option: Option, score: Callable[[Scope], float | bool]
) -> float:
    state = game.state
    scope = scope_of(campaign, state)
    event = campaign.events[state.queue[0]]
    if option.vote is not None:
        tally = vote_tally(campaign, option.vote, scope, event, option, state.elections)
        value = _score_after(
            option, option.vote.passed if tally.passed else option.vote.failed, None, scope, score
        )
        minority = minority_won(option, tally)
        if minority is not None and minority.effects is not None:
            trial = Scope(
                dict(scope.values), set(scope.flags), scope.builtins, people=dict(scope.people)
            )
            trial.cast = scope.cast
            minority.effects.apply(trial)
            value += float(score(trial)) - float(score(scope))
        return value
    if option.outcomes:
        return sum(
            chance * _score_after(option, outcome, None, scope, score)
            for outcome, chance in outcome_odds(option, scope)
        )
    return _score_after(option, None, None, scope, score)


def bot_choice(campaign: Campaign, game: Game, strategy: str, allowed: tuple[str, ...] = ()) -> str:
    """The option (its id) the ``strategy`` would vote for now, among ``allowed`` (all the
    available options when empty). The game must have a decision to make."""
    score = campaign.strategies[strategy].score.value
    state = game.state
    scope = scope_of(campaign, state)
    event = campaign.events[state.queue[0]]
    options = [
        o for o in event.options if is_available(o, scope) and (not allowed or o.id in allowed)
    ]
    best, top = options[0], float("-inf")
    for option in options:
        value = _expected(campaign, game, option, score)
        if value > top + 1e-9:
            best, top = option, value
    return best.id


def bot_ballot_choice(question: str, votes: dict[str, str], candidates: list[str]) -> str:
    """What a bot votes in a ballot (see the module's notes)."""
    if question != "election":
        return "no"
    counts = {c: 0 for c in candidates}
    for choice in votes.values():
        if choice in counts:
            counts[choice] += 1
    return max(candidates, key=lambda c: (counts[c], -candidates.index(c)))
