"""The pure game engine: model, expressions, rules, views and the Game API.

The engine does no I/O, reads no clock and prints nothing. A game is fully
determined by its campaign, its seed and its decisions.
"""

from .calendar import Quarter
from .errors import EngineError, ExpressionError, Refusal, SaveError
from .game import SAVE_FORMAT, SAVE_VERSION, Decision, Game
from .model import Campaign, CodexEntry, Ending, Event, Option, Outcome, Quality, Vote
from .state import GameState
from .view import EndingView, EventView, OptionView, TurnView

__all__ = [
    "SAVE_FORMAT",
    "SAVE_VERSION",
    "Campaign",
    "CodexEntry",
    "Decision",
    "Ending",
    "EndingView",
    "EngineError",
    "Event",
    "EventView",
    "ExpressionError",
    "Game",
    "GameState",
    "Option",
    "OptionView",
    "Outcome",
    "Quality",
    "Quarter",
    "Refusal",
    "SaveError",
    "TurnView",
    "Vote",
]
