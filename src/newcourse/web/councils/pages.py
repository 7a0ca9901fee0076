"""The council pages: create or join a council, sit in it, read and export its minutes.

Every action is a form that posts and is answered with a redirect to the council
(so reloading never repeats a vote); htmx, when it runs, swaps the page in
place, and ``static/council.js`` refreshes the council's panel when the server
says its minutes grew. A refusal shows the council again with the council's one
sentence and a 4xx status.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...council import minutes_data, minutes_markdown
from ...council.phrases import roughly, strategy_label, withheld
from ...engine.game import SEED_LIMIT, Game
from ...engine.procedure import ProcedureRules
from ...session import PublicView
from ..csrf import form_token
from ..world import chart_answer, quality_groups, world_context
from .answers import council_problem
from .commands import ACTS, Given
from .keeping import NoSuchCouncil, Sitting
from .seats import SEATS_COOKIE, Seats
from .service import Councils, clean_code
from .turns import TooFast
from .views import council_view, game_shown

__all__ = ["find_council", "router", "seat_of", "seated", "take_turn"]

router = APIRouter(include_in_schema=False, dependencies=[Depends(form_token)])

LONGEST_DEADLINE_HOURS = 24 * 30
DEADLINE_UNITS = {"hours": 3600, "minutes": 60}
"""The units a deadline may be given in on the create page, in seconds."""
LONGEST_DEBATE_MINUTES = 24 * 60 * 7


def _councils(request: Request) -> Councils:
    councils: Councils = request.app.state.councils
    return councils


def seat_of(request: Request, council: str) -> str:
    """The member id the request's player holds in ``council``, or "" (no seat)."""
    seats: Seats = request.app.state.seats
    player: str = request.state.player
    return seats.read(player, request.cookies.get(SEATS_COOKIE)).get(council, "")


def seated(request: Request, response: Response, council: str, member: str) -> None:
    """Keep the player's new seat in their seats cookie, on ``response``."""
    seats: Seats = request.app.state.seats
    player: str = request.state.player
    held = seats.read(player, request.cookies.get(SEATS_COOKIE))
    held.pop(council, None)
    held[council] = member
    response.set_cookie(
        SEATS_COOKIE,
        seats.cookie(player, held),
        max_age=400 * 24 * 3600,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    campaign = _councils(request).campaign
    context.setdefault("campaign_title", campaign.title)
    context.setdefault("title", campaign.title)
    context.setdefault("documents", request.app.state.games.codex.documents())
    page: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, name, context, status_code=status
    )
    return page


def _strategies(request: Request) -> list[dict[str, str]]:
    """The campaign's strategies a bot delegate may play, as the pages offer them."""
    return [
        {"id": s.id, "label": strategy_label(s.id), "description": s.description}
        for s in _councils(request).campaign.strategies.values()
    ]


def take_turn(request: Request, code: str = "") -> None:
    """Spend one of the player's turns to address the council (none: a new one); a 429
    with the council's sentence when they have none left."""
    player: str = request.state.player
    try:
        _councils(request).turn(player, code)
    except TooFast as error:
        raise HTTPException(429, str(error)) from None


def find_council(request: Request, code: str) -> str:
    """The id of the council with the join ``code``; a 404 when there is none."""
    try:
        return _councils(request).find(code)
    except NoSuchCouncil as error:
        problem = council_problem(error)
        assert problem is not None
        raise HTTPException(404, problem.message) from None


# ------------------------------------------------------------ creating and joining


@router.get("/councils", response_class=HTMLResponse)
def councils_start(
    request: Request, code: str = "", message: str = "", status: int = 200
) -> HTMLResponse:
    return _page(
        request,
        "council_start.html",
        {
            "title": "Play in council",
            "strategies": _strategies(request),
            "code": code[:16],
            "error": message,
        },
        status,
    )


def _whole(text: str, largest: int) -> int | None:
    text = text.strip() or "0"
    return int(text) if text.isdigit() and int(text) <= largest else None


