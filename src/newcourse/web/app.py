"""The web player's ASGI application: pages, the JSON API, static files, and the
rules every request goes through (the player's cookie, security headers, size
limits, one-sentence errors).

``create_app`` builds it on a campaign and a database; ``app_from_settings`` is
what ``newcourse serve`` gives uvicorn (each worker process calls it).
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http.cookies import SimpleCookie
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import settings
from ..engine import Campaign
from ..engine import Refusal as EngineRefusal
from ..storage import MAX_SAVE_BYTES, default_data_dir
from ..storage.sql import SqlCouncilStore, SqlGameStore, sqlite_url
from .councils import Councils, LocalNotifier, Notifier
from .councils.seats import Seats
from .councils.turns import Turns
from .csrf import HEADER, CsrfRefused, Tokens
from .errors import RESPONSES, Problem, http_problem, problem_for, validation_sentence
from .games import Games
from .players import COOKIE, MAX_AGE, Signer
from .render import environment
from .world import ChartCache

__all__ = ["DATABASE_FILE", "app_from_settings", "create_app", "database_url"]

DATABASE_FILE = "web.sqlite3"
YOUNG_COLLECTED = 50_000
"""Objects made (less those freed) between two collections of the youngest generation."""
"""The default database: an SQLite file of this name in the player's data folder."""
STATIC = Path(__file__).resolve().parent / "static"
MAX_BODY = MAX_SAVE_BYTES + 64 * 1024  # a save and the form around it
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
log = logging.getLogger("newcourse.web")


def database_url() -> str:
    """The database the settings name, else the SQLite file in the data folder."""
    return settings.current().database_url or sqlite_url(default_data_dir() / DATABASE_FILE)


def app_from_settings() -> FastAPI:
    """The app on the built-in campaign and the database the settings name; councils'
    news carried between processes by the Redis they name, if any."""
    notifier: Notifier | None = None
    if settings.current().redis_url:
        from .councils.redis_notices import RedisNotifier

        notifier = RedisNotifier(settings.current().redis_url)
    app = create_app(notifier=notifier)
    # the campaign and the app live as long as the process: out of the collector's sight,
    # they are not walked again at every full collection (a pause of 50 ms and more)
    gc.collect()
    gc.freeze()
    # a request makes thousands of short-lived objects, nearly all freed as soon as
    # unused; collecting the youngest every 700 of them (Python's default) spent a
    # tenth of a decision's time looking for cycles that are rarely there
    gc.set_threshold(YOUNG_COLLECTED, *gc.get_threshold()[1:])
    return app


def create_app(
    campaign: Campaign | None = None, url: str | None = None, notifier: Notifier | None = None
) -> FastAPI:
    """The web player for ``campaign`` (the built-in one by default), its games and
    councils kept in the database at ``url`` (``database_url()`` by default), migrated
    at once; councils' news told by ``notifier`` (in this process alone by default)."""
    if campaign is None:
        from ..content import builtin_campaign_path
        from ..content.cache import load_checked

        campaign = load_checked(builtin_campaign_path())
    store = SqlGameStore(url or database_url(), start=campaign.start)
    store.migrate()
    notifier = notifier or LocalNotifier()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await notifier.start()
        yield
        await notifier.stop()
        store.close()  # the server stops: give its connections back

    app = FastAPI(
        lifespan=lifespan,
        title=f"{campaign.title}: the web player's API",
        version=_version(),
        description="Play New Course over HTTP: every route the pages use, as JSON. "
        "A refusal is a 4xx with `code` (stable) and `message` (one sentence).",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        responses=RESPONSES,
    )
    app.state.games = Games(campaign, store)
    app.state.signer = Signer(store.secret("cookie"))
    app.state.tokens = Tokens(store.secret("csrf"))
    app.state.templates = Jinja2Templates(env=environment())
    app.state.charts = ChartCache()
    limits = settings.current()
    app.state.councils = Councils(
        campaign,
        SqlCouncilStore(store.engine),
        notifier,
        turns=Turns(limits.council_burst, limits.council_rate),
    )
    app.state.seats = Seats(store.secret("seats"))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    from .api import router as api_router
    from .councils.api import router as councils_api
    from .councils.events import router as councils_events
    from .councils.pages import router as councils_pages
    from .pages import router as pages_router
    from .world import api as world_api
    from .world import pages as world_pages

    app.include_router(councils_api)  # before /api's own routes
    app.include_router(api_router)
    app.include_router(world_api)
    app.include_router(pages_router)
    app.include_router(world_pages)
    app.include_router(councils_pages)
    app.include_router(councils_events)
    _add_rules(app)
    return app


