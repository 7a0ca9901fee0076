"""The council's pages as its members read them: the game's state beside the council, the
council's own World and Timeline pages (read-only), the minutes' title and export, and
what a finished council offers a newcomer."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newcourse.engine import Campaign
from newcourse.web import create_app

from .conftest import alert
from .sittings import START, Clock, act, create, join, member, seen


@pytest.fixture
def app(mini: Campaign, database: str) -> Iterator[FastAPI]:
    """The web player on the small test campaign, its councils timed by a test clock."""
    app = create_app(mini, database)
    app.state.councils.clock = Clock()
    yield app
    app.state.games.store.close()


def _decide_first(app: FastAPI) -> tuple[str, TestClient]:
    """A council of Ana (the chair) and Boris, its first motion decided; its code and Ana."""
    ana, boris = member(app), member(app)
    code = create(ana)
    join(boris, code, "Boris")
    act(ana, code, "vote", option=1)
    answer = act(boris, code, "vote", option=1)
    assert answer.status_code == 200, answer.text
    return code, ana


def test_the_council_page_shows_its_games_state_and_links_to_its_own_world_and_timeline(
    app: FastAPI,
) -> None:
    code, ana = _decide_first(app)
    page = ana.get(f"/c/{code}").text
    assert "The state of things" in page and 'class="qualities"' in page
    for path in (f"/c/{code}", f"/c/{code}/world", f"/c/{code}/timeline"):
        assert f'href="{path}"' in page
    assert 'href="/play"' not in page and 'href="/world"' not in page


@pytest.mark.parametrize("seated", [True, False])
def test_the_councils_world_and_timeline_are_read_by_members_and_visitors(
    app: FastAPI, seated: bool
) -> None:
    code, ana = _decide_first(app)
    reader = ana if seated else member(app)
    world = reader.get(f"/c/{code}/world")
    assert world.status_code == 200 and "The state of the world" in world.text
    assert f"/c/{code}/world/charts/" in world.text and "<form" not in world.text.split("<main")[1]
    chart = world.text.split(f"/c/{code}/world/charts/", 1)[1].split('"', 1)[0].split("?")[0]
    drawn = reader.get(f"/c/{code}/world/charts/{chart}")
    assert drawn.status_code == 200 and drawn.headers["content-type"].startswith("image/svg")
    assert reader.get(f"/c/{code}/world/charts/nothing.svg").status_code == 404
    timeline = reader.get(f"/c/{code}/timeline")
    assert timeline.status_code == 200 and "The council&#39;s timeline" in timeline.text
    assert "The council: " in timeline.text and "No decisions yet." not in timeline.text
    assert f'href="/c/{code}/world"' in timeline.text


def test_a_council_that_does_not_exist_has_no_world_nor_timeline(app: FastAPI) -> None:
    visitor = member(app)
    for path in ("/c/NOPE99/world", "/c/NOPE99/timeline", "/c/NOPE99/world/charts/party.svg"):
        assert visitor.get(path).status_code == 404


def test_the_minutes_are_titled_by_the_join_code_and_show_a_post_as_typed(app: FastAPI) -> None:
    code, ana = _decide_first(app)
    act(ana, code, "post", option=1, side="for", text="<b>really</b> & truly")
    page = ana.get(f"/c/{code}/minutes").text
    assert f"<h1>Minutes of council {code}</h1>" in page
    assert "&lt;b&gt;really&lt;/b&gt; &amp; truly" in page
    markdown = ana.get(f"/c/{code}/minutes.md").text
    assert markdown.startswith(f"# Minutes of council {code}\n") and "<b>" not in markdown
    assert ana.get(f"/c/{code}/minutes.json").json()["code"] == code


def test_a_blank_name_on_the_create_page_is_refused_naming_the_field(app: FastAPI) -> None:
    ana = member(app)
    page = ana.post("/councils", data={"csrf": ana.headers["X-CSRF-Token"], "name": "   "})
    assert page.status_code == 400
    assert alert(page.text) == "The display name is empty: write it first."


def test_a_right_withheld_is_told_with_the_storys_reason_after_a_colon(
    make_app: Callable[[], FastAPI],
) -> None:
    real = make_app()
    try:
        ana = member(real)
        code = create(ana)
        page = ana.get(f"/c/{code}").text
        assert "Tendencies are forbidden now: the ban on factions of 1921 holds" in page
    finally:
        real.state.games.store.close()


def test_a_finished_council_is_read_by_a_newcomer_who_is_not_invited_to_a_seat(
    app: FastAPI,
) -> None:
    ana, boris = member(app), member(app)
    code = create(ana)
    join(boris, code, "Boris")
    view = seen(ana, code)
    for _ in range(100):
        if view["motion"] is None:
            break
        option = next(o["number"] for o in view["motion"]["options"] if o["available"])
        act(ana, code, "vote", option=option)
        view = act(boris, code, "vote", option=option).json()
    assert view["over"]
    page = member(app).get(f"/c/{code}").text
    assert "Take a seat" not in page and f'action="/c/{code}/join"' not in page
    assert "The council's game is over" in page and 'id="ending-heading"' in page
    assert f'href="/c/{code}/minutes"' in page and "you have no seat" in page
    assert "Delegates join at" not in ana.get(f"/c/{code}").text


def test_the_count_of_votes_agrees_with_its_numbers(app: FastAPI) -> None:
    ana, boris = member(app), member(app)
    code = create(ana)
    assert "0 of 1 delegate has voted." in ana.get(f"/c/{code}").text
    join(boris, code, "Boris")
    assert "0 of 2 delegates have voted." in ana.get(f"/c/{code}").text
    act(ana, code, "vote", option=1)
    assert "1 of 2 delegates has voted; your vote: option 1." in ana.get(f"/c/{code}").text


def test_a_strategy_has_one_label_on_the_create_page_and_the_bot_picker(app: FastAPI) -> None:
    ana = member(app)
    assert '<label for="bot-democrat">Democrat</label>' in ana.get("/councils").text
    code = create(ana)
    assert '<option value="democrat">Democrat</option>' in ana.get(f"/c/{code}").text


@pytest.mark.parametrize(
    ("deadline", "unit", "seconds"), [("90", "minutes", 5400), ("2", "hours", 7200), ("", "", 0)]
)
def test_the_vote_deadline_is_given_in_minutes_or_hours(
    app: FastAPI, deadline: str, unit: str, seconds: int
) -> None:
    ana = member(app)
    form = {"csrf": ana.headers["X-CSRF-Token"], "name": "Ana", "deadline": deadline}
    made = ana.post("/councils", data=form | ({"deadline_unit": unit} if unit else {}))
    code = made.url.path.rsplit("/", 1)[1]
    motion = seen(ana, code)["motion"]
    assert motion["deadline"] == (START + seconds if seconds else None)


def test_a_deadline_in_no_unit_or_too_long_is_refused_on_the_create_page(app: FastAPI) -> None:
    ana = member(app)
    for deadline, unit in (("5", "weeks"), ("43201", "minutes"), ("721", "hours")):
        form = {"csrf": ana.headers["X-CSRF-Token"], "name": "Ana", "deadline": deadline}
        page = ana.post("/councils", data=form | {"deadline_unit": unit})
        assert page.status_code == 400 and alert(page.text).startswith("The deadline is")


def test_the_time_left_to_vote_is_told_without_scripts_and_given_to_them(
    app: FastAPI,
) -> None:
    ana = member(app)
    code = create(ana, deadline=5400)
    app.state.councils.clock.now = START + 1801
    page = ana.get(f"/c/{code}").text
    assert (
        'Time left: <span class="time-left" role="timer" data-left="3599">about 59 minutes' in page
    )
