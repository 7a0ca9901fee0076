"""The catalogue's own machinery: malformed entries name themselves, and every limit holds."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from .cases import Case, Malformed, load_catalogue
from .runner import Run, Runs, _finish, _start, prepare
from .test_catalogue import problems


def _case(**fields: object) -> Case:
    entry: dict[str, object] = {"id": "a-case", "about": "x", "command": ["--version"]}
    entry.update(fields)
    entry.setdefault("expect", {"exit": 0})
    return Case.model_validate(entry)


def test_malformed_entries_name_their_file_line_and_id(tmp_path: Path) -> None:
    (tmp_path / "area.yaml").write_text(
        "- id: fine\n  about: x\n  command: [--version]\n  expect: {exit: 0}\n"
        "- id: no-expectation\n  about: x\n  command: [--version]\n"
        "- id: fine\n  about: again\n  command: [--version]\n  expect: {exit: 0}\n"
        "- id: Not_Kebab\n  about: x\n  command: [check]\n  expect: {exit: 0}\n  typo: 1\n",
        encoding="utf-8",
    )
    found = load_catalogue(tmp_path)
    assert isinstance(found[0], Case)
    missing, twice, badly_named = found[1:]
    assert isinstance(missing, Malformed) and missing.where == f"{tmp_path.name}/area.yaml:5"
    assert missing.id == "no-expectation" and "expect" in missing.problem
    assert isinstance(twice, Malformed) and "used at" in twice.problem
    assert isinstance(badly_named, Malformed)
    assert "kebab-case" in badly_named.problem and "typo" in badly_named.problem


def test_a_run_that_hangs_is_stopped_at_its_time_limit(tmp_path: Path) -> None:
    prepared = prepare(_case(limits={"seconds": 1}), tmp_path)
    prepared.run.argv = [sys.executable, "-c", "import time; time.sleep(60)"]
    running = _start(prepared)
    while running.process.poll() is None and time.monotonic() - running.started < 1:
        time.sleep(0.05)
    run = _finish(running, timed_out=True)
    assert run.timed_out and run.seconds < 10
    assert problems(run) == ["did not finish within 1 s"]


def test_a_run_is_held_to_its_memory_limit(tmp_path: Path) -> None:
    prepared = prepare(_case(limits={"memory_mb": 256}), tmp_path)
    prepared.run.argv = [sys.executable, "-c", "bytearray(2 * 1024**3)"]
    run = _finish(_start(prepared), timed_out=False)
    assert run.exit == 1 and "MemoryError" in run.stderr


def test_tracebacks_wrong_exits_and_lost_saves_are_all_reported(tmp_path: Path) -> None:
    case = _case(expect={"exit": 2, "stderr": "one sentence"})
    run = Run(case, [], exit=1, stderr="Traceback (most recent call last):\n")
    run.saves_before = {"autosave.json": "abc", "previous.json": "def"}
    run.saves_after = {"previous.json": "abc"}
    assert problems(run) == [
        "exit code 1, expected 2",
        "stderr contains 'traceback'",
        "stderr does not match 'one sentence'",
        "the save previous.json was changed or lost",
    ]


def test_a_save_set_aside_under_another_name_is_not_lost(tmp_path: Path) -> None:
    run = Run(_case(), [], exit=0)
    run.saves_before = {"autosave.json": "abc"}
    run.saves_after = {"previous.json": "abc", "autosave.json": "new"}
    assert problems(run) == []


def test_a_case_run_on_its_own_is_started_when_asked_for(tmp_path: Path) -> None:
    runs = Runs([], lambda name: tmp_path / name, workers=1)
    (tmp_path / "a-case").mkdir()
    run = runs.result(_case(expect={"exit": 0, "stdout": "newcourse"}))
    assert run.exit == 0 and problems(run) == []