def _version() -> str:
    try:
        return version("newcourse")
    except PackageNotFoundError:  # run from a source tree that is not installed
        return "0"


class Rules:
    """The rules every request goes through, as plain ASGI middleware (a request passes
    through it without a task or a copy of the answer): a body larger than any save is
    refused; the player's cookie is read (a missing or forged one makes a new player, whose
    cookie the answer sets) and the player's CSRF token given in every answer's header; the
    security headers are added; a refusal to htmx keeps the page's address."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        htmx = "hx-request" in request.headers
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > MAX_BODY:
            too_large = Problem(413, "too_large", "That is too large: a save is a few kilobytes.")
            await _answer(request, too_large)(scope, receive, _sending([], htmx, send))
            return
        state = request.app.state
        signer: Signer = state.signer
        player = signer.player(request.cookies.get(COOKIE))
        added: list[tuple[bytes, bytes]] = []
        if player is None:
            player, fresh = signer.new_player()
            added.append((b"set-cookie", _cookie(fresh, secure=scope["scheme"] == "https")))
        tokens: Tokens = state.tokens
        request.state.player = player
        request.state.csrf = tokens.token(player)
        added.append((HEADER_KEY, request.state.csrf.encode("latin-1")))
        await self.app(scope, receive, _sending(added, htmx, send))


HEADER_KEY = HEADER.lower().encode("latin-1")
RAW_SECURITY_HEADERS = [
    (name.lower().encode("latin-1"), value.encode("latin-1"))
    for name, value in SECURITY_HEADERS.items()
]


def _sending(added: list[tuple[bytes, bytes]], htmx: bool, send: Send) -> Send:
    """``send``, with ``added`` and the security headers put in the answer's headers."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [(k, v) for k, v in message.get("headers", ()) if k != HEADER_KEY]
            present = {name.lower() for name, _ in headers}
            headers += added
            headers += [(k, v) for k, v in RAW_SECURITY_HEADERS if k not in present]
            if message["status"] >= 400 and htmx:
                # htmx shows a refusal in place; the address stays that of the page it came from
                headers = [(k, v) for k, v in headers if k.lower() != b"hx-push-url"]
                headers.append((b"hx-push-url", b"false"))
            message = {**message, "headers": headers}
        await send(message)

    return sending


def _cookie(value: str, secure: bool) -> bytes:
    """The Set-Cookie header's value for the player's cookie: HTTP-only, SameSite=Lax."""
    cookie: SimpleCookie = SimpleCookie()
    cookie[COOKIE] = value
    morsel = cookie[COOKIE]
    morsel["max-age"] = MAX_AGE
    morsel["path"] = "/"
    morsel["httponly"] = True
    morsel["samesite"] = "lax"
    if secure:
        morsel["secure"] = True
    return morsel.OutputString().encode("latin-1")


def _add_rules(app: FastAPI) -> None:
    app.add_middleware(Rules)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        return _answer(request, Problem(400, "bad_request", validation_sentence(error)))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        return _answer(request, http_problem(error.status_code, str(error.detail)))

    async def refused(request: Request, error: Exception) -> Response:
        problem = problem_for(error)
        assert problem is not None
        return _answer(request, problem)

    app.add_exception_handler(EngineRefusal, refused)
    app.add_exception_handler(CsrfRefused, refused)
    app.add_exception_handler(OperationalError, refused)

    @app.exception_handler(Exception)
    async def failure(request: Request, error: Exception) -> Response:
        problem = problem_for(error)
        if problem is None:
            log.exception("internal error on %s", request.url.path)
            problem = Problem(
                500,
                "internal",
                "Something went wrong in the server; your game as last saved is safe.",
            )
        return _answer(request, problem)


def _answer(request: Request, problem: Problem) -> Response:
    """The problem as JSON for the API, as a page otherwise."""
    if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
        return JSONResponse(
            {"code": problem.code, "message": problem.message}, status_code=problem.status
        )
    templates: Jinja2Templates = request.app.state.templates
    games: Games = request.app.state.games
    context = {
        "problem": problem,
        "campaign_title": games.campaign.title,
        "documents": games.codex.documents(),
    }
    page: HTMLResponse = templates.TemplateResponse(
        request, "problem.html", context, status_code=problem.status
    )
    return page
