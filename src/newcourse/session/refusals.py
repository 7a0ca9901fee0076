"""Refusals a client can switch on: each has a stable code as well as its sentence.

A front-end shows the message, a whole sentence; a client that must act on the kind of refusal
(the web answers a missing save with 404, a conflict with 409) reads the code.
The codes are part of the public interface: they are never renamed.
"""

from __future__ import annotations

from ..engine import Refusal as EngineRefusal
from ..engine import SaveError
from ..storage import GameOpenElsewhere, NoSuchSave
from .phrases import not_possible

__all__ = ["CODES", "Refusal", "refusal_code", "refusal_sentence"]

CODES = {
    "no_such_option": "the number or id names no option of the current event",
    "not_available": "the option is shown but its conditions do not hold",
    "nothing_to_choose": "there is no event to decide now (the game is over)",
    "cannot_undo": "there is nothing to undo, or the last outcome was drawn",
    "saving_off": "this game is played without saves",
    "reserved_name": "the save's name is kept for the game's own saves",
    "not_a_file": "a save was given a folder where a file was wanted",
    "save_failed": "the save could not be written",
    "no_save": "there is no save of that name (or no game to continue)",
    "bad_save": "the save is damaged, of another campaign or of an unknown version",
    "open_elsewhere": "another running game holds these saves",
    "refused": "any other refusal of the engine",
}
"""Every code, with what it means."""


class Refusal(EngineRefusal):
    """Something the player asked for that the game declines: ``code`` (one of
    ``CODES``) says what kind of refusal, ``message`` says it to the player in a
    sentence."""

    def __init__(self, code: str, message: str) -> None:
        if code not in CODES:
            raise ValueError(f"unknown refusal code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message


def refusal_code(error: EngineRefusal) -> str:
    """The code of any refusal: its own, or the one its kind stands for."""
    if isinstance(error, Refusal):
        return error.code
    if isinstance(error, GameOpenElsewhere):
        return "open_elsewhere"
    if isinstance(error, NoSuchSave):
        return "no_save"
    if isinstance(error, SaveError):
        return "bad_save"
    return "refused"


def refusal_sentence(error: EngineRefusal) -> str:
    """What to tell the player of any refusal: its sentence, or "Not possible: " and
    the engine's reason."""
    return error.message if isinstance(error, Refusal) else not_possible(str(error))
