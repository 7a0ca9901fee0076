"""Council mode's JSON API under ``/api/councils``: every command the pages give, as JSON.

Every answer about a council is the council as the player's seat sees it
(``views.council_view``); the seat is kept in the same signed cookie as the
pages'. A refusal is a 4xx whose body is ``{"code": ..., "message": ...}``, the
code one of ``council.COUNCIL_CODES`` (or ``not_found``, ``stale``), the
message the council's one sentence. Like every request that changes something,
a command carries the player's ``X-CSRF-Token``.

Reading a council and giving a command, the routes a sitting council calls all
the time, are coroutines: on SQLite the council is read, changed and stored on
the event loop (a fraction of a millisecond, quicker than a hop to a worker
thread and back); on a database server in a worker thread, so that its round
trips do not hold up other requests.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter
from starlette.concurrency import run_in_threadpool

from ...council import COUNCIL_CODES, Council, minutes_data, minutes_markdown
from ...council.phrases import LONGEST_NAME
from ...engine.game import SEED_LIMIT
from ...engine.procedure import ProcedureRules
from ..csrf import api_token
from .answers import CODES, council_problem
from .commands import ACTS, Given
from .keeping import Sitting
from .pages import seat_of, seated
from .service import Councils
from .turns import TooFast
from .views import council_view

__all__ = ["router"]

router = APIRouter(prefix="/api/councils", tags=["council"], dependencies=[Depends(api_token)])
T = TypeVar("T")
Act = Literal[
    "post", "call", "vote", "close", "cast", "settle", "take-back", "recall", "undo",
    "ballot", "close-ballot", "report", "tendency", "join-tendency", "bot",
]  # fmt: skip


DISPLAY_NAME = r"^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$"
"""A display name: at least one letter or sign that is not a space, no control characters."""


class NewCouncil(BaseModel):
    """A new council: its creator's display name (they chair it), the game's seed (random
    when none), how long a vote and a debate last (seconds; 0: no deadline, no debate),
    and the campaign strategies to seat as bot delegates."""

    model_config = ConfigDict(strict=True)  # true is no seed, 1 is no text

    name: str = Field(max_length=LONGEST_NAME, pattern=DISPLAY_NAME)
    seed: int | None = Field(None, gt=-SEED_LIMIT, lt=SEED_LIMIT)
    deadline: int = Field(0, ge=0, le=30 * 86400)
    debate: int = Field(0, ge=0, le=7 * 86400)
    bots: list[str] = Field(default_factory=list, max_length=20)


class Seat(BaseModel):
    """A seat: the member's display name, as a delegate or an observer."""

    model_config = ConfigDict(strict=True)  # true is no seed, 1 is no text

    name: str = Field(max_length=LONGEST_NAME, pattern=DISPLAY_NAME)
    observer: bool = False


class Command(BaseModel):
    """What a command gives (each reads the fields it needs): ``option`` (a number or an
    id) for post, vote, cast, settle; ``side`` ("for", "against"), ``text`` and
    ``joint`` for post; ``choice`` ("yes", "no" or a candidate's member id) for ballot;
    ``text`` and ``motion`` for report; ``name`` and ``platform`` for tendency;
    ``tendency`` for join-tendency; ``strategy`` for bot."""

    model_config = ConfigDict(strict=True)  # true is no seed, 1 is no text

    option: int | Annotated[str, StringConstraints(max_length=100)] = ""
    side: str = Field("", max_length=20)
    text: str = Field("", max_length=4000)
    joint: bool = False
    choice: str = Field("", max_length=100)
    name: str = Field("", max_length=200)
    platform: str = Field("", max_length=4000)
    tendency: str = Field("", max_length=100)
    strategy: str = Field("", max_length=100)
    motion: int | None = Field(None, ge=1, le=100000)


_AS_JSON = TypeAdapter(Any)
"""What FastAPI would make of a view returned as it is, made here: the same bytes, without
the second trip through the thread pool FastAPI takes to check an answer of type Any."""


def _answer(found: dict[str, Any] | JSONResponse) -> Response:
    """A council's view as the JSON answer (a refusal as it is)."""
    if isinstance(found, Response):
        return found
    return Response(_AS_JSON.dump_json(found), media_type="application/json")


def _councils(request: Request) -> Councils:
    councils: Councils = request.app.state.councils
    return councils


