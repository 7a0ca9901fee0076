"""Councils across real server processes: delegates on two servers (one with two workers)
vote on one motion through PostgreSQL and Redis, and a stream on one server tells of a
vote made on the other within a second; a server killed in the middle of a vote is
started again on its database, and every vote it acknowledged is there."""

from __future__ import annotations

import itertools
import queue
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from .serving import Member, Served


@pytest.fixture
def members() -> Iterator[list[Member]]:
    """Browsers of their own, closed after the test."""
    made: list[Member] = []
    yield made
    for member in made:
        member.close()


def _member(members: list[Member], server: Served) -> Member:
    member = Member().arm(server)
    members.append(member)
    return member


def _ok(answer: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    body: dict[str, Any] = answer.json()
    return body


def _create(member: Member, server: Served, name: str) -> str:
    body = _ok(member.call(server, "POST", "/api/councils", json={"name": name}), 201)
    code: str = body["council"]["code"]
    return code


def _join(member: Member, server: Served, code: str, name: str) -> None:
    _ok(member.call(server, "POST", f"/api/councils/{code}/join", json={"name": name}))


def _vote(member: Member, server: Served, code: str, option: int) -> dict[str, Any]:
    return _ok(member.call(server, "POST", f"/api/councils/{code}/vote", json={"option": option}))


def _seen(member: Member, server: Served, code: str) -> dict[str, Any]:
    return _ok(member.call(server, "GET", f"/api/councils/{code}"))


class Stream:
    """The council's event stream on ``server``, read in a thread: each number as it came,
    with the time it came."""

    def __init__(self, server: Served, code: str) -> None:
        self.numbers: queue.Queue[tuple[float, int]] = queue.Queue()
        self.http = httpx.Client(timeout=httpx.Timeout(30.0))
        self.url = f"{server.url}/c/{code}/events"
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        try:
            with self.http.stream("GET", self.url) as answer:
                for line in answer.iter_lines():
                    if line.startswith("data: "):
                        self.numbers.put((time.monotonic(), int(line[6:])))
        except (httpx.HTTPError, RuntimeError):
            pass  # closed by the test

    def reaches(self, seq: int, within: float) -> float:
        """The time the stream told a number of ``seq`` or more."""
        ends = time.monotonic() + within
        while True:
            came, told = self.numbers.get(timeout=max(0.01, ends - time.monotonic()))
            if told >= seq:
                return came

    def close(self) -> None:
        self.http.close()
        self.thread.join(timeout=5)


@pytest.mark.postgres
@pytest.mark.redis
def test_delegates_on_two_servers_vote_on_one_motion_told_within_a_second(
    tmp_path: Path, postgres: str, redis_server: str, members: list[Member]
) -> None:
    first = Served(tmp_path, postgres, redis_server)
    second = Served(tmp_path, postgres, redis_server, workers=2)
    try:
        first.launch().migrated()  # the first migrates the database; the second finds it done
        second.launch()
        first.wait()
        second.wait()
        ana, boris, clara = (_member(members, server) for server in (first, second, first))
        code = _create(ana, first, "Ana")
        _join(boris, second, code, "Boris")
        _join(clara, first, code, "Clara")
        stream = Stream(first, code)
        try:
            stream.reaches(_seen(ana, first, code)["council"]["seq"], 10)
            chosen = ""
            for delegate, server in ((boris, second), (clara, first)):
                voted = _vote(delegate, server, code, 2)
                acknowledged = time.monotonic()
                assert stream.reaches(voted["council"]["seq"], 5) - acknowledged < 1.0, (
                    "the stream on the first server tells within a second"
                )
                chosen = voted["motion"]["votes"][-1]["option_text"]
            view = _vote(ana, first, code, 1)
            assert stream.reaches(view["council"]["seq"], 5)
        finally:
            stream.close()
        assert (
            view["decided"][0]["decided"] == chosen and view["decided"][0]["how"] == "by majority"
        )
        for delegate, server in ((boris, second), (ana, second), (clara, first)):
            seen = _seen(delegate, server, code)
            assert seen["decided"] == view["decided"], "every process reads the same minutes"
            assert seen["motion"]["number"] == 2
        minutes = _ok(ana.call(second, "GET", f"/api/councils/{code}/minutes"))
        votes = [r["by"] for r in minutes["records"] if r["kind"] == "voted"]
        assert sorted(votes) == ["m1", "m2", "m3"]
    finally:
        second.stop()
        first.stop()


def test_a_server_killed_in_the_middle_of_a_vote_loses_no_acknowledged_vote(
    tmp_path: Path, members: list[Member]
) -> None:
    database = f"sqlite:///{tmp_path / 'council.sqlite3'}"
    server = Served(tmp_path, database).start()
    try:
        ana, boris, clara = (_member(members, server) for _ in range(3))
        code = _create(ana, server, "Ana")
        _join(boris, server, code, "Boris")
        _join(clara, server, code, "Clara")
        _vote(boris, server, code, 3)
        acknowledged: list[int] = []
        asked: list[int] = []

        def change_votes() -> None:  # Ana changes her mind as fast as the server answers
            for option in itertools.cycle((1, 2, 4)):
                asked.append(option)
                try:
                    answer = ana.call(server, "POST", f"/api/councils/{code}/vote",
                                      json={"option": option})  # fmt: skip
                except httpx.HTTPError:
                    return  # the server died under the request
                assert answer.status_code == 200, answer.text
                acknowledged.append(option)

        changing = threading.Thread(target=change_votes, daemon=True)
        changing.start()
        while len(acknowledged) < 15:
            assert changing.is_alive()
            time.sleep(0.01)
        server.kill()
        changing.join(timeout=30)
        assert len(asked) == len(acknowledged) + 1, "one vote was in flight when it died"

        server.start()  # on the same database, on the same port
        view = _seen(clara, server, code)
        votes = {vote["name"]: vote["option"] for vote in view["motion"]["votes"]}
        assert votes["Boris"] == 3
        assert votes["Ana"] in (acknowledged[-1], asked[-1]), (
            "her last acknowledged vote, or the one in flight"
        )
        assert view["you"]["member"] == "m3", "the delegate's seat survives the restart"
        closed = _vote(clara, server, code, 3)  # the last delegate votes: the vote closes
        assert closed["motion"]["number"] == 2 and closed["decided"][0]["number"] == 1
        minutes = _ok(clara.call(server, "GET", f"/api/councils/{code}/minutes"))
        records = minutes["records"]
        mind = [r for r in records if r["kind"] == "voted" and r["by"] == "m1"]
        assert len(mind) in (len(acknowledged), len(acknowledged) + 1), "each vote stored once"
        assert [r["kind"] for r in records].count("decided") == 1
    finally:
        server.stop()
