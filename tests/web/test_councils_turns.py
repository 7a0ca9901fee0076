"""A player who floods a council is refused (429, one sentence) before anything is read or
stored, and the other delegates' commands go through; malformed and oversized messages
from the pages are refused as the API's are."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI

from newcourse.engine import Campaign
from newcourse.web import create_app
from newcourse.web.councils.turns import KEPT_BUCKETS, TooFast, Turns

from .conftest import alert
from .sittings import Clock, act, create, join, member, refused, seen


class Monotonic:
    """The turns' clock, moved by the test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def monotonic() -> Monotonic:
    return Monotonic()


@pytest.fixture
def app(mini: Campaign, database: str, monotonic: Monotonic) -> Iterator[FastAPI]:
    """The web player on the small campaign; a player may give a council 3 commands at once,
    then one a second."""
    app = create_app(mini, database)
    app.state.councils.clock = Clock()
    app.state.councils.turns = Turns(3, 1.0, monotonic)
    yield app
    app.state.games.store.close()


def test_a_bucket_holds_a_burst_and_refills_at_its_rate(monotonic: Monotonic) -> None:
    turns = Turns(2, 0.5, monotonic)
    turns.take("ana", "C1")
    turns.take("ana", "C1")
    with pytest.raises(TooFast) as refusal:
        turns.take("ana", "C1")
    assert refusal.value.wait == pytest.approx(2.0)
    assert str(refusal.value).endswith(".") and "\n" not in str(refusal.value)
    turns.take("ana", "C2")  # another council: another bucket
    turns.take("boris", "C1")  # another player: another bucket
    monotonic.now += 1.9
    with pytest.raises(TooFast):
        turns.take("ana", "C1")
    monotonic.now += 0.1
    turns.take("ana", "C1")
    monotonic.now += 3600
    turns.take("ana", "C1")
    turns.take("ana", "C1")
    with pytest.raises(TooFast):
        turns.take("ana", "C1")  # a long rest refills no more than the burst
    assert KEPT_BUCKETS >= 10_000


def test_a_flooding_player_gets_429s_and_another_delegates_vote_goes_through(
    app: FastAPI, monotonic: Monotonic
) -> None:
    ana, boris, clara = member(app), member(app), member(app)
    code = create(ana)
    join(boris, code, "Boris")
    join(clara, code, "Clara")
    posted = [act(boris, code, "post", option=1, side="for", text=f"Point {n}.") for n in range(12)]
    assert [answer.status_code for answer in posted[:2]] == [200, 200]  # the join took one
    for answer in posted[2:]:
        message = refused(answer, 429, "too_fast")
        assert message == (
            "You are giving the council commands faster than it takes them; "
            "wait a moment and try again."
        )
        assert answer.headers["Retry-After"] == "1"
    assert act(clara, code, "vote", option=2).status_code == 200, "the others are not slowed"
    view = seen(ana, code)
    assert [post["text"] for post in view["motion"]["posts"]] == ["Point 0.", "Point 1."]
    assert [vote["name"] for vote in view["motion"]["votes"]] == ["Clara"]
    page = boris.post(f"/c/{code}/act/vote", data={"csrf": boris.headers["X-CSRF-Token"]})
    assert page.status_code == 429
    assert alert(page.text).startswith("You are giving the council commands faster")
    monotonic.now += 1.0
    assert act(boris, code, "vote", option=2).status_code == 200, "a second later, one more"
    assert "too_fast" in ana.get("/api/councils/codes").json()


def test_creating_councils_is_counted_too(app: FastAPI) -> None:
    ana = member(app)
    for _ in range(3):
        create(ana)
    refused(ana.post("/api/councils", json={"name": "Ana"}), 429, "too_fast")
    page = ana.post("/councils", data={"csrf": ana.headers["X-CSRF-Token"], "name": "Ana"})
    assert page.status_code == 429


def test_malformed_and_oversized_forms_are_refused_and_change_nothing(app: FastAPI) -> None:
    app.state.councils.turns = Turns(100, 100.0)
    ana, boris = member(app), member(app)
    code = create(ana)
    join(boris, code, "Boris")
    before = seen(ana, code)["council"]["seq"]
    token = {"csrf": boris.headers["X-CSRF-Token"]}
    long = boris.post(
        f"/c/{code}/act/post", data={**token, "option": "1", "side": "for", "text": "x" * 3000}
    )
    assert long.status_code == 400 and alert(long.text).endswith(".")
    huge = boris.post(f"/c/{code}/act/post", data={**token, "text": "x" * 6_000_000})
    assert huge.status_code == 413
    for form in (
        {"option": "99999999999999999999"},
        {"option": "\x00"},
        {"option": "1' OR 1=1"},
        {"option": ""},
    ):
        answer = boris.post(f"/c/{code}/act/vote", data={**token, **form})
        assert answer.status_code == 400 and alert(answer.text), form
    unknown = boris.post(f"/c/{code}/act/dissolve", data=token)
    assert unknown.status_code == 404
    refused(act(boris, code, "dissolve"), 400, "bad_request")
    refused(act(boris, code, "vote", option=[1, 2]), 400, "bad_request")
    refused(boris.post(f"/api/councils/{code}/vote", json=[1]), 400, "bad_request")
    assert seen(ana, code)["council"]["seq"] == before