def _refused(error: Exception) -> JSONResponse:
    problem = council_problem(error)
    if problem is None:
        raise error
    answer = JSONResponse({"code": problem.code, "message": problem.message}, problem.status)
    if isinstance(error, TooFast):
        answer.headers["Retry-After"] = str(max(1, math.ceil(error.wait)))
    return answer


async def _done(request: Request, work: Callable[[], T]) -> T:
    """``work`` done with the store: on the event loop when it is SQLite, else in a
    worker thread. On the loop, the event streams ``work`` woke send their notices
    before the answer goes: they were woken first, and this waits one turn."""
    if _councils(request).local:
        done = work()
        await asyncio.sleep(0)
        return done
    return await run_in_threadpool(work)


def _turn(request: Request, code: str = "") -> None:
    player: str = request.state.player
    _councils(request).turn(player, code)


def _view(request: Request, council: str) -> dict[str, Any]:
    councils = _councils(request)
    member = seat_of(request, council) or None

    def look(sitting: Sitting) -> dict[str, Any]:
        return council_view(sitting, member, councils.now())

    return councils.read(council, look)


def _run(
    request: Request, code: str, work: Callable[[str], T], turn: bool = False
) -> T | JSONResponse:
    """What ``work`` gives for the council with the join ``code`` (after the player spent
    a turn, for a ``turn``), or the refusal."""
    try:
        if turn:
            _turn(request, code)
        return work(_councils(request).find(code))
    except Exception as error:
        return _refused(error)


@router.post("", status_code=201, summary="Create a council for a new game; you chair it")
def create(request: Request, response: Response, body: NewCouncil) -> Any:
    settings = ProcedureRules(deadline=body.deadline, debate=body.debate)
    try:
        _turn(request)
        sitting = _councils(request).create(body.name, body.seed, settings, body.bots)
    except Exception as error:
        return _refused(error)
    seated(request, response, sitting.council.state.id, "m1")
    return council_view(sitting, "m1", _councils(request).now())


@router.get("/codes", tags=["reference"], summary="Every council refusal code and its meaning")
def codes() -> dict[str, str]:
    return {**COUNCIL_CODES, **CODES}


@router.get("/{code}", summary="The council as your seat sees it (404 not_found)")
async def council(request: Request, code: str) -> Any:
    return _answer(await _done(request, lambda: _run(request, code, lambda c: _view(request, c))))


@router.post("/{code}/join", summary="Take a seat, as a delegate or an observer")
def join(request: Request, response: Response, code: str, body: Seat) -> Any:
    def work(council: str) -> dict[str, Any]:
        councils = _councils(request)
        member, view = councils.act_and_look(
            council,
            lambda c, at: c.join(body.name, at, observer=body.observer),
            lambda member, s: council_view(s, member, councils.now()),
        )
        seated(request, response, council, member)
        return view

    return _run(request, code, work, turn=True)


@router.post("/{code}/{act}", summary="Give a command (debate, vote, chair, ballots, reports)")
async def command(request: Request, code: str, act: Act, body: Command) -> Any:
    run = ACTS[act]
    given = Given(
        str(body.option), body.side, body.text, body.joint, body.choice, body.name,
        body.platform, body.tendency, body.strategy, body.motion,
    )  # fmt: skip

    def work(council: str) -> dict[str, Any]:
        councils, member = _councils(request), seat_of(request, council)

        def acted(c: Council, at: int) -> None:
            run(c, member, given, at)

        def look(_done: None, sitting: Sitting) -> dict[str, Any]:
            return council_view(sitting, member or None, councils.now())

        return councils.act_and_look(council, acted, look)[1]

    return _answer(await _done(request, lambda: _run(request, code, work, turn=True)))


@router.get("/{code}/minutes", summary="The minutes as JSON: every record, readable back")
def minutes(request: Request, code: str) -> Any:
    return _run(
        request,
        code,
        lambda council: _councils(request).read(council, lambda s: minutes_data(s.council.state)),
    )


@router.get("/{code}/minutes.md", summary="The minutes as Markdown")
def minutes_md(request: Request, code: str) -> Response:
    found = _run(
        request,
        code,
        lambda c: _councils(request).read(c, lambda s: minutes_markdown(s.council.state)),
    )
    if isinstance(found, JSONResponse):
        return found
    return Response(found, media_type="text/markdown; charset=utf-8")
