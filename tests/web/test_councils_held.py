"""A council held in memory: a command on it is stored without reading the council first,
and is still run on the council as it stands when another server moved it on."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newcourse.engine import Campaign
from newcourse.web import create_app
from newcourse.web.councils import Councils

from .conftest import armed
from .sittings import Clock, act, create, join, member, refused, seen


@pytest.fixture
def servers(mini: Campaign, any_database: str) -> Iterator[tuple[FastAPI, FastAPI]]:
    """Two servers on one database, as two processes would be."""
    apps = create_app(mini, any_database), create_app(mini, any_database)
    for app in apps:
        app.state.councils.clock = Clock()
    yield apps
    for app in apps:
        app.state.games.store.close()


def _elsewhere(app: FastAPI, client: TestClient) -> TestClient:
    """The same browser (its cookies), on another server."""
    return armed(TestClient(app, cookies=dict(client.cookies)))


def _reads(app: FastAPI) -> list[int]:
    """Counts the reads of councils' records ``app`` makes from now on."""
    store = app.state.councils.kept.store
    records = store.records
    made: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        made.append(1)
        return records(*args, **kwargs)

    store.records = counted
    return made


def test_a_command_on_a_council_nobody_else_wrote_reads_nothing(
    servers: tuple[FastAPI, FastAPI],
) -> None:
    first, _ = servers
    ana, boris = member(first), member(first)
    code = create(ana)
    join(boris, code, "Boris")
    reads = _reads(first)
    view = act(ana, code, "vote", option=2).json()
    assert reads == [], "the council was held as it was stored: nothing to read"
    assert [v["name"] for v in view["motion"]["votes"]] == ["Ana"]
    seen(boris, code)
    assert reads == [1], "a look still asks whether another server moved it on"


def test_a_command_is_run_on_the_council_another_server_moved_on(
    servers: tuple[FastAPI, FastAPI],
) -> None:
    first, second = servers
    ana, boris, clara = member(first), member(first), member(first)
    code = create(ana)
    join(boris, code, "Boris")
    join(clara, code, "Clara")
    act(ana, code, "vote", option=2)
    ana_there = _elsewhere(second, ana)
    assert act(ana_there, code, "vote", option=1).status_code == 200  # first does not know

    # on the council first holds, Ana already voted 2: it must not refuse her on that
    view = act(ana, code, "vote", option=2).json()
    assert [(v["name"], v["option"]) for v in view["motion"]["votes"]] == [("Ana", 2)]

    act(_elsewhere(second, boris), code, "post", option=1, side="for", text="Keep it quiet.")
    view = act(boris, code, "post", option=2, side="for", text="Publish it.").json()
    assert [p["text"] for p in view["motion"]["posts"]] == ["Keep it quiet.", "Publish it."]

    act(_elsewhere(second, boris), code, "vote", option=2)
    act(_elsewhere(second, clara), code, "vote", option=2)  # all voted: the motion is decided
    assert act(ana, code, "vote", option=1).json()["decided"][0]["number"] == 1
    councils: Councils = first.state.councils
    council = seen(ana, code)["council"]["id"]
    seqs = [seq for seq, _ in councils.kept.store.records(council)]
    assert seqs == list(range(1, len(seqs) + 1)), "each step stored once, in order"


def test_a_refusal_on_a_council_moved_on_is_the_refusal_it_now_deserves(
    servers: tuple[FastAPI, FastAPI],
) -> None:
    first, second = servers
    ana, boris = member(first), member(first)
    code = create(ana)
    join(boris, code, "Boris")
    act(ana, code, "vote", option=1)
    act(_elsewhere(second, boris), code, "vote", option=1)  # all voted: decided
    answer = act(ana, code, "vote", option=1)
    assert answer.status_code == 200, "the next motion's vote, not the decided one's"
    assert seen(ana, code)["motion"]["number"] == 2
    refused(act(ana, code, "vote", option=99), 400, "no_such_option")