@router.post("/councils")
def create(
    request: Request,
    name: Annotated[str, Form()] = "",
    seed: Annotated[str, Form()] = "",
    deadline: Annotated[str, Form()] = "",
    deadline_unit: Annotated[str, Form()] = "hours",
    debate: Annotated[str, Form()] = "",
    bots: Annotated[list[str], Form()] = [],  # noqa: B006 - FastAPI copies a form's default
) -> Response:
    take_turn(request)
    text = seed.strip()
    if text and not (text.lstrip("-").isdigit() and abs(int(text)) < SEED_LIMIT):
        return councils_start(
            request, message="The seed must be a whole number of at most 19 digits.", status=400
        )
    unit = DEADLINE_UNITS.get(deadline_unit, 0)
    count = _whole(deadline, LONGEST_DEADLINE_HOURS * 3600 // unit) if unit else None
    minutes = _whole(debate, LONGEST_DEBATE_MINUTES)
    if count is None or minutes is None:
        return councils_start(
            request,
            message="The deadline is a whole number of hours (at most 720) or of minutes "
            "(at most 43200), and the debate a whole number of minutes (at most a week).",
            status=400,
        )
    settings = ProcedureRules(deadline=count * unit, debate=minutes * 60)
    try:
        sitting = _councils(request).create(name, int(text) if text else None, settings, bots[:20])
    except Exception as error:
        problem = council_problem(error)
        if problem is None:
            raise
        return councils_start(request, message=problem.message, status=problem.status)
    answer = RedirectResponse(f"/c/{sitting.council.state.code}", status_code=303)
    seated(request, answer, sitting.council.state.id, "m1")
    return answer


@router.post("/councils/join")
def join_by_code(request: Request, code: Annotated[str, Form()] = "") -> Response:
    try:
        council = _councils(request).find(code)
    except NoSuchCouncil as error:
        problem = council_problem(error)
        assert problem is not None
        return councils_start(request, code=code, message=problem.message, status=404)
    state = _councils(request).read(council, lambda s: s.council.state.code)
    return RedirectResponse(f"/c/{state}", status_code=303)


@router.post("/c/{code}/join")
def join(
    request: Request,
    code: str,
    name: Annotated[str, Form()] = "",
    role: Annotated[str, Form()] = "delegate",
) -> Response:
    take_turn(request, code)
    council = find_council(request, code)
    try:
        member = _councils(request).act(
            council, lambda c, at: c.join(name, at, observer=role == "observer")
        )
    except Exception as error:
        problem = council_problem(error)
        if problem is None:
            raise
        return _council_page(request, council, problem.message, problem.status)
    answer = RedirectResponse(f"/c/{code}", status_code=303)
    seated(request, answer, council, member)
    return answer


# ------------------------------------------------------------ sitting


def _shown(sitting: Sitting) -> PublicView:
    """The council's game as every member sees it (the view the single-player pages show)."""
    state = sitting.council.state
    return game_shown(state.game, state.campaign)[0]


def _context(request: Request, council: str) -> dict[str, Any]:
    councils = _councils(request)
    member = seat_of(request, council)

    now = councils.now()

    def look(sitting: Sitting) -> tuple[dict[str, Any], PublicView, dict[str, str]]:
        shown = council_view(sitting, member or None, now)
        return shown, _shown(sitting), withheld(sitting.council.rules())

    view, game, rights = councils.read(council, look)
    code = view["council"]["code"]
    motion = view["motion"]
    left = max(motion["deadline"] - now, 0) if motion and motion["deadline"] else None
    return {
        "left": left,
        "left_text": "" if left is None else roughly(left),
        "cv": view,
        "code": code,
        "game_home": f"/c/{code}",
        "view": game,
        "groups": quality_groups(game),
        "withheld": rights,
        "link": f"{str(request.base_url).rstrip('/')}/c/{code}",
        "strategies": _strategies(request),
        "title": f"Council {code}",
    }


def _council_page(
    request: Request, council: str, message: str = "", status: int = 200
) -> HTMLResponse:
    context = _context(request, council)
    context["error"] = message
    shown = context["cv"]
    # a finished council is read, seated or not: it invites nobody to take a seat
    reads = shown["you"]["member"] or shown["over"]
    return _page(request, "council.html" if reads else "council_join.html", context, status)


@router.get("/c/{code}", response_class=HTMLResponse)
def council_page(request: Request, code: str) -> HTMLResponse:
    return _council_page(request, find_council(request, code))


@router.get("/c/{code}/panel", response_class=HTMLResponse)
def panel(request: Request, code: str) -> HTMLResponse:
    """The council's live part alone, for the script that refreshes it."""
    return _page(request, "council_panel.html", _context(request, find_council(request, code)))


@router.post("/c/{code}/act/{act}")
def act(
    request: Request,
    code: str,
    act: str,
    option: Annotated[str, Form()] = "",
    side: Annotated[str, Form()] = "",
    text: Annotated[str, Form()] = "",
    joint: Annotated[str, Form()] = "",
    choice: Annotated[str, Form()] = "",
    name: Annotated[str, Form()] = "",
    platform: Annotated[str, Form()] = "",
    tendency: Annotated[str, Form()] = "",
    strategy: Annotated[str, Form()] = "",
    motion: Annotated[str, Form()] = "",
) -> Response:
    take_turn(request, code)
    council = find_council(request, code)
    command = ACTS.get(act)
    if command is None:
        raise HTTPException(404, "The council has no such command.")
    given = Given(
        option, side, text, joint == "on", choice, name, platform, tendency, strategy,
        int(motion) if motion.isdigit() and len(motion) < 6 else None,
    )  # fmt: skip
    member = seat_of(request, council)
    try:
        _councils(request).act(council, lambda c, at: command(c, member, given, at))
    except Exception as error:
        problem = council_problem(error)
        if problem is None:
            raise
        return _council_page(request, council, problem.message, problem.status)
    return RedirectResponse(f"/c/{code}", status_code=303)


# ------------------------------------------------------------ the council's game


def _game_of(request: Request, code: str) -> tuple[str, str, PublicView, Game, int]:
    """The council with the join ``code``: its id, its code, its game as shown, the game,
    and the council's sequence number (which changes whenever the council does)."""
    council = find_council(request, code)

    def look(sitting: Sitting) -> tuple[str, PublicView, Game, int]:
        state = sitting.council.state
        return state.code, _shown(sitting), state.game, sitting.seq

    return (council, *_councils(request).read(council, look))


@router.get("/c/{code}/world", response_class=HTMLResponse)
def council_world(request: Request, code: str) -> HTMLResponse:
    """The state of the council's world: the map of the fronts and the charts, to read."""
    _, code, view, game, seq = _game_of(request, code)
    context = world_context(view, game, seq, f"/c/{code}/world/charts")
    context.update(code=code, game_home=f"/c/{code}")
    return _page(request, "world.html", context)


@router.get("/c/{code}/world/charts/{name}.svg")
def council_chart(request: Request, code: str, name: str) -> Response:
    council, _, _, game, seq = _game_of(request, code)
    return chart_answer(request, (f"council {council}", seq, name), game)


@router.get("/c/{code}/timeline", response_class=HTMLResponse)
def council_timeline(request: Request, code: str) -> HTMLResponse:
    """The council's decisions beside history, to read."""
    _, code, view, _, _ = _game_of(request, code)
    context = {"view": view, "code": code, "game_home": f"/c/{code}", "who": "The council"}
    context["title"] = "The council's timeline"
    return _page(request, "timeline.html", context)


# ------------------------------------------------------------ the minutes


@router.get("/c/{code}/minutes", response_class=HTMLResponse)
def minutes(request: Request, code: str) -> HTMLResponse:
    council = find_council(request, code)
    text = _councils(request).read(council, lambda s: minutes_markdown(s.council.state))
    context = _context(request, council)
    context.update(minutes=text, title=f"Minutes of council {context['code']}")
    return _page(request, "council_minutes.html", context)


@router.get("/c/{code}/minutes.md")
def minutes_md(request: Request, code: str) -> Response:
    council = find_council(request, code)
    text = _councils(request).read(council, lambda s: minutes_markdown(s.council.state))
    return Response(
        text,
        media_type="text/markdown; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="council-{clean_code(code)}.md"'},
    )


@router.get("/c/{code}/minutes.json")
def minutes_json(request: Request, code: str) -> Response:
    council = find_council(request, code)
    data = _councils(request).read(council, lambda s: minutes_data(s.council.state))
    return Response(
        json.dumps(data, ensure_ascii=False, indent=1),
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="council-{clean_code(code)}.json"'},
    )
