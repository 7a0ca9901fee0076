"""The pages: server-rendered HTML forms, playable with JavaScript off.

Every action is a form that posts and is answered with a redirect to the page
to show next (so reloading never repeats a decision); htmx, when it runs,
makes the same forms swap the page's main part in place. A refusal shows the
page again with its one sentence and a 4xx status.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from ..engine import Refusal as EngineRefusal
from ..engine.game import SEED_LIMIT
from ..session import COMMANDS, Refusal
from ..storage import MAX_SAVE_BYTES
from .csrf import form_token
from .errors import problem_for
from .games import Games, Played
from .library import search
from .world import quality_groups

__all__ = ["router"]

router = APIRouter(include_in_schema=False, dependencies=[Depends(form_token)])


def _games(request: Request) -> Games:
    games: Games = request.app.state.games
    return games


def _player(request: Request) -> str:
    player: str = request.state.player
    return player


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    games = _games(request)
    context.setdefault("title", games.campaign.title)
    context.setdefault("campaign_title", games.campaign.title)
    context.setdefault("documents", games.codex.documents())
    page: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, name, context, status_code=status
    )
    return page


def _to(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


# ------------------------------------------------------------ start


@router.get("/", response_class=HTMLResponse)
def start(request: Request, message: str = "", status: int = 200) -> HTMLResponse:
    games = _games(request)
    player = _player(request)
    return _page(
        request,
        "start.html",
        {
            "slots": games.slots(player),
            "has_game": games.has_game(player),
            "intro": games.campaign.intro,
            "error": message,
        },
        status,
    )


def _refused_on_start(request: Request, error: EngineRefusal) -> HTMLResponse:
    problem = problem_for(error)
    assert problem is not None
    return start(request, problem.message, problem.status)


@router.post("/new")
def new(request: Request, seed: Annotated[str, Form()] = "") -> Response:
    text = seed.strip()
    if text and not (text.lstrip("-").isdigit() and abs(int(text)) < SEED_LIMIT):
        return start(request, "The seed must be a whole number of at most 19 digits.", 400)
    _games(request).new(_player(request), int(text) if text else None)
    return _to("/play")


@router.post("/load")
def load(request: Request, slot: Annotated[str, Form()]) -> Response:
    try:
        _games(request).load(_player(request), slot)
    except EngineRefusal as error:
        return _refused_on_start(request, error)
    return _to("/play")


@router.post("/delete")
def delete(request: Request, slot: Annotated[str, Form()]) -> Response:
    try:
        _games(request).delete(_player(request), slot)
    except EngineRefusal as error:
        return _refused_on_start(request, error)
    return _to("/")


@router.post("/import")
async def import_save(request: Request, save: Annotated[UploadFile, File()]) -> Response:
    content = await save.read(MAX_SAVE_BYTES + 1)
    try:
        _games(request).import_save(_player(request), content)
    except EngineRefusal as error:
        return _refused_on_start(request, error)
    return _to("/play")


# ------------------------------------------------------------ the game


@router.get("/play", response_class=HTMLResponse)
def play(request: Request) -> Response:
    games = _games(request)
    if not games.has_game(_player(request)):
        return _to("/")
    return _game_page(request, games.current(_player(request)))


def _game_page(
    request: Request, played: Played, message: str = "", status: int = 200, notice: str = ""
) -> HTMLResponse:
    view = played.view()
    return _page(
        request,
        "play.html",
        {
            "view": view,
            "revision": played.revision,
            "groups": quality_groups(view),
            "error": message,
            "notice": notice,
            "commands": COMMANDS,
            "others": _games(request).others(played),
        },
        status,
    )


def _refused_in_game(request: Request, error: EngineRefusal) -> Response:
    problem = problem_for(error)
    assert problem is not None
    try:
        played = _games(request).current(_player(request))
    except EngineRefusal:
        return start(request, problem.message, problem.status)
    return _game_page(request, played, problem.message, problem.status)


def _revision(text: str) -> int | None:
    return int(text) if text.isdigit() else None


@router.post("/choose")
def choose(
    request: Request, option: Annotated[str, Form()], revision: Annotated[str, Form()] = ""
) -> Response:
    text = option.strip()
    chosen: int | str = int(text) if text.isdigit() and len(text) < 6 else text
    try:
        _games(request).choose(_player(request), chosen, _revision(revision))
    except EngineRefusal as error:
        return _refused_in_game(request, error)
    return _to("/play")


@router.post("/undo")
def undo(request: Request, revision: Annotated[str, Form()] = "") -> Response:
    try:
        _games(request).undo(_player(request), _revision(revision))
    except EngineRefusal as error:
        return _refused_in_game(request, error)
    return _to("/play")


@router.post("/save")
def save(request: Request, name: Annotated[str, Form()]) -> Response:
    games = _games(request)
    try:
        kept = games.save_as(_player(request), name)
    except EngineRefusal as error:
        return _refused_in_game(request, error)
    played = games.current(_player(request))
    return _game_page(request, played, notice=f"Saved as {kept}; load it from the start page.")


@router.get("/export")
def export(request: Request) -> Response:
    try:
        data = _games(request).export(_player(request))
    except Refusal as error:
        return _refused_on_start(request, error)
    return JSONResponse(
        data, headers={"Content-Disposition": 'attachment; filename="newcourse-save.json"'}
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request) -> Response:
    games = _games(request)
    if not games.has_game(_player(request)):
        return _to("/")
    view = games.current(_player(request)).view()
    return _page(request, "timeline.html", {"view": view, "title": "Your timeline"})


# ------------------------------------------------------------ the codex


@router.get("/codex", response_class=HTMLResponse)
def codex(request: Request, q: str = "") -> HTMLResponse:
    query = q[:200]
    notes = search(_games(request).codex, query)
    return _page(request, "codex.html", {"notes": notes, "query": query, "title": "Codex"})


@router.get("/codex/{note}", response_class=HTMLResponse)
def codex_note(request: Request, note: str) -> HTMLResponse:
    codex = _games(request).codex
    found = codex.get(note)
    if found is None:
        raise HTTPException(404, "There is no codex note at this address.")
    return _page(
        request,
        "note.html",
        {"note": found, "linked": codex.linked(found), "title": found.title},
    )


@router.get("/documents/{word}", response_class=HTMLResponse)
def document(request: Request, word: str) -> HTMLResponse:
    text = _games(request).codex.document(word)
    if not text:
        raise HTTPException(404, "There is no such document.")
    titles = {"glossary": "Glossary", "reading": "Reading groups"}
    return _page(request, "document.html", {"text": text, "title": titles.get(word, word.title())})


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API's routes, read from its OpenAPI description, as a page."""
    schema = request.app.openapi()
    routes = [
        {"method": method.upper(), "path": path, "summary": operation.get("summary", "")}
        for path, methods in schema.get("paths", {}).items()
        for method, operation in methods.items()
    ]
    return _page(request, "api.html", {"routes": routes, "title": "The JSON API"})
