"""One key map: the code, both players' help, the README and the player's guide agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.binding import Binding

from newcourse.session.commands import COMMANDS, command_for
from newcourse.terminal.app import PlayScreen
from newcourse.terminal.plain import HELP, help_rows

ROOT = Path(__file__).resolve().parents[2]
KEYS = {(command.key, command.name) for command in COMMANDS}
ROW = re.compile(r"^\| `(?P<key>[^`]+)` \| `(?P<word>[a-z]+)[^`]*` \|", re.MULTILINE)


def documented_keys(path: Path) -> set[tuple[str, str]]:
    """The (key, word) pairs of the key table in a Markdown document."""
    return {(row["key"], row["word"]) for row in ROW.finditer(path.read_text(encoding="utf-8"))}


@pytest.mark.parametrize("document", ["README.md", "docs/playing.md"])
def test_the_documents_list_the_keys_of_the_code(document: str) -> None:
    assert documented_keys(ROOT / document) == KEYS


def test_s_saves_and_i_shows_the_status() -> None:
    save, status = command_for("s"), command_for("i")
    assert save is not None and save.name == "save"
    assert status is not None and status.name == "status"
    assert command_for("STATUS") == status and command_for("fly") is None


def test_the_plain_help_lists_every_key_and_word() -> None:
    rows = help_rows()
    assert rows[0] == ("NUMBER", "choose that option")
    assert {re.sub(r" \[.*\]", "", typed) for typed, _ in rows[1:]} == {
        f"{word} ({key})" for key, word in KEYS
    }
    for command in COMMANDS:
        assert command.help in HELP


def test_the_full_screen_player_binds_every_key() -> None:
    bound = {
        "?" if binding.key == "question_mark" else binding.key
        for binding in PlayScreen.BINDINGS
        if isinstance(binding, Binding) and not binding.key.isdigit()
    }
    assert bound == {key for key, _ in KEYS}
