"""Real processes for the tests of councils across processes: ``newcourse serve`` on a free
port of the loopback, a Redis of the test's own, and a member as an HTTP client with
cookies of its own."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from newcourse.web.csrf import HEADER

REDIS_SERVER = "redis-server"


def free_port() -> int:
    """A TCP port of the loopback nobody listens on just now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _answers(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


class Served:
    """``newcourse serve`` in a process of its own; ``url`` is where it answers."""

    def __init__(
        self,
        folder: Path,
        database: str,
        redis: str = "",
        workers: int = 1,
        environment: dict[str, str] | None = None,
    ) -> None:
        self.folder, self.database, self.redis, self.workers = folder, database, redis, workers
        self.environment = environment or {}
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = folder / f"server-{self.port}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, within: float = 60.0) -> Served:
        """Start the server and wait until it answers."""
        return self.launch().wait(within)

    def launch(self) -> Served:
        """Start the server's process, without waiting for it."""
        command = [
            sys.executable, "-m", "newcourse", "serve", "--port", str(self.port),
            "--workers", str(self.workers), "--database-url", self.database,
        ]  # fmt: skip
        if self.redis:
            command += ["--redis-url", self.redis]
        environment = {**os.environ, "NEWCOURSE_DATA_DIR": str(self.folder), **self.environment}
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=log, env=environment
            )
        return self

    def migrated(self, within: float = 60.0) -> Served:
        """Wait until the server has migrated its database (it says where it serves)."""
        deadline = time.monotonic() + within
        while "is served at" not in self.log.read_text():
            assert self.process is not None and self.process.poll() is None, self.log.read_text()
            assert time.monotonic() < deadline, f"the server did not start: {self.log.read_text()}"
            time.sleep(0.05)
        return self

    def wait(self, within: float = 60.0) -> Served:
        """Wait until the server answers."""
        assert self.process is not None
        deadline = time.monotonic() + within
        while True:
            try:
                if httpx.get(f"{self.url}/api/codes", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            assert self.process.poll() is None, self.log.read_text()
            assert time.monotonic() < deadline, f"the server did not answer: {self.log.read_text()}"
            time.sleep(0.1)

    def kill(self) -> None:
        """SIGKILL: the server dies at once, in the middle of whatever it was doing."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        """Stop the server as Ctrl-C would (its workers with it)."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)


class Member:
    """A browser of its own (cookies, CSRF token) that may talk to any of the servers."""

    def __init__(self) -> None:
        self.http = httpx.Client(timeout=30)
        self.token = ""

    def call(self, server: Served, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """A request to ``server``; the token of the last answer is sent with the next."""
        answer = self.http.request(
            method, server.url + path, headers={HEADER: self.token}, **kwargs
        )
        self.token = answer.headers.get(HEADER, self.token)
        return answer

    def arm(self, server: Served) -> Member:
        """Get a player's cookie and token from ``server``."""
        self.call(server, "GET", "/api/codes")
        return self

    def close(self) -> None:
        self.http.close()


class Redis:
    """A ``redis-server`` of the test's own on a free port, without persistence; it can be
    stopped and started again on the same port."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    @staticmethod
    def found() -> bool:
        """Whether ``redis-server`` is on the PATH."""
        return shutil.which(REDIS_SERVER) is not None

    def start(self) -> Redis:
        command = [
            REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
            "--appendonly", "no", "--dir", str(self.folder),
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 10
        while not _answers(self.port):
            assert self.process.poll() is None, "redis-server stopped at once"
            assert time.monotonic() < deadline, "redis-server did not answer in 10 s"
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None
