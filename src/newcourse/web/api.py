"""The JSON API under ``/api``: everything the pages can do, for other clients.

Every answer about a game carries the public view (``view_data``: what the
player may see and nothing more, with its ``version``) and the game's
``revision``; the view's timeline (every decision so far) only with
``?timeline=true``, so that a decision's answer does not repeat the whole game.
A client that sends the revision back with a decision is refused (409,
``stale``) when the game moved on meanwhile. A refusal is a 4xx whose body is
``{"code": ..., "message": ...}``: the code from ``session.CODES`` or
``errors.WEB_CODES``, the message one sentence. The same anonymous cookie as the
pages identifies the player. The OpenAPI description is at ``/openapi.json``.

Routes are coroutines: on SQLite the store's calls are made on the event loop,
being quicker than a hop to a worker thread; on a database server they go to a
thread, so that its round trips do not hold up other requests.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from ..engine.game import SEED_LIMIT
from ..session import CODES, COMMANDS, to_data, view_data
from .csrf import api_token
from .encoding import JSONAnswer
from .errors import WEB_CODES
from .games import Games, Played, parse_save
from .library import search

__all__ = ["router"]

T = TypeVar("T")
router = APIRouter(prefix="/api", tags=["game"], dependencies=[Depends(api_token)])


class NewGame(BaseModel):
    """A new game; with no seed, a random one."""

    model_config = ConfigDict(strict=True)  # a seed of true is no number
    seed: int | None = Field(None, gt=-SEED_LIMIT, lt=SEED_LIMIT)


class Choice(BaseModel):
    """A decision: the option's number (1-based, as shown) or its id."""

    model_config = ConfigDict(strict=True)
    option: int | str
    revision: int | None = Field(None, description="the revision the client saw, if any")


class Undo(BaseModel):
    """Taking back the last decision, from the revision the client saw, if any."""

    model_config = ConfigDict(strict=True)
    revision: int | None = None


class GameAnswer(BaseModel):
    """A game as every route about one answers it (for the OpenAPI document)."""

    revision: int = Field(description="the game's revision: send it back with a decision")
    view: dict[str, Any] = Field(
        description="the public view (its `version` says its shape): what the player may see; "
        "its `timeline` only when asked for with `?timeline=true`"
    )
    others: dict[str, Any] | None = Field(
        description="what this server's games chose at the event decided last (null before "
        "the first decision)"
    )


ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {"model": GameAnswer, "description": "The game, its revision and what others chose"}
}
BEGUN: dict[int | str, dict[str, Any]] = {
    201: {"model": GameAnswer, "description": "The new game and its revision"}
}
WithTimeline = Annotated[
    bool,
    Query(
        alias="timeline",
        description="put the view's timeline (every decision so far, beside history) in the "
        "answer; without it a decision's answer stays small",
    ),
]


def _games(request: Request) -> Games:
    games: Games = request.app.state.games
    return games


def _player(request: Request) -> str:
    player: str = request.state.player
    return player


async def _stored(games: Games, work: Callable[[], T]) -> T:
    """``work`` done with the store: on the event loop when the store is SQLite (its calls
    are a fraction of a millisecond, quicker than a hop to a thread and back), in a worker
    thread when it is a database server (its round trips would stop every other request)."""
    if games.local:
        return work()
    return await run_in_threadpool(work)


def _data(games: Games, played: Played, timeline: bool) -> dict[str, Any]:
    """A game as every route gives it: its revision, its public view (without the timeline
    unless ``timeline``) and what the server's games chose at the event it decided last."""
    return {
        "revision": played.revision,
        "view": view_data(played.view(timeline), timeline),
        "others": to_data(games.others(played)),
    }


async def _game(
    request: Request, timeline: bool, work: Callable[[], Played], status: int = 200
) -> JSONAnswer:
    """The game ``work`` leaves, answered as JSON."""
    games = _games(request)

    def answer() -> dict[str, Any]:
        return _data(games, work(), timeline)

    return JSONAnswer(await _stored(games, answer), status_code=status)


@router.get(
    "/game",
    summary="The game in progress (404 no_save when there is none)",
    response_model=None,
    responses=ANSWERS,
)
async def current(request: Request, timeline: WithTimeline = False) -> JSONAnswer:
    games = _games(request)
    return await _game(request, timeline, partial(games.current, _player(request)))


