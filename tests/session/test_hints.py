"""Hints name a command that works from where the player is."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from newcourse import settings
from newcourse.session.hints import play_command, resume_command


def _program(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "newcourse"
    program.write_text("#!/bin/sh\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


@pytest.fixture(autouse=True)
def _no_launcher(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWCOURSE_LAUNCHER", raising=False)
    settings.reload()


def test_newcourse_on_the_path_is_named_when_it_is_this_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = _program(tmp_path / "bin")
    monkeypatch.setattr(sys, "argv", [str(program)])
    monkeypatch.setenv("PATH", str(program.parent))
    assert resume_command() == "newcourse play --continue"


def test_another_newcourse_on_the_path_is_not_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    running = _program(tmp_path / "project" / ".venv" / "bin")
    _program(tmp_path / "elsewhere")
    monkeypatch.setattr(sys, "argv", [str(running)])
    monkeypatch.setenv("PATH", str(tmp_path / "elsewhere"))
    monkeypatch.chdir(tmp_path / "project")
    assert resume_command() == ".venv/bin/newcourse play --continue"


def test_a_program_outside_the_current_folder_is_named_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    running = _program(tmp_path / "venv" / "bin")
    (tmp_path / "here").mkdir()
    monkeypatch.setattr(sys, "argv", [str(running)])
    monkeypatch.setenv("PATH", os.devnull)
    monkeypatch.chdir(tmp_path / "here")
    assert play_command("--load", "my save") == f"{running} play --load 'my save'"


def test_python_dash_m_is_named_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", [str(tmp_path / "newcourse" / "__main__.py")])
    monkeypatch.setenv("PATH", os.devnull)
    assert resume_command().endswith(" -m newcourse play --continue")
    assert Path(sys.executable).name in resume_command()


def test_make_play_passes_arguments_in_args(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWCOURSE_LAUNCHER", "make play")
    settings.reload()
    assert resume_command() == "make play ARGS=--continue"
    assert play_command("--load", "previous-1") == "make play ARGS='--load previous-1'"
    assert play_command() == "make play"


def test_a_launcher_may_say_where_the_arguments_go(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWCOURSE_LAUNCHER", "just play {args}")
    settings.reload()
    assert resume_command() == "just play --continue"
