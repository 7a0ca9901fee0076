"""The web player's games: what a server keeps in memory never hides what another wrote,
and a decision is kept with its count, or neither is."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newcourse.engine import Campaign
from newcourse.session import to_data
from newcourse.storage import NoSuchSave, SlotKey
from newcourse.storage.sql import Counted, SqlGameStore, StaleGame
from newcourse.web.games import Games
from newcourse.web.others import others_chose

from .conftest import MakeApp, armed

KEY = SlotKey("someone", "left_opposition", "autosave")


def test_two_servers_on_one_database_each_see_the_others_decisions(
    make_app: MakeApp, any_database: str
) -> None:
    with TestClient(make_app(any_database)) as first:
        armed(first)
        began = first.post("/api/game", json={"seed": 4}).json()
        with TestClient(make_app(any_database), cookies=dict(first.cookies)) as second:
            armed(second)
            second.get("/api/game")  # the second server keeps the game too
            moved = first.post("/api/game/choose", json={"option": 1}).json()
            assert moved["revision"] == began["revision"] + 1
            seen = second.get("/api/game").json()
            assert seen == moved, "the second server reads the game the first one wrote"
            stale = {"option": 1, "revision": began["revision"]}
            refused = second.post("/api/game/choose", json=stale)
            assert refused.status_code == 409 and refused.json()["code"] == "stale"
            decided = second.post("/api/game/choose", json={"option": 1}).json()
            assert decided["view"]["step"] == moved["view"]["step"] + 1
        again = first.get("/api/game").json()
        assert again["revision"] == decided["revision"] and again["view"] == decided["view"]


def test_a_decision_from_a_view_another_server_has_moved_on_is_refused(
    make_app: MakeApp, any_database: str
) -> None:
    """The second server keeps the game at the revision the player saw and does not ask
    the store again: the write finds the game moved and refuses it."""
    with TestClient(make_app(any_database)) as first:
        armed(first)
        began = first.post("/api/game", json={"seed": 4}).json()
        with TestClient(make_app(any_database), cookies=dict(first.cookies)) as second:
            armed(second)
            assert second.get("/api/game").json()["revision"] == began["revision"]
            moved = first.post("/api/game/choose", json={"option": 1}).json()
            seen = {"option": 2, "revision": began["revision"]}
            refused = second.post("/api/game/choose", json=seen)
            assert refused.status_code == 409 and refused.json()["code"] == "stale"
            assert second.get("/api/game").json() == moved, "nothing of the refused decision"


def test_two_requests_for_one_game_apply_one_decision(client: TestClient) -> None:
    game = client.post("/api/game", json={"seed": 6}).json()
    asked = {"option": 1, "revision": game["revision"]}
    answers = [client.post("/api/game/choose", json=asked) for _ in range(2)]
    assert [a.status_code for a in answers] == [200, 409]
    assert client.get("/api/game").json()["view"]["step"] == 1


def test_what_others_chose_is_the_same_from_the_view_kept(
    real: Campaign, any_database: str
) -> None:
    store = SqlGameStore(any_database, start=real.start)
    store.migrate()
    games = Games(real, store)
    games.new("someone", 11)
    for option in (1, 2, 1):
        played = games.choose("someone", option)
        assert played.session.kept is not None and played.session.kept.before is not None
        kept = games.others(played)
        assert kept is not None
        assert to_data(kept) == to_data(others_chose(store, played.session.game))
    store.close()


def test_a_decision_and_its_count_are_written_together(any_database: str) -> None:
    store = SqlGameStore(any_database)
    store.migrate()
    with pytest.raises(NoSuchSave):
        store.revision(KEY)
    first = store.write(KEY, {"decisions": []}, counted=[Counted("congress", "speak")])
    assert store.revision(KEY) == first == store.read_revision(KEY)[1]
    second = store.write(
        KEY, {"decisions": [1]}, revision=first, counted=[Counted("congress", "speak")]
    )
    assert store.choices("left_opposition", "congress") == {"speak": 2}
    with pytest.raises(StaleGame):
        store.write(KEY, {"decisions": [2]}, revision=first, counted=[Counted("congress", "keep")])
    assert store.choices("left_opposition", "congress") == {"speak": 2}, "nothing counted"
    store.write(KEY, {"decisions": []}, revision=second, counted=[Counted("congress", "speak", -1)])
    assert store.choices("left_opposition", "congress") == {"speak": 1}
    assert store.read_revision(KEY) == ({"decisions": []}, second + 1)
    store.close()
