"""The full-screen player end to end: the real ``newcourse play`` in a private tmux server."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
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


NEWCOURSE_SCRIPT = Path(sys.executable).with_name("newcourse")  # the installed entry point
NEWCOURSE = (
    [str(NEWCOURSE_SCRIPT)] if NEWCOURSE_SCRIPT.is_file() else [sys.executable, "-m", "newcourse"]
)
ROOT = Path(__file__).resolve().parents[2]


def start(server: Tmux, command: list[str], data: Path) -> None:
    """Run ``command`` in the server's one window, with its own data folder."""
    server.run(
        "new-session", "-d", "-s", server.session, "-x", str(WIDTH), "-y", str(HEIGHT),
        "-e", f"NEWCOURSE_DATA_DIR={data}", shlex.join(command),
    )  # fmt: skip


@contextmanager
def tmux_server() -> Iterator[Tmux]:
    """A private tmux server, killed at the end whatever happened."""
    if shutil.which("tmux") is None:
        # CI installs tmux (.ci/run) and must run these tests; elsewhere they are optional
        assert not os.environ.get("CI"), "tmux is missing in CI"
        pytest.skip("tmux is not installed (CI installs it)")
    server = Tmux()
    try:
        yield server
    finally:
        subprocess.run(
            ["tmux", "-L", server.socket, "kill-server"], capture_output=True, timeout=20
        )


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    with tmux_server() as server:
        play = ["play", "--seed", "1", "--no-save", "--campaign", str(MINI)]
        start(server, [*NEWCOURSE, *play], tmp_path / "data")
        server.run("set-option", "-t", server.session, "remain-on-exit", "on")
        yield server


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


# ------------------------------------------------------------ a terminal that goes away


def games_under(ancestor: int) -> list[int]:
    """The running ``newcourse play`` processes descended from ``ancestor``."""
    parents: dict[int, int] = {}
    commands: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] == "Z":
            continue  # finished, waiting to be reaped
        parents[int(entry.name)] = int(fields[1])
        commands[int(entry.name)] = command
    found = []
    for pid, command in commands.items():
        if "newcourse" not in command or " play" not in command or "/bin/sh" in command:
            continue
        up = pid
        while up in parents and up != ancestor:
            up = parents[up]
        if up == ancestor:
            found.append(pid)
    return found


def still_running(pids: list[int]) -> list[int]:
    running = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            running.append(pid)
    return running


def play_then_lose_the_terminal(command: list[str], data: Path) -> None:
    """Start a game in tmux, make one decision, kill the terminal: the game must save and exit."""
    with tmux_server() as server:
        start(server, command, data)
        server.wait_for("The letter", timeout=60)
        pane = int(server.run("display-message", "-p", "-t", server.session, "#{pane_pid}"))
        games = games_under(pane)
        assert games, "the game's process was not found"
        server.run("send-keys", "-t", server.session, "1")
        server.wait_for("You chose:")
        server.run("kill-server")
        deadline = time.monotonic() + 10
        while still_running(games) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = still_running(games)
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        assert not left, "the game kept running after its terminal was closed"
    saved = json.loads((data / "saves" / "mini" / "autosave.json").read_text(encoding="utf-8"))
    assert len(saved["decisions"]) == 1


def test_a_game_whose_terminal_closes_saves_and_exits(tmp_path: Path) -> None:
    play = ["play", "--seed", "1", "--campaign", str(MINI)]
    play_then_lose_the_terminal([*NEWCOURSE, *play], tmp_path / "data")


def test_a_game_started_by_make_exits_when_its_terminal_closes(tmp_path: Path) -> None:
    """make runs the game as a child and keeps the hang-up from it: the game must notice
    its terminal is gone. The environment already set up is used as it is (-o)."""
    if shutil.which("make") is None or not (ROOT / "Makefile").is_file():
        assert not os.environ.get("CI"), "CI runs from the source tree, with make"
        pytest.skip("make play needs make and the source tree")
    venv = Path(sys.prefix)
    arguments = shlex.join(["--seed", "1", "--campaign", str(MINI)])
    make = ["make", "-s", "-C", str(ROOT), f"VENV={venv}", "-o", f"{venv}/.player", "play"]
    play_then_lose_the_terminal([*make, f"ARGS={arguments}"], tmp_path / "data")


def test_a_crash_ends_with_one_sentence_after_the_screen_is_restored(tmp_path: Path) -> None:
    """Any error inside the full-screen player: the screen is restored, one sentence
    follows, no traceback, and the exit status is not 0."""
    crash = (
        "import newcourse.engine.game as game\n"
        "def broken(self, option): raise ValueError('day is out of range for month')\n"
        "game.Game.choose = broken\n"
        "from newcourse.cli import main\n"
        f"raise SystemExit(main(['play', '--seed', '1', '--no-save', '--campaign', {str(MINI)!r}]))"
    )
    # tmux may mark the pane dead before it has reaped the process and read its status,
    # so the shell around the game writes the status to a file of its own
    status_file = tmp_path / "status"
    game = shlex.join([sys.executable, "-c", crash])
    wrapped = ["sh", "-c", f"{game}; echo $? > {shlex.quote(str(status_file))}"]
    with tmux_server() as server:
        start(server, wrapped, tmp_path / "data")
        server.run("set-option", "-t", server.session, "remain-on-exit", "on")
        server.wait_for("The letter")
        server.run("send-keys", "-t", server.session, "1")
        deadline = time.monotonic() + 20
        while not server.pane_dead() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert server.pane_dead(), server.screen()
        screen = server.run("capture-pane", "-p", "-J", "-S", "-", "-t", server.session)
    assert "an internal error stopped the game (ValueError: day is out of range" in screen
    assert "Traceback" not in screen and "The letter" not in screen
    assert status_file.read_text().strip() not in ("", "0")
