"""What a player installs, tried as a player meets it.

Every test here is marked ``installed``: `make test-wheel` builds the wheel,
installs it into a fresh virtual environment outside the source tree and runs
these tests against it; in the development tree they run with the rest.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from importlib import metadata, resources
from pathlib import Path

import pytest

import newcourse
from newcourse.content import builtin_campaign_path, load_campaign
from newcourse.content.schema import SCHEMAS
from newcourse.engine import Game

from ..terminal.test_fullscreen_tmux import Tmux

pytestmark = pytest.mark.installed


def newcourse_command() -> list[str]:
    """The installed entry point beside this interpreter, else ``python -m newcourse``."""
    script = Path(sys.executable).with_name("newcourse")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "newcourse"]


def run(*args: str, stdin: str = "", data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*newcourse_command(), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "NEWCOURSE_DATA_DIR": str(data)},
        timeout=120,
    )


def test_one_version_everywhere(tmp_path: Path) -> None:
    version = run("--version", data=tmp_path)
    assert version.returncode == 0
    assert version.stdout.split() == ["newcourse", newcourse.__version__]
    assert metadata.version("newcourse") == newcourse.__version__


def test_the_json_schemas_ship_with_the_package() -> None:
    folder = resources.files("newcourse") / "schema"
    for name in SCHEMAS:
        schema = json.loads((folder / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert schema["$id"] == f"{name}.schema.json"
        assert schema["type"] == "object"


def test_the_full_screen_style_sheet_ships_with_the_package() -> None:
    style = resources.files("newcourse.terminal") / "app.tcss"
    assert style.is_file()
    assert "#options" in style.read_text(encoding="utf-8")


def test_check_finds_no_error_in_the_bundled_campaign(tmp_path: Path) -> None:
    checked = run("check", "--games", "20", data=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Traceback" not in checked.stdout + checked.stderr


def test_plain_play_of_the_bundled_campaign_to_an_end(tmp_path: Path) -> None:
    game = Game.start(load_campaign(builtin_campaign_path()), seed=1)
    moves = []
    while not game.over:
        option = next(option for option in game.view().options if option.available)
        moves.append(str(option.number))
        game = game.choose(option.number)
    ending = game.view().ending
    assert ending is not None
    played = run("play", "--plain", "--seed", "1", stdin="\n".join(moves) + "\n", data=tmp_path)
    assert played.returncode == 0, played.stderr
    assert ending.title in played.stdout
    assert "Traceback" not in played.stdout + played.stderr


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    if shutil.which("tmux") is None:
        assert not os.environ.get("CI"), "tmux is missing in CI"
        pytest.skip("tmux is not installed (CI installs it)")
    server = Tmux()
    yield server
    try:
        pid = server.run("display-message", "-p", "#{pid}").strip()
    except subprocess.CalledProcessError:
        return  # the server has already gone
    os.kill(int(pid), signal.SIGTERM)


def test_the_full_screen_player_starts_and_quits_in_a_terminal(tmux: Tmux, tmp_path: Path) -> None:
    first = Game.start(load_campaign(builtin_campaign_path()), seed=1).view().event
    assert first is not None
    exit_file = tmp_path / "exit-status"
    game = shlex.join([*newcourse_command(), "play", "--seed", "1"])
    # the shell records the game's exit status: tmux may mark the pane dead when the
    # terminal closes, before it has learned how the process ended
    command = f"{game}; echo $? > {shlex.quote(str(exit_file))}"
    tmux.run(
        "new-session", "-d", "-s", tmux.session, "-x", "120", "-y", "40",
        "-e", f"NEWCOURSE_DATA_DIR={tmp_path / 'data'}", command,
    )  # fmt: skip
    tmux.run("set-option", "-t", tmux.session, "remain-on-exit", "on")
    deadline = time.monotonic() + 60
    while first.title[:30] not in tmux.screen():
        assert not tmux.pane_dead(), f"the player stopped:\n{tmux.screen()}"
        assert time.monotonic() < deadline, f"no {first.title!r}:\n{tmux.screen()}"
        time.sleep(0.1)
    # a key pressed while the screen is still being put together may be lost: press it again
    # until the player ends
    deadline = time.monotonic() + 30
    while not exit_file.exists() and time.monotonic() < deadline:
        if not tmux.pane_dead():
            tmux.run("send-keys", "-t", tmux.session, "q")
        time.sleep(0.5)
    assert exit_file.exists(), f"the player did not end:\n{tmux.screen()}"
    status = exit_file.read_text().strip()
    assert status == "0", f"exit status {status!r}:\n{tmux.screen()}"
    assert "Traceback" not in tmux.screen()
