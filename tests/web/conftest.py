"""The web player's fixtures: an app on a fresh SQLite file, a browser-less client, and the
PostgreSQL and Redis servers of the tests marked ``postgres`` and ``redis``."""

from __future__ import annotations

import html
import os
import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, make_url, text

from newcourse import settings as game_settings
from newcourse.engine import Campaign
from newcourse.storage.sql import sqlite_url
from newcourse.web import create_app
from newcourse.web.csrf import HEADER

from .serving import Redis

MakeApp = Callable[..., FastAPI]
POSTGRES_URL = "NEWCOURSE_TEST_POSTGRES_URL"
"""A PostgreSQL server for the tests marked ``postgres``, as a URL whose user may create
databases (.ci/run starts one and sets it); each test gets a database of its own."""


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The PostgreSQL server's URL. Without one the test is skipped, except under CI,
    where it must run: there a missing server fails it."""
    url = os.environ.get(POSTGRES_URL, "")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{POSTGRES_URL} is not set: under CI the PostgreSQL tests must run")
        pytest.skip(f"no PostgreSQL server: set {POSTGRES_URL} (.ci/run does)")
    return url


@pytest.fixture
def postgres(postgres_server: str) -> Iterator[str]:
    """A new, empty PostgreSQL database on the test server, dropped afterwards."""
    name = f"newcourse_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(postgres_server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(autouse=True)
def _councils_unhurried(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests give councils commands far faster than people do: none is refused for that,
    unless it sets limits of its own (as the tests of the limits do), here or in the
    servers it starts."""
    monkeypatch.setenv("NEWCOURSE_COUNCIL_BURST", "1000000")
    monkeypatch.setenv("NEWCOURSE_COUNCIL_RATE", "1000000")
    game_settings.reload()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_database(request: pytest.FixtureRequest, database: str) -> str:
    """The test's database on SQLite, then on PostgreSQL: a test that takes it runs on both."""
    if request.param == "sqlite":
        return database
    url: str = request.getfixturevalue("postgres")
    return url


@pytest.fixture
def database(tmp_path: Path) -> str:
    return sqlite_url(tmp_path / "web.sqlite3")


@pytest.fixture
def make_app(real: Campaign, database: str) -> MakeApp:
    """A new app instance on the test's database (as a restarted server would be)."""

    def make(url: str | None = None) -> FastAPI:
        return create_app(real, url or database)

    return make


def armed(browser: TestClient) -> TestClient:
    """``browser`` with its player's CSRF token in the X-CSRF-Token header of every request,
    as an API client sends it (the token comes with any answer)."""
    browser.headers[HEADER] = browser.get("/api/codes").headers[HEADER]
    return browser


@pytest.fixture
def client(make_app: MakeApp) -> Iterator[TestClient]:
    with TestClient(make_app()) as browser:
        yield armed(browser)


def alert(page: str) -> str:
    """The one sentence a page shows in its alert, or ""."""
    found = re.search(r'<p class="alert" role="alert">(.*?)</p>', page, re.S)
    return html.unescape(found.group(1).strip()) if found else ""


def open_options(page: str) -> list[int]:
    """The numbers of the options a game page lets the player choose."""
    return [
        int(number)
        for number, rest in re.findall(r'data-option="(\d+)"([^>]*)>', page)
        if "disabled" not in rest
    ]


REDIS_URL = "NEWCOURSE_TEST_REDIS_URL"
"""A Redis server for the tests marked ``redis`` (.ci/run starts one and sets it); without
it, a ``redis-server`` on the PATH is started for the tests."""


def _no_redis(why: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{why}: under CI the Redis tests must run")
    pytest.skip(why)


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Redis server's URL: the one CI names, else one started here and stopped after the
    tests. Without either the test is skipped, except under CI, where it fails."""
    url = os.environ.get(REDIS_URL, "")
    if url:
        yield url
        return
    if not Redis.found():
        _no_redis(f"no Redis server: set {REDIS_URL} or put redis-server on the PATH")
    server = Redis(tmp_path_factory.mktemp("redis")).start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[Redis]:
    """A Redis of the test's own, which it may stop and start again (``redis-server`` must
    be on the PATH; under CI it is)."""
    if not Redis.found():
        _no_redis("no redis-server on the PATH to start a Redis of the test's own")
    server = Redis(tmp_path).start()
    try:
        yield server
    finally:
        server.stop()
