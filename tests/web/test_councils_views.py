"""A council as its members see it: the game's part is made once per game and shared by
every member's view, each of whom gets options of their own."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI

from newcourse.engine import Campaign
from newcourse.web import create_app
from newcourse.web.councils import Sitting, council_view, views

from .sittings import Clock, act, create, join, member, seen


@pytest.fixture
def app(mini: Campaign, database: str) -> Iterator[FastAPI]:
    app = create_app(mini, database)
    app.state.councils.clock = Clock()
    yield app
    app.state.games.store.close()


def test_the_game_shown_is_made_once_per_game_however_many_members_look(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[object] = []

    def counted(*args: Any) -> Any:
        made.append(args[0])
        return public_view(*args)

    public_view = views.public_view
    monkeypatch.setattr(views, "public_view", counted)
    ana, boris, clara = member(app), member(app), member(app)
    code = create(ana)
    join(boris, code, "Boris")
    join(clara, code, "Clara")
    before = len(made)
    looks = [seen(client, code) for client in (ana, boris, clara)]
    act(ana, code, "vote", option=1)
    act(boris, code, "vote", option=1)
    assert len(made) == before, "a vote leaves the game as it was: its view is made once"
    assert looks[0]["game"] == looks[2]["game"]
    decided = act(clara, code, "vote", option=1).json()
    assert len(made) == before + 1, "a decision makes a new game, shown anew"
    assert decided["decided"][0]["decided"] == "Keep it inside the Central Committee."
    assert decided["motion"]["number"] == 2
    assert decided["game"] != looks[0]["game"]


def test_each_member_gets_options_of_their_own(app: FastAPI) -> None:
    ana, boris = member(app), member(app)
    code = create(ana)
    join(boris, code, "Boris")
    act(ana, code, "vote", option=2)
    councils = app.state.councils
    council = councils.find(code)

    def look(who: str) -> dict[str, Any]:
        def seeing(sitting: Sitting) -> dict[str, Any]:
            return council_view(sitting, who, councils.now())

        found: dict[str, Any] = councils.read(council, seeing)
        return found

    first, second = look("m1"), look("m2")
    assert first["motion"]["your_vote"] == 2 and second["motion"]["your_vote"] is None
    text = second["motion"]["options"][0]["text"]
    first["motion"]["options"][0]["text"] = "Written over by one member's page."
    first["motion"]["options"][0]["voters"].append("Nobody")
    again = look("m2")
    assert again["motion"]["options"][0]["text"] == text
    assert [o["voters"] for o in again["motion"]["options"]][:2] == [[], ["Ana"]]
