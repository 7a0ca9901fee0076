"""Sitting councils in tests: a clock the test moves, and members as separate clients."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient

from .conftest import armed

START = 1_700_000_000
"""The time the tests' councils are created at."""


class Clock:
    """The server's clock, moved by the test."""

    def __init__(self) -> None:
        self.now = float(START)

    def __call__(self) -> float:
        return self.now


def member(app: FastAPI) -> TestClient:
    """A new browser: a player of its own, with its own cookies."""
    return armed(TestClient(app))


def create(client: TestClient, name: str = "Ana", **body: Any) -> str:
    """A new council chaired by ``name``; its join code."""
    answer = client.post("/api/councils", json={"name": name, **body})
    assert answer.status_code == 201, answer.text
    code: str = answer.json()["council"]["code"]
    return code


def join(client: TestClient, code: str, name: str, observer: bool = False) -> dict[str, Any]:
    answer = client.post(f"/api/councils/{code}/join", json={"name": name, "observer": observer})
    assert answer.status_code == 200, answer.text
    view: dict[str, Any] = answer.json()
    return view


def act(client: TestClient, code: str, command: str, **body: Any) -> httpx.Response:
    """A command through the JSON API."""
    return client.post(f"/api/councils/{code}/{command}", json=body)


def seen(client: TestClient, code: str) -> dict[str, Any]:
    """The council as the client's seat sees it."""
    answer = client.get(f"/api/councils/{code}")
    assert answer.status_code == 200, answer.text
    view: dict[str, Any] = answer.json()
    return view


def refused(answer: httpx.Response, status: int, code: str) -> str:
    """The refusal's sentence, after checking its status and code."""
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["code"] == code, body
    message: str = body["message"]
    assert message.endswith(".") and "\n" not in message
    return message
