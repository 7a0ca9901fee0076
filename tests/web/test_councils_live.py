"""Council mode live and whole: the event stream, two servers on one database, and the
real campaign played by delegates and bots to an ending, with the rules the story
changes and a minority report history brings back."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newcourse.council import bot_choice
from newcourse.engine import Campaign
from newcourse.web import create_app
from newcourse.web.councils import Councils, Sitting

from .sittings import Clock, act, create, join, member, refused, seen


@pytest.fixture
def mini_app(mini: Campaign, database: str) -> Iterator[FastAPI]:
    app = create_app(mini, database)
    app.state.councils.clock = Clock()
    yield app
    app.state.games.store.close()


@pytest.fixture
def real_app(real: Campaign, database: str) -> Iterator[FastAPI]:
    app = create_app(real, database)
    app.state.councils.clock = Clock()
    yield app
    app.state.games.store.close()


# ------------------------------------------------------------ the event stream


class Stream:
    """A GET of the event stream straight on the ASGI app, read as it comes."""

    def __init__(self, app: FastAPI, path: str) -> None:
        self.sent: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.gone = asyncio.Event()
        self.asked = False
        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
            "method": "GET", "scheme": "http", "path": path, "raw_path": path.encode(),
            "query_string": b"", "root_path": "", "headers": [(b"host", b"testserver")],
            "client": ("127.0.0.1", 50000), "server": ("testserver", 80),
        }  # fmt: skip
        self.task = asyncio.create_task(app(scope, self._receive, self.sent.put))

    async def _receive(self) -> dict[str, Any]:
        if not self.asked:
            self.asked = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await self.gone.wait()
        return {"type": "http.disconnect"}

    async def start(self) -> int:
        message = await asyncio.wait_for(self.sent.get(), 5)
        assert message["type"] == "http.response.start"
        headers = dict(message["headers"])
        assert headers[b"content-type"].startswith(b"text/event-stream")
        status: int = message["status"]
        return status

    async def number(self, within: float) -> int:
        """The next record number the stream tells (comments skipped)."""
        while True:
            message = await asyncio.wait_for(self.sent.get(), within)
            found = re.search(rb"^data: (\d+)$", message.get("body", b""), re.M)
            if found:
                return int(found.group(1))

    async def close(self) -> None:
        self.gone.set()
        await asyncio.wait_for(self.task, 5)


@pytest.mark.asyncio
async def test_the_event_stream_tells_a_new_number_within_a_second_of_a_vote(
    mini_app: FastAPI,
) -> None:
    ana, boris = member(mini_app), member(mini_app)
    code = create(ana)
    join(boris, code, "Boris")
    stream = Stream(mini_app, f"/c/{code}/events")
    assert await stream.start() == 200
    first = await stream.number(5)
    assert first == seen(ana, code)["council"]["seq"]
    voted = await asyncio.to_thread(act, boris, code, "vote", option=1)
    assert voted.status_code == 200
    assert await stream.number(1.0) == voted.json()["council"]["seq"] > first
    await stream.close()
    assert mini_app.state.councils.notifier.listening(voted.json()["council"]["id"]) == 0
    assert member(mini_app).get("/c/NOPE99/events").status_code == 404


def test_the_council_page_is_refreshed_by_the_script_and_works_without_it(
    mini_app: FastAPI,
) -> None:
    ana = member(mini_app)
    code = create(ana)
    page = ana.get(f"/c/{code}").text
    assert '<script src="http://testserver/static/council.js" defer></script>' in page
    assert f'data-council-panel="/c/{code}/panel"' in page
    assert f'<a href="/c/{code}">Refresh the council</a>' in page
    panel = ana.get(f"/c/{code}/panel").text
    assert panel.lstrip().startswith('<div class="council-state" data-seq="')
    assert "<html" not in panel
    script = ana.get("/static/council.js").text
    assert "EventSource" in script and "htmx.ajax" in script and "setInterval" in script


# ------------------------------------------------------------ stored before acknowledged


def test_a_restarted_server_loses_no_vote_and_two_servers_share_a_council(
    mini: Campaign, database: str
) -> None:
    first, second = create_app(mini, database), create_app(mini, database)
    ana, boris = member(first), member(first)
    code = create(ana)
    join(boris, code, "Boris")
    act(ana, code, "vote", option=2)
    again = TestClient(second, cookies=dict(boris.cookies))  # the same browser, another server
    again.headers["X-CSRF-Token"] = again.get("/api/codes").headers["X-CSRF-Token"]
    assert seen(again, code)["motion"]["votes"][0]["name"] == "Ana"

    councils: Councils = first.state.councils
    council = seen(ana, code)["council"]["id"]
    store = councils.kept.store
    append = store.append
    raced = []

    def racing_append(*args: Any, **kwargs: Any) -> int:
        if not raced:  # another server stores a record first
            raced.append(act(again, code, "post", option=1, side="for", text="Keep it quiet."))
        result: int = append(*args, **kwargs)
        return result

    store.append = racing_append  # type: ignore[method-assign]
    view = act(ana, code, "post", option=2, side="for", text="Publish it.").json()
    store.append = append  # type: ignore[method-assign]
    assert raced[0].status_code == 200
    assert [p["text"] for p in view["motion"]["posts"]] == ["Keep it quiet.", "Publish it."]
    seqs = [seq for seq, _ in store.records(council)]
    assert seqs == list(range(1, len(seqs) + 1)), "each step stored once, in order"
    first.state.games.store.close()
    second.state.games.store.close()


# ------------------------------------------------------------ the real campaign


def _historical(app: FastAPI, code: str) -> str:
    councils: Councils = app.state.councils
    council = councils.find(code)

    def choice(sitting: Sitting) -> str:
        state = sitting.council.state
        return bot_choice(state.campaign, state.game, "historian")

    return councils.read(council, choice)


def _drive_to(app: FastAPI, code: str, event: str, delegates: list[TestClient]) -> None:
    """Every delegate votes as history went until ``event`` is the motion."""
    for _ in range(200):
        motion = seen(delegates[0], code)["motion"]
        assert motion is not None, f"the game ended before {event}"
        if motion["event"] == event:
            return
        choice = _historical(app, code)
        if motion["phase"] == "consent":
            act(delegates[0], code, "settle", option=choice)
        else:
            for client in delegates:
                act(client, code, "vote", option=choice)
    raise AssertionError(f"{event} never came")


def test_the_ban_on_factions_forbids_tendencies_and_the_page_says_why(real_app: FastAPI) -> None:
    ana = member(real_app)
    code = create(ana)
    message = refused(
        act(ana, code, "tendency", name="Left", platform="The New Course."), 403, "forbidden"
    )
    assert "ban on factions" in message
    page = ana.get(f"/c/{code}").text
    assert "Tendencies are forbidden now: the ban on factions of 1921 holds" in page
    assert "Form the tendency" not in page
    view = seen(ana, code)
    assert view["rights"]["tendencies"] is False and view["tendencies"] == []


def test_a_minority_report_comes_back_when_history_bears_on_it(real_app: FastAPI) -> None:
    ana, boris, clara = member(real_app), member(real_app), member(real_app)
    code = create(ana, seed=7)
    join(boris, code, "Boris")
    join(clara, code, "Clara")
    _drive_to(real_app, code, "lenins_death", [ana, boris, clara])
    act(ana, code, "vote", option="go_on_south")
    act(clara, code, "vote", option="turn_back")
    view = act(boris, code, "vote", option="go_on_south").json()
    assert view["can_report"] is None
    assert seen(clara, code)["can_report"] == view["decided"][0]["number"]
    refused(act(boris, code, "report", text="We were right."), 403, "not_minority")
    filed = clara.post(
        f"/c/{code}/act/report",
        data={"csrf": clara.headers["X-CSRF-Token"], "text": "The party will see who was absent."},
        follow_redirects=True,
    )
    assert "The party will see who was absent." in filed.text
    _drive_to(real_app, code, "testament", [ana, boris, clara])
    report = seen(ana, code)["reports"][0]
    assert report["name"] == "Clara" and report["returned"][0]["verdict"] == "vindicated"
    page = ana.get(f"/c/{code}").text
    assert "<strong>vindicated</strong>" in page and "remember who stood at his funeral" in page


def test_a_council_of_one_person_and_bots_plays_the_campaign_to_an_ending(
    real_app: FastAPI,
) -> None:
    ana, watcher = member(real_app), member(real_app)
    code = create(ana, seed=3, bots=["democrat", "cautious", "internationalist"])
    join(watcher, code, "Vera", observer=True)
    opened = 0
    for _ in range(400):
        view = seen(ana, code)
        motion = view["motion"]
        if motion is None:
            break
        opened += bool(motion["openings"])
        shown = [o for o in motion["options"] if o["available"] and o["in_round"]]
        if motion["phase"] == "consent":
            act(ana, code, "settle", option=shown[0]["number"])
        elif motion["phase"] == "casting":
            act(ana, code, "cast", option=next(o for o in shown if o["casting"])["number"])
        elif motion["phase"] == "debate":
            act(ana, code, "call")
        else:
            assert act(ana, code, "vote", option=shown[-1]["number"]).status_code == 200
    view = seen(watcher, code)
    assert view["over"] and view["motion"] is None and view["game"]["ending"] is not None
    assert opened, "the campaign's openings open some debates"
    page = watcher.get(f"/c/{code}").text
    assert "The end" in page and view["game"]["ending"]["title"] in page
    refused(act(ana, code, "vote", option=1), 409, "game_over")
    late = member(real_app)
    asked = late.post(f"/api/councils/{code}/join", json={"name": "Late", "observer": False})
    assert "takes no new members" in refused(asked, 409, "game_over")
    assert "Late" not in str(seen(ana, code)["members"])
    minutes = ana.get(f"/c/{code}/minutes.md").text
    assert minutes.count("**Decided**") == len(view["decided"]) > 10
    assert "## The ending:" in minutes
