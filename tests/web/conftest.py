"""The web player's fixtures: an app on a fresh SQLite file, and a browser-less client."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newcourse.engine import Campaign
from newcourse.storage.sql import sqlite_url
from newcourse.web import create_app
from newcourse.web.csrf import HEADER

MakeApp = Callable[..., FastAPI]


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
