"""The turn rules: how a state and a decision make the next state.

A turn opens with the news, queues its events (dated set pieces, then storylets
drawn by weight, then recurring ones) and waits for a decision on each. When
the queue is empty the world rules run, final endings are checked, and the next
turn opens. All chance comes from ``Dice`` (``dice.py``): a stream per purpose
and step (the turn, or the number of decisions made), keyed by the game's seed,
so the same seed and decisions give the same game.

By job: ``reading.py`` what the rules read (scopes, options open, odds, votes),
``turns.py`` a turn's course from its opening to its close, ``deciding.py`` a
decision.
"""

from ..dice import Dice
from ..index import history_outcome, history_text
from .deciding import choose
from .reading import (
    MOST_WEIGHT,
    current_event,
    is_available,
    is_visible,
    outcome_odds,
    scope_of,
    share_of,
    vote_tally,
    weight_of,
)
from .turns import start

__all__ = [
    "MOST_WEIGHT",
    "Dice",
    "choose",
    "current_event",
    "history_outcome",
    "history_text",
    "is_available",
    "is_visible",
    "outcome_odds",
    "scope_of",
    "share_of",
    "start",
    "vote_tally",
    "weight_of",
]