@router.post(
    "/game",
    status_code=201,
    summary="Start a new game (the one before is set aside)",
    response_model=None,
    responses=BEGUN,
)
async def new_game(
    request: Request, body: NewGame | None = None, timeline: WithTimeline = False
) -> JSONAnswer:
    seed = body.seed if body is not None else None
    work = partial(_games(request).new, _player(request), seed)
    return await _game(request, timeline, work, status=201)


@router.post(
    "/game/choose", summary="Decide the current event", response_model=None, responses=ANSWERS
)
async def choose(request: Request, body: Choice, timeline: WithTimeline = False) -> JSONAnswer:
    games = _games(request)
    work = partial(games.choose, _player(request), body.option, body.revision)
    return await _game(request, timeline, work)


@router.post(
    "/game/undo",
    summary="Take back the last decision (409 cannot_undo)",
    response_model=None,
    responses=ANSWERS,
)
async def undo(
    request: Request, body: Undo | None = None, timeline: WithTimeline = False
) -> JSONAnswer:
    revision = body.revision if body is not None else None
    return await _game(request, timeline, partial(_games(request).undo, _player(request), revision))


@router.get("/game/export", summary="The game in progress as a save file")
async def export(request: Request) -> JSONAnswer:
    games = _games(request)
    data = await _stored(games, partial(games.export, _player(request)))
    return JSONAnswer(
        data, headers={"Content-Disposition": 'attachment; filename="newcourse-save.json"'}
    )


@router.post(
    "/game/import",
    summary="Open a save file (the terminal's format, sent as the JSON body)",
    response_model=None,
    responses=ANSWERS,
    openapi_extra={
        "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}}
    },
)
async def import_save(request: Request, timeline: WithTimeline = False) -> JSONAnswer:
    content = _bytes(await request.body())
    games = _games(request)
    return await _game(request, timeline, partial(games.import_save, _player(request), content))


def _bytes(content: bytes) -> bytes:
    parse_save(content)  # refuses what is not JSON before anything is set aside
    return content


@router.get("/slots", summary="The player's saves")
async def slots(request: Request) -> list[dict[str, Any]]:
    games = _games(request)
    return [
        {
            "slot": info.key.slot,
            "kind": info.kind,
            "modified": info.modified.isoformat(),
            "summary": info.summary,
        }
        for info in await _stored(games, partial(games.slots, _player(request)))
    ]


@router.put("/slots/{name}", summary="Save the game in progress under a name")
async def save_as(request: Request, name: str) -> dict[str, str]:
    games = _games(request)
    return {"slot": await _stored(games, partial(games.save_as, _player(request), name))}


@router.post(
    "/slots/{name}/load",
    summary="Open a save as the game in progress",
    response_model=None,
    responses=ANSWERS,
)
async def load(request: Request, name: str, timeline: WithTimeline = False) -> JSONAnswer:
    games = _games(request)
    return await _game(request, timeline, partial(games.load, _player(request), name))


@router.delete("/slots/{name}", status_code=204, response_model=None, summary="Delete a save")
async def delete(request: Request, name: str) -> None:
    games = _games(request)
    await _stored(games, partial(games.delete, _player(request), name))


@router.get("/codex", tags=["codex"], summary="The codex's notes, searched by words")
async def codex(
    request: Request, q: Annotated[str, Query(max_length=200)] = ""
) -> list[dict[str, str]]:
    notes = search(_games(request).codex, q)
    return [{"id": n.id, "title": n.title, "date": n.date, "kind": n.kind} for n in notes]


@router.get("/codex/{note}", tags=["codex"], summary="A codex note")
async def codex_note(request: Request, note: str) -> dict[str, Any]:
    found = _games(request).codex.get(note)
    if found is None:
        raise HTTPException(404, f"There is no codex note called {note[:40]!r}.")
    return dict(to_data(found))


@router.get("/documents/{word}", tags=["codex"], summary="The glossary or the reading guide")
async def document(request: Request, word: str) -> dict[str, str]:
    text = _games(request).codex.document(word)
    if not text:
        raise HTTPException(404, f"There is no document called {word[:40]!r}.")
    return {"word": word, "markdown": text}


@router.get("/codes", tags=["reference"], summary="Every refusal code and what it means")
async def codes() -> dict[str, str]:
    return {**CODES, **WEB_CODES}


@router.get("/commands", tags=["reference"], summary="The commands every player offers")
async def commands() -> list[dict[str, str]]:
    return [dict(to_data(command)) for command in COMMANDS]
