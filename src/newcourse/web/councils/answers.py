"""What goes wrong in a council request, as a status, a stable code and one sentence."""

from __future__ import annotations

from ...council import CouncilRefusal
from ..errors import Problem
from .keeping import NoSuchCouncil
from .service import CouncilBusy
from .turns import TooFast

__all__ = ["CODES", "STATUS", "council_problem"]

STATUS = {
    "not_a_member": 403,
    "observer": 403,
    "not_chair": 403,
    "forbidden": 403,
    "not_minority": 403,
    "bad_name": 400,
    "bad_text": 400,
    "no_such_option": 400,
    "bad_choice": 400,
    "no_such_strategy": 404,
    "no_such_tendency": 404,
}
"""The HTTP status of each council refusal code; any other is 409 (a conflict with the
council's state: wrong phase, already done, no chair, game over...)."""

CODES = {
    "too_fast": "the player gave the council more commands than its limits allow just now",
}
"""The codes the web adds to the council's refusals (besides ``not_found`` and ``stale``),
with what they mean."""

NO_SUCH_COUNCIL = "There is no council with that code on this server; check the code."
BUSY = "The council was busy with other members' business; nothing was done, so try again."


def council_problem(error: Exception) -> Problem | None:
    """The answer to an error of council mode, or None for any other error."""
    if isinstance(error, CouncilRefusal):
        return Problem(STATUS.get(error.code, 409), error.code, error.message)
    if isinstance(error, NoSuchCouncil):
        return Problem(404, "not_found", NO_SUCH_COUNCIL)
    if isinstance(error, CouncilBusy):
        return Problem(409, "stale", BUSY)
    if isinstance(error, TooFast):
        return Problem(429, "too_fast", str(error))
    return None
