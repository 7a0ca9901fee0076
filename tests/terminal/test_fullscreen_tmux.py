"""The full-screen player end to end: the real ``newcourse play`` in a private tmux server."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import MINI

WIDTH, HEIGHT = 100, 30


class Tmux:
    """One tmux server on its own socket, so the test never touches anyone else's."""

    def __init__(self) -> None:
        self.socket = f"newcourse-test-{uuid.uuid4().hex[:12]}"
        self.session = "play"

    def run(self, *args: str) -> str:
        command = ["tmux", "-L", self.socket, "-f", os.devnull, *args]
        done = subprocess.run(command, capture_output=True, text=True, timeout=20, check=True)
        return done.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.session)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        """Poll the pane until ``text`` shows (reading right after send-keys races)."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear; the screen shows:\n{screen}")

    def pane_dead(self) -> bool:
        return self.run("display-message", "-p", "-t", self.session, "#{pane_dead}").strip() == "1"


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    if shutil.which("tmux") is None:
        # CI installs tmux (.ci/run) and must run this test; elsewhere it is optional
        assert not os.environ.get("CI"), "tmux is missing in CI"
        pytest.skip("tmux is not installed (CI installs it)")
    server = Tmux()
    script = Path(sys.executable).with_name("newcourse")  # the installed entry point
    newcourse = [str(script)] if script.is_file() else [sys.executable, "-m", "newcourse"]
    play = ["play", "--seed", "1", "--no-save", "--campaign", str(MINI)]
    command = shlex.join([*newcourse, *play])
    server.run(
        "new-session", "-d", "-s", server.session, "-x", str(WIDTH), "-y", str(HEIGHT),
        "-e", f"NEWCOURSE_DATA_DIR={tmp_path / 'data'}", command,
    )  # fmt: skip
    pid, socket = server.run(
        "display-message", "-p", "-t", server.session, "#{pid} #{socket_path}"
    ).split(maxsplit=1)
    try:
        server.run("set-option", "-t", server.session, "remain-on-exit", "on")
        yield server
    finally:
        os.kill(int(pid), signal.SIGTERM)
        Path(socket.strip()).unlink(missing_ok=True)


def test_play_one_decision_and_quit(tmux: Tmux) -> None:
    screen = tmux.wait_for("The letter")
    assert "8 October 1923" in screen
    assert "1 Keep it inside the Central Committee." in screen
    tmux.run("send-keys", "-t", tmux.session, "1")
    screen = tmux.wait_for("The conference votes.")
    assert "You chose: Keep it inside the Central Committee." in screen
    tmux.run("send-keys", "-t", tmux.session, "q")
    deadline = time.monotonic() + 20
    while not tmux.pane_dead() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert tmux.pane_dead(), tmux.screen()
    assert "Traceback" not in tmux.screen()
