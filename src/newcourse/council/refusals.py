"""Refusals of council mode, each with a stable code a client can switch on.

A ``CouncilRefusal`` is a ``session.Refusal`` (so ``session.refusal_code`` and
``refusal_sentence`` read it), with codes of its own. The codes are part of the
public interface: they are never renamed.
"""

from __future__ import annotations

from ..engine import Refusal as EngineRefusal
from ..session import Refusal

__all__ = ["COUNCIL_CODES", "CouncilRefusal"]

COUNCIL_CODES = {
    "not_a_member": "the id names no member of this council",
    "observer": "observers watch; they do not post, vote or move",
    "not_chair": "only the chair may do this",
    "no_chair": "the council has no chair until one is elected",
    "bad_name": "a display name is empty, too long or taken",
    "bad_text": "a post, report or platform is empty, too long or holds control characters",
    "game_over": "the game is over: there is no motion to decide",
    "wrong_phase": "the motion is not in the phase this needs",
    "no_such_option": "the number or id names no option of the motion",
    "not_available": "the option is shown but its conditions do not hold",
    "already_done": "the delegate has already done this",
    "forbidden": "the rules of procedure forbid it now",
    "not_minority": "only delegates who voted for a defeated option may file a minority report",
    "no_such_tendency": "the id names no tendency of this council",
    "ballot_open": "another ballot is open",
    "no_ballot": "there is no ballot to vote in",
    "bad_choice": "the choice is not one the ballot offers",
    "cannot_undo": "there is no decision the engine can take back",
    "no_such_strategy": "the campaign has no strategy of that name",
}
"""Every code of council mode, with what it means."""


class CouncilRefusal(Refusal):
    """Something a member asked for that the council declines: ``code`` (one of
    ``COUNCIL_CODES``) and ``message``, one sentence to show."""

    def __init__(self, code: str, message: str) -> None:
        if code not in COUNCIL_CODES:
            raise ValueError(f"unknown council refusal code {code!r}")
        EngineRefusal.__init__(self, message)
        self.code = code
        self.message = message
