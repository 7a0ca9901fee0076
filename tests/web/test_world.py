"""The state of the world: charts of the game so far, the numbers behind them, and the map."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from newcourse.engine import Campaign, Game
from newcourse.session import history
from newcourse.session.view import FrontView
from newcourse.web.charts import chart_names, chart_svg
from newcourse.web.world import map_frames


def _play(client: TestClient, decisions: int) -> None:
    client.post("/api/game", json={"seed": 4})
    for _ in range(decisions):
        view = client.get("/api/game").json()["view"]
        option = next(o["number"] for o in view["options"] if o["available"])
        client.post("/api/game/choose", json={"option": option})


def test_the_history_holds_every_decision_and_nothing_hidden(real: Campaign) -> None:
    game = Game.start(real, 4)
    for _ in range(5):
        game = game.choose(next(o.id for o in game.view().options if o.available))
    past = history(game)
    assert [m.step for m in past.moments] == [0, 1, 2, 3, 4, 5]
    assert past.moments[0].date == "Autumn 1923"
    shown = real.index.shown
    assert past.qualities and all(series.name in shown for series in past.qualities)
    assert not any(
        q.name in {s.name for s in past.qualities} for q in real.qualities.values() if not q.shown
    )
    for series in past.qualities:
        assert series.values[-1] == game.state.values[series.name]
        assert len(series.values) == 6
    assert all(sum(s.values[i] for s in past.factions) in (99, 100, 101) for i in range(6))


def test_the_charts_are_svg_drawn_from_the_history(real: Campaign) -> None:
    game = Game.start(real, 4).choose(1)
    past = history(game)
    names = chart_names(past)
    assert names[-1] == "delegates" and "party" in names
    svg = chart_svg(past, "delegates")
    assert svg is not None and svg.startswith("<svg") and "Left Opposition" in svg
    assert chart_svg(past, "nothing") is None


def test_the_world_page_its_charts_and_the_api(client: TestClient) -> None:
    assert client.get("/world", follow_redirects=False).status_code == 303  # no game yet
    _play(client, 3)
    page = client.get("/world")
    assert page.status_code == 200 and "The state of the world" in page.text
    charts = re.findall(r'src="(/world/charts/(\w+)\.svg\?r=\d+)"', page.text)
    assert [name for _, name in charts][-1] == "delegates"
    assert '<table class="numbers">' in page.text and "decision 3" in page.text
    image = client.get(charts[0][0])
    assert image.status_code == 200 and image.headers["content-type"] == "image/svg+xml"
    assert image.text.startswith("<svg") and "script" not in image.text.lower()
    assert "unsafe-inline" in image.headers["content-security-policy"]
    assert client.get("/world/charts/nothing.svg").status_code == 404
    data = client.get("/api/game/history").json()
    assert len(data["moments"]) == 4 and data["factions"][0]["group"] == "delegates"
    assert "/api/game/history" in client.get("/openapi.json").json()["paths"]


def test_the_map_colours_each_front_by_its_kind_beside_a_list(client: TestClient) -> None:
    _play(client, 1)
    page = client.get("/world").text
    assert re.search(r'<path d="M[^"]+" class="front kind-\w+" data-front="germany">', page)
    assert 'data-front="britain"' in page and 'data-front="china"' in page
    assert "East Asia" in page, "a frame is drawn for a front beyond Europe"
    legend = re.search(r'<ul class="legend".*?</ul>', page, re.S)
    assert legend is not None
    for words in ("quiet", "preparing", "window open", "won", "lost"):
        assert words in legend[0]
    assert '<ul class="fronts front-list">' in page and "Natural Earth" in page


def test_a_front_is_placed_by_its_id_its_label_or_an_alias() -> None:
    def front(id: str, label: str, kind: str = "open") -> FrontView:
        return FrontView(
            id, label, "s", "state", kind, 1, 0, 10, "", "", "open", False, "", id, None
        )

    frames = map_frames((front("albion", "Britain"), front("x", "France", "won")))
    assert [frame.id for frame in frames] == ["europe"], "no front in East Asia: no frame"
    placed = {s.name: s.front.kind for s in frames[0].shapes if s.front is not None}
    assert placed == {"United Kingdom": "open", "France": "won"}
    assert map_frames(())[0].shapes, "the map is drawn with no front"
