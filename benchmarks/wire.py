"""A player's HTTP/1.1 connection for the load benchmarks, as light as a client can be.

A load test on one machine shares its cores with the server it measures: every
millisecond the client spends is one the server does not get. HTTP clients made
for applications (httpx, aiohttp) spend 1 to 2.5 ms of CPU on a request and its
answer; load generators (wrk, h2load) are written in C for that reason. This one
does only what the benchmark's players need, on asyncio's streams: one
connection kept alive, requests written whole, answers read by their
``Content-Length`` (the server gives one to every answer the players ask for),
the cookies the server sets sent back, JSON bodies (read by pydantic's parser).
Anything else in an answer
(no length, a chunked body) is an error, not guessed at.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Coroutine
from contextlib import suppress
from typing import Any, NamedTuple, TypeVar

from pydantic_core import from_json

__all__ = ["Answer", "Connection", "WireError", "run"]

T = TypeVar("T")


class WireError(Exception):
    """The server's answer is not one this client reads, or the connection broke."""


class Answer(NamedTuple):
    """An answer: its status, its headers (names in lower case) and its body."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def json(self) -> Any:
        return from_json(self.body)  # pydantic's parser: twice as quick as json.loads


class Connection:
    """One player's connection to ``host``:``port``, with its cookies."""

    def __init__(self, host: str, port: int, timeout: float = 10.0) -> None:
        self.host, self.port = host, port
        self.timeout = timeout  # seconds for a request and its answer: TimeoutError after
        self.cookies: dict[str, str] = {}
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> Answer:
        """Send one request (``body`` as JSON when given) and read its whole answer."""
        try:
            async with asyncio.timeout(self.timeout):
                return await self._request(method, path, body, headers)
        except TimeoutError:
            await self.close()
            raise

    async def _request(
        self, method: str, path: str, body: Any, headers: dict[str, str] | None
    ) -> Answer:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        reader, writer = self._reader, self._writer
        assert reader is not None
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        content = b"" if body is None else json.dumps(body).encode()
        if body is not None:
            lines += ["Content-Type: application/json", f"Content-Length: {len(content)}"]
        elif method != "GET":
            lines.append("Content-Length: 0")
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + content)
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            status, answer_headers = self._head(head)
            length = answer_headers.get("content-length")
            if length is None:
                raise WireError(f"an answer without Content-Length to {method} {path}")
            data = await reader.readexactly(int(length))
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError) as error:
            await self.close()
            raise WireError(f"the connection broke: {error}") from None
        if answer_headers.get("connection", "").lower() == "close":
            await self.close()
        return Answer(status, answer_headers, data)

    def _head(self, head: bytes) -> tuple[int, dict[str, str]]:
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        try:
            status = int(status_line.split(" ", 2)[1])
        except (IndexError, ValueError):
            raise WireError(f"not an HTTP answer: {status_line!r}") from None
        headers: dict[str, str] = {}
        for line in header_lines:
            if not line:
                continue
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                cookie = value.split(";", 1)[0]
                key, _, kept = cookie.partition("=")
                self.cookies[key.strip()] = kept.strip()
            headers[name] = value
        return status, headers

    async def close(self) -> None:
        """Close the connection (the next request opens another)."""
        writer, self._reader, self._writer = self._writer, None, None
        if writer is not None:
            writer.close()
            with suppress(ConnectionError):
                await writer.wait_closed()


def run(main: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(main)``, on uvloop's event loop where it is installed (the test extra
    installs it for the benchmarks; the server never takes it): the client's own share of
    the cores is smaller."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)
    return uvloop.run(main)
