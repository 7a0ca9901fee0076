"""The JSON API under ``/api``: everything the pages can do, for other clients.

Every answer about a game carries the public view (``session.to_data``: what
the player may see and nothing more, with its ``version``) and the game's
``revision``; a client that sends the revision back with a decision is refused
(409, ``stale``) when the game moved on meanwhile. A refusal is a 4xx whose body
is ``{"code": ..., "message": ...}``: the code from ``session.CODES`` or
``errors.WEB_CODES``, the message one sentence. The same anonymous cookie as the
pages identifies the player. The OpenAPI description is at ``/openapi.json``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from ..engine.game import SEED_LIMIT
from ..session import CODES, COMMANDS, to_data
from .csrf import api_token
from .errors import WEB_CODES
from .games import Games, Played, parse_save
from .library import search

__all__ = ["router"]

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


def _games(request: Request) -> Games:
    games: Games = request.app.state.games
    return games


def _player(request: Request) -> str:
    player: str = request.state.player
    return player


def _game(request: Request, played: Played) -> dict[str, Any]:
    """A game as every route gives it: its revision, its public view and what the
    server's games chose at the event it decided last (``others``, null before the first)."""
    return {
        "revision": played.revision,
        "view": to_data(played.view()),
        "others": to_data(_games(request).others(played)),
    }


@router.get("/game", summary="The game in progress (404 no_save when there is none)")
def current(request: Request) -> dict[str, Any]:
    return _game(request, _games(request).current(_player(request)))


@router.post("/game", status_code=201, summary="Start a new game (the one before is set aside)")
def new_game(request: Request, body: NewGame | None = None) -> dict[str, Any]:
    seed = body.seed if body is not None else None
    return _game(request, _games(request).new(_player(request), seed))


@router.post("/game/choose", summary="Decide the current event")
def choose(request: Request, body: Choice) -> dict[str, Any]:
    return _game(request, _games(request).choose(_player(request), body.option, body.revision))


@router.post("/game/undo", summary="Take back the last decision (409 cannot_undo)")
def undo(request: Request, body: Undo | None = None) -> dict[str, Any]:
    revision = body.revision if body is not None else None
    return _game(request, _games(request).undo(_player(request), revision))


@router.get("/game/export", summary="The game in progress as a save file")
def export(request: Request) -> JSONResponse:
    data = _games(request).export(_player(request))
    return JSONResponse(
        data, headers={"Content-Disposition": 'attachment; filename="newcourse-save.json"'}
    )


@router.post(
    "/game/import",
    summary="Open a save file (the terminal's format, sent as the JSON body)",
    openapi_extra={
        "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}}
    },
)
async def import_save(request: Request) -> dict[str, Any]:
    content = await request.body()
    games = _games(request)
    return _game(request, games.import_save(_player(request), _bytes(content)))


def _bytes(content: bytes) -> bytes:
    parse_save(content)  # refuses what is not JSON before anything is set aside
    return content


@router.get("/slots", summary="The player's saves")
def slots(request: Request) -> list[dict[str, Any]]:
    return [
        {
            "slot": info.key.slot,
            "kind": info.kind,
            "modified": info.modified.isoformat(),
            "summary": info.summary,
        }
        for info in _games(request).slots(_player(request))
    ]


@router.put("/slots/{name}", summary="Save the game in progress under a name")
def save_as(request: Request, name: str) -> dict[str, str]:
    return {"slot": _games(request).save_as(_player(request), name)}


@router.post("/slots/{name}/load", summary="Open a save as the game in progress")
def load(request: Request, name: str) -> dict[str, Any]:
    return _game(request, _games(request).load(_player(request), name))


@router.delete("/slots/{name}", status_code=204, response_model=None, summary="Delete a save")
def delete(request: Request, name: str) -> None:
    _games(request).delete(_player(request), name)


@router.get("/codex", tags=["codex"], summary="The codex's notes, searched by words")
def codex(request: Request, q: Annotated[str, Query(max_length=200)] = "") -> list[dict[str, str]]:
    notes = search(_games(request).codex, q)
    return [{"id": n.id, "title": n.title, "date": n.date, "kind": n.kind} for n in notes]


@router.get("/codex/{note}", tags=["codex"], summary="A codex note")
def codex_note(request: Request, note: str) -> dict[str, Any]:
    found = _games(request).codex.get(note)
    if found is None:
        raise HTTPException(404, f"There is no codex note called {note[:40]!r}.")
    return dict(to_data(found))


@router.get("/documents/{word}", tags=["codex"], summary="The glossary or the reading guide")
def document(request: Request, word: str) -> dict[str, str]:
    text = _games(request).codex.document(word)
    if not text:
        raise HTTPException(404, f"There is no document called {word[:40]!r}.")
    return {"word": word, "markdown": text}


@router.get("/codes", tags=["reference"], summary="Every refusal code and what it means")
def codes() -> dict[str, str]:
    return {**CODES, **WEB_CODES}


@router.get("/commands", tags=["reference"], summary="The commands every player offers")
def commands() -> list[dict[str, str]]:
    return [dict(to_data(command)) for command in COMMANDS]
