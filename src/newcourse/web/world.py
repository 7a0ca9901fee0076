"""The state of the world: charts of the game so far, and a map of the fronts abroad.

``/world`` is the page; ``/world/charts/{name}.svg`` the charts (matplotlib, drawn
on the server, kept for a while per game and revision); ``/api/game/history``
the numbers behind them. The map colours each front's country by the kind of
its state (``engine.fronts.KINDS``), from the shapes in ``maps/europe.json``;
a front is placed on the country its id or label names (or one of the map's
aliases for it), and is listed beside the map whether placed or not.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from functools import cache
from pathlib import Path
from threading import Lock
from typing import Any, NamedTuple

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..engine import Game
from ..session import History, PublicView, history, to_data
from ..session.view import FrontView
from .charts import chart_names, chart_svg, series_of
from .games import Games

__all__ = [
    "ChartCache",
    "MapFrame",
    "Shape",
    "api",
    "chart_answer",
    "map_frames",
    "pages",
    "quality_groups",
    "world_context",
]

MAP = Path(__file__).resolve().parent / "maps" / "europe.json"
CHART_CACHE = 128
GROUP_ORDER = ("resources", "party", "country", "world", "clocks")
pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["game"])


class ChartCache:
    """The charts drawn lately, by player, revision and chart (drawing one takes a while)."""

    def __init__(self, size: int = CHART_CACHE) -> None:
        self.size = size
        self._drawn: OrderedDict[tuple[str, int, str], str] = OrderedDict()
        self._lock = Lock()

    def get(self, key: tuple[str, int, str]) -> str | None:
        with self._lock:
            return self._drawn.get(key)

    def put(self, key: tuple[str, int, str], svg: str) -> None:
        with self._lock:
            self._drawn[key] = svg
            while len(self._drawn) > self.size:
                self._drawn.popitem(last=False)


class Shape(NamedTuple):
    """A country on the map, and the front it stands for (if any)."""

    name: str
    path: str  # SVG path data in the frame's units
    front: FrontView | None


class MapFrame(NamedTuple):
    """A part of the world drawn as one map (Europe; East Asia)."""

    id: str
    label: str
    width: int
    height: int
    shapes: tuple[Shape, ...]


@cache
def _map() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(MAP.read_text(encoding="utf-8"))
    return data


def map_frames(fronts: tuple[FrontView, ...]) -> list[MapFrame]:
    """The frames to draw: the first always, another only when a front is placed in it."""
    data = _map()
    names: dict[str, str] = {}
    for country, aliases in data["aliases"].items():
        names.update({alias.lower(): country for alias in aliases})
    placed: dict[str, FrontView] = {}
    for front in fronts:
        for word in (front.id, front.label):
            country = names.get(word.lower().replace("_", " "), word)
            placed.setdefault(country.lower(), front)
    frames = []
    for number, frame in enumerate(data["frames"]):
        shapes = tuple(
            Shape(c["name"], c["path"], placed.get(c["name"].lower())) for c in frame["countries"]
        )
        if number == 0 or any(shape.front is not None for shape in shapes):
            frames.append(
                MapFrame(frame["id"], frame["label"], frame["width"], frame["height"], shapes)
            )
    return frames


def _games(request: Request) -> Games:
    games: Games = request.app.state.games
    return games


def quality_groups(view: PublicView) -> list[tuple[str, list[Any]]]:
    """The view's shown qualities by group, the groups in the order the state column shows them."""
    groups: dict[str, list[Any]] = {}
    for quality in view.qualities:
        groups.setdefault(quality.group, []).append(quality)
    return sorted(groups.items(), key=lambda item: _group_place(item[0]))


def _group_place(group: str) -> tuple[int, str]:
    return (GROUP_ORDER.index(group) if group in GROUP_ORDER else len(GROUP_ORDER), group)


def world_context(view: PublicView, game: Game, revision: int, charts: str) -> dict[str, Any]:
    """What ``world.html`` shows of ``game`` (seen as ``view``): its map, and its charts
    drawn at ``charts``/{name}.svg for ``revision``."""
    past = history(game)
    return {
        "title": "The state of the world",
        "view": view,
        "revision": revision,
        "charts_at": charts,
        "charts": [
            {"name": name, "title": _title(name), "series": series_of(past, name)}
            for name in chart_names(past)
        ],
        "moments": past.moments,
        "frames": map_frames(view.fronts),
    }


@pages.get("/world", response_class=HTMLResponse)
def world(request: Request) -> Response:
    games = _games(request)
    player: str = request.state.player
    if not games.has_game(player):
        return RedirectResponse("/", status_code=303)
    played = games.current(player)
    context = world_context(played.view(), played.session.game, played.revision, "/world/charts")
    context.update(campaign_title=games.campaign.title, documents=games.codex.documents())
    page: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, "world.html", context
    )
    return page


def _title(name: str) -> str:
    return "Delegates" if name == "delegates" else name.replace("_", " ").capitalize()


def chart_answer(request: Request, key: tuple[str, int, str], game: Game) -> Response:
    """The chart ``key`` names (whose game, its revision, the chart) of ``game``, as SVG,
    drawn once and kept a while; a 404 when the game has no such chart."""
    drawn: ChartCache = request.app.state.charts
    svg = drawn.get(key)
    if svg is None:
        svg = chart_svg(history(game), key[2])
        if svg is None:
            raise HTTPException(404, "There is no such chart.")
        drawn.put(key, svg)
    return Response(
        svg,
        media_type="image/svg+xml",
        headers={
            "Cache-Control": "private, max-age=3600",
            # an image: matplotlib styles its SVG inline, and nothing in it runs
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
        },
    )


@pages.get("/world/charts/{name}.svg")
def chart(request: Request, name: str) -> Response:
    player: str = request.state.player
    played = _games(request).current(player)
    return chart_answer(request, (player, played.revision, name), played.session.game)


@api.get("/game/history", summary="The shown qualities and the delegates after each decision")
def game_history(request: Request) -> dict[str, Any]:
    games = _games(request)
    past: History = history(games.current(request.state.player).session.game)
    data: dict[str, Any] = to_data(past)
    return data
