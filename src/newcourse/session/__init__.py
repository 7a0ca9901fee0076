"""What every front-end shares: the session, the commands, the phrases and the public view.

A front-end (the full-screen and the plain terminal players, the web) opens a
``Session`` on a game, takes its commands and their help from ``COMMANDS``,
says what it has to say in the words of ``phrases``, shows ``Session.view()``
(a ``PublicView``: what the player may see and nothing more, ready for JSON)
and the ``Codex``, and switches on a ``Refusal``'s code. Nothing here draws
anything: no terminal and no web package is imported.
"""

from .codex import Codex, CodexNote
from .commands import CHOOSE, COMMANDS, Command, command_for, command_named
from .data import to_data, view_data
from .history import History, Moment, Series, history
from .play import Session
from .refusals import CODES, Refusal, refusal_code, refusal_sentence
from .view import VERSION, PublicView, public_view

__all__ = [
    "CHOOSE",
    "CODES",
    "COMMANDS",
    "VERSION",
    "Codex",
    "CodexNote",
    "Command",
    "History",
    "Moment",
    "PublicView",
    "Refusal",
    "Series",
    "Session",
    "command_for",
    "command_named",
    "history",
    "public_view",
    "refusal_code",
    "refusal_sentence",
    "to_data",
    "view_data",
]
