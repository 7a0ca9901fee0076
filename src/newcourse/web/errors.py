"""What goes wrong in a request, as a status and one sentence (never a traceback).

A refusal keeps its code (``session.CODES``), which clients switch on; the web
adds its own few codes for what only HTTP can get wrong.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any, NamedTuple

from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field
from sqlalchemy.exc import OperationalError

from ..engine import Refusal as EngineRefusal
from ..engine import SaveError
from ..session import Refusal, refusal_code, refusal_sentence
from ..storage.sql import StaleGame
from .csrf import CsrfRefused

__all__ = [
    "RESPONSES",
    "STATUS",
    "WEB_CODES",
    "Problem",
    "Refused",
    "http_problem",
    "problem_for",
    "validation_sentence",
]

STATUS = {
    "no_such_option": 400,
    "not_available": 409,
    "nothing_to_choose": 409,
    "cannot_undo": 409,
    "saving_off": 409,
    "reserved_name": 400,
    "not_a_file": 400,
    "save_failed": 500,
    "no_save": 404,
    "bad_save": 400,
    "open_elsewhere": 409,
    "refused": 409,
}
"""The HTTP status of each refusal code."""

WEB_CODES = {
    "stale": "the game moved on since it was read (another tab or request); look again",
    "bad_request": "the request is malformed: a field is missing or of the wrong kind",
    "too_large": "the request's body is larger than any save",
    "not_found": "no page or route at that address",
    "forbidden": "a request that changes something came without this player's CSRF token",
    "unavailable": "the database cannot be reached or is busy; nothing was lost",
    "internal": "a fault in the server",
}
"""The codes the web adds to the refusals', with what they mean."""


class Refused(BaseModel):
    """The body of every refusal the API answers, as its OpenAPI document describes it."""

    code: str = Field(description="stable, for a client to switch on: one of GET /api/codes")
    message: str = Field(description="what went wrong, in one sentence for the player")


RESPONSES: dict[int | str, dict[str, Any]] = {
    "4XX": {
        "model": Refused,
        "description": "Refused: the code says why (GET /api/codes lists them), the message "
        "says it in one sentence; nothing was changed",
    },
    503: {
        "model": Refused,
        "description": "The database cannot be reached or is busy just now; nothing was lost",
    },
}
"""What any route of the API may answer besides its success, for the OpenAPI document
(it also stands for FastAPI's own 422, which this app never sends: a malformed request
is a 400 ``bad_request``)."""


class Problem(NamedTuple):
    """What to answer: a status, a code a client can switch on, and one sentence."""

    status: int
    code: str
    message: str


def problem_for(error: Exception) -> Problem | None:
    """The answer to an error a request ran into, or None for a fault in the program."""
    if isinstance(error, CsrfRefused):
        return Problem(403, "forbidden", str(error))
    if isinstance(error, StaleGame):
        return Problem(409, "stale", _sentence(f"Not done: {error}"))
    if isinstance(error, Refusal):
        return Problem(STATUS.get(error.code, 409), error.code, error.message)
    if isinstance(error, SaveError):
        return Problem(400, "bad_save", _sentence(f"That save cannot be used: {error}"))
    if isinstance(error, EngineRefusal):
        return Problem(409, refusal_code(error), refusal_sentence(error))
    if isinstance(error, OperationalError):
        return Problem(
            503,
            "unavailable",
            "The game's database cannot be reached just now; nothing already saved is lost, "
            "so try again in a moment.",
        )
    return None


def http_problem(status: int, detail: str) -> Problem:
    """An HTTP error the framework raised (or a route, with its own sentence) as the answer
    to give: the framework's own words (a status's name, "There was an error parsing the
    body") are replaced by a sentence of ours."""
    said = detail if detail != HTTPStatus(status).phrase else ""
    if status == 404:
        return Problem(404, "not_found", _sentence(said or "There is nothing at this address"))
    if status == 405:
        return Problem(405, "bad_request", "This address does not take that method.")
    if status == 400 and (not said or said.startswith("There was an error parsing")):
        return Problem(400, "bad_request", "The request's body cannot be read as JSON or a form.")
    return Problem(status, "bad_request", _sentence(said or f"The request was refused ({status})"))


def validation_sentence(error: RequestValidationError) -> str:
    """FastAPI's list of validation errors as one sentence about the first."""
    for item in error.errors():
        where = ".".join(str(part) for part in item.get("loc", ()) if part != "body")
        what = str(item.get("msg", "is not valid")).rstrip(".")
        what = what[0].lower() + what[1:] if what else what
        return _sentence(f"The request's {where or 'body'} is not right: {what}")
    return "The request is not right."


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."
