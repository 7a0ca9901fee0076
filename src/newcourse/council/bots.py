"""Bot delegates: a campaign's strategy (``strategies.yaml``) sitting in a council.

A bot votes for the option its strategy's score rates best after the option's
effects, weighing uncertain outcomes by the odds the players are shown and
counting a party vote as the game would count it now: the engine's forecast
(``engine.forecast``), the one the playtester's scoring players use. Ties go
to the first option in the event's order, so a bot always votes the same way
in the same game. In ballots a bot keeps what is: it votes against a recall
and against undoing a decision, and in an election for the candidate with the
most votes so far (the first delegate when none has any).
"""

from __future__ import annotations

from ..engine import Campaign, Game
from ..engine.forecast import expected_score
from ..engine.rules import is_available, scope_of

__all__ = ["bot_ballot_choice", "bot_choice"]


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
        value = expected_score(campaign, option, scope, score, event, state)
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
