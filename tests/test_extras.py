"""A missing optional extra: one sentence naming it, a non-zero exit, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newcourse.extras import MissingExtra, missing_extra

from .conftest import MINI


def test_a_failed_import_of_an_optional_package_names_its_extra() -> None:
    missing = missing_extra(ModuleNotFoundError("No module named 'textual'", name="textual"))
    assert isinstance(missing, MissingExtra)
    assert missing.extra.name == "terminal"
    assert "pip install 'newcourse[terminal]'" in str(missing)
    old = ImportError("cannot import name 'Content'", name="textual.content")
    assert missing_extra(old) is not None, "a release too old is mended by the extra as well"
    charts = missing_extra(ModuleNotFoundError("No module named 'matplotlib'", name="matplotlib"))
    assert charts is not None and charts.extra.name == "tools"


def test_other_import_errors_are_not_blamed_on_an_extra() -> None:
    ours = ImportError("cannot import name 'x'", name="newcourse.terminal.words")
    assert missing_extra(ours) is None
    assert missing_extra(ImportError("no name")) is None
    assert missing_extra(ValueError("textual")) is None


# A player whose Python has no Textual, in a terminal (its output says it is one).
WITHOUT_TEXTUAL = """
import sys
sys.modules["textual"] = None

class Terminal:
    def __init__(self, stream):
        self.stream = stream
    def isatty(self):
        return True
    def __getattr__(self, name):
        return getattr(self.stream, name)

sys.stdin, sys.stdout = Terminal(sys.stdin), Terminal(sys.stdout)
from newcourse.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_full_screen_player_without_the_terminal_extra(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-c", WITHOUT_TEXTUAL, "play", "--seed", "1", "--campaign", str(MINI)],
        capture_output=True,
        text=True,
        env={**os.environ, "NEWCOURSE_DATA_DIR": str(tmp_path)},
        timeout=60,
    )
    assert run.returncode == 1
    assert run.stderr == (
        "newcourse: the full-screen player needs the 'terminal' extra: "
        "pip install 'newcourse[terminal]'; or play line by line with --plain.\n"
    )


def test_a_missing_terminal_extra_sets_no_game_aside(tmp_path: Path) -> None:
    env = {**os.environ, "NEWCOURSE_DATA_DIR": str(tmp_path)}
    first = [sys.executable, "-m", "newcourse", "play", "--plain", "--seed", "2"]
    subprocess.run(
        [*first, "--campaign", str(MINI)], input="1\nq\n", text=True, env=env, timeout=60
    )
    saves = tmp_path / "saves"
    before = {p.name: p.read_bytes() for p in saves.rglob("*.json")}
    assert before, "the plain game left an autosave"
    run = subprocess.run(
        [sys.executable, "-c", WITHOUT_TEXTUAL, "play", "--seed", "1", "--campaign", str(MINI)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert run.returncode == 1
    assert {p.name: p.read_bytes() for p in saves.rglob("*.json")} == before


WITHOUT_TOOLS = """
import sys
sys.modules["matplotlib"] = None
sys.modules["graphviz"] = None
from newcourse.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    ("command", "sentence"),
    [
        (
            ["playtest", "-n", "3", "--quiet", "--html", "{tmp}/report.html"],
            "newcourse playtest: drawing the report's charts needs the 'tools' extra: "
            "pip install 'newcourse[tools]'; or --json and the terminal report work without.\n",
        ),
        (
            ["graph", "-o", "{tmp}/events.svg"],
            "newcourse graph: drawing the graph needs the 'tools' extra: "
            "pip install 'newcourse[tools]'; or DOT text (-o FILE.dot) works without.\n",
        ),
    ],
)
def test_the_tools_without_the_tools_extra(
    tmp_path: Path, command: list[str], sentence: str
) -> None:
    arguments = [part.format(tmp=tmp_path) for part in command]
    data = tmp_path / "data"
    run = subprocess.run(
        [sys.executable, "-c", WITHOUT_TOOLS, *arguments, "--campaign", str(MINI)],
        capture_output=True,
        text=True,
        env={**os.environ, "NEWCOURSE_DATA_DIR": str(data)},
        timeout=60,
    )
    assert run.returncode == 1
    assert run.stderr.endswith(sentence)
    assert not list(tmp_path.glob("report*")) and not list(tmp_path.glob("events*"))
