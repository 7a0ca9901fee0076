"""``newcourse play``: which game its flags open, and the flags it refuses."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from newcourse.cli import main
from newcourse.engine import Campaign, Game
from newcourse.storage import SaveStore, default_data_dir, read_save

from ..conftest import MINI

PLAY = sys.modules["newcourse.cli.play"]


@pytest.fixture
def store(mini: Campaign) -> SaveStore:
    return SaveStore(default_data_dir(), mini.id, start=mini.start)


def _play(*args: str, stdin: str = "q\n", monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(["play", "--campaign", str(MINI), *args])


@pytest.mark.parametrize(
    ("flags", "named"),
    [
        (["--continue", "--seed", "3"], ("--continue", "--seed")),
        (["--continue", "--load", "x"], ("--continue", "--load")),
        (["--load", "x", "--seed", "3"], ("--load", "--seed")),
        (["--no-save", "--continue"], ("--no-save", "--continue")),
    ],
)
def test_contradictory_flags_are_refused_in_one_sentence(
    flags: list[str],
    named: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _play(*flags, monkeypatch=monkeypatch) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert all(flag in err for flag in named) and "cannot be used together" in err


def test_a_seed_of_too_many_digits_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _play("--seed", "9" * 40, monkeypatch=monkeypatch) == 2
    assert "at most 19 digits" in capsys.readouterr().err


def test_load_by_name_sets_the_game_in_progress_aside(
    mini: Campaign,
    store: SaveStore,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store.write("evening", Game.start(mini, 7).choose("publish").to_data())
    in_progress = Game.start(mini, 9).to_data()
    store.write("autosave", in_progress)
    assert _play("--plain", "--load", "evening", monkeypatch=monkeypatch) == 0
    assert read_save(store.path("autosave")).data["seed"] == 7
    (previous,) = [e for e in store.entries() if e.kind == "previous"]
    assert read_save(previous.path).data == in_progress
    assert f"--load {previous.name}" in capsys.readouterr().out


def test_load_by_path_still_works(
    mini: Campaign, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = tmp_path / "given.json"
    SaveStore(tmp_path / "elsewhere", mini.id).write("given", Game.start(mini, 4).to_data())
    saved.write_text((tmp_path / "elsewhere" / "saves" / "mini" / "given.json").read_text())
    assert _play("--plain", "--load", str(saved), monkeypatch=monkeypatch) == 0
    assert read_save(default_data_dir() / "saves" / "mini" / "autosave.json").data["seed"] == 4


def test_an_unknown_save_name_lists_the_saves_there_are(
    mini: Campaign,
    store: SaveStore,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store.write("evening", Game.start(mini, 7).to_data())
    assert _play("--plain", "--load", "morning", monkeypatch=monkeypatch) == 2
    assert "no save called 'morning' (saves: evening)" in capsys.readouterr().err


def test_a_damaged_save_is_called_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = tmp_path / "damaged.json"
    damaged.write_text(
        '{"format": "newcourse-save", "format_version": 1, "campaign": {"id": '
        '"mini", "version": 1}, "seed": 1, "decisions": 3}'
    )
    assert _play("--plain", "--load", str(damaged), monkeypatch=monkeypatch) == 1
    err = capsys.readouterr().err
    assert "damaged.json" in err and "damaged" in err and "internal error" not in err


def test_continue_without_a_game_says_how_to_start_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _play("--plain", "--continue", monkeypatch=monkeypatch) == 1
    assert "no saved game to continue yet; start one with:" in capsys.readouterr().err


def test_no_flags_in_full_screen_opens_the_start_screen(
    store: SaveStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[object] = []

    def fullscreen(session: object, **rest: object) -> int:
        seen.append(session)
        return 0

    monkeypatch.setattr(PLAY, "run_fullscreen", fullscreen)
    monkeypatch.setattr("sys.stdin", _Terminal())
    monkeypatch.setattr("sys.stdout", _Terminal())
    assert main(["play", "--campaign", str(MINI)]) == 0
    assert seen == [None]
    assert not store.has("autosave"), "nothing is started or set aside before the player chooses"


def test_no_flags_in_plain_mode_starts_a_new_game_and_keeps_the_last(
    mini: Campaign, store: SaveStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write("autosave", Game.start(mini, 9).to_data())
    assert _play("--plain", monkeypatch=monkeypatch) == 0
    assert [e.kind for e in store.entries()] == ["autosave", "previous"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True
