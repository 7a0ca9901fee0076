"""The NEWCOURSE_* variables, read in one place."""

from __future__ import annotations

from pathlib import Path

import pytest

from newcourse import settings
from newcourse.settings import VARIABLES, Settings


def test_nothing_set_asks_for_nothing() -> None:
    assert Settings.from_environment({}) == Settings()


def test_every_variable_is_read() -> None:
    read = Settings.from_environment(
        {
            "NEWCOURSE_DATA_DIR": "~/games",
            "NEWCOURSE_CACHE_DIR": "/tmp/cache",
            "NEWCOURSE_NO_CACHE": "1",
            "NEWCOURSE_DEBUG": "yes",
            "NEWCOURSE_LAUNCHER": " make play ",
            "NEWCOURSE_DATABASE_URL": " sqlite:////tmp/games.sqlite3 ",
            "NEWCOURSE_REDIS_URL": " redis://127.0.0.1:6379/0 ",
            "NEWCOURSE_COUNCIL_BURST": "8",
            "NEWCOURSE_COUNCIL_RATE": "0.5",
        }
    )
    assert read == Settings(
        data_dir=Path("~/games").expanduser(),
        cache_dir=Path("/tmp/cache"),
        no_cache=True,
        debug=True,
        launcher="make play",
        database_url="sqlite:////tmp/games.sqlite3",
        redis_url="redis://127.0.0.1:6379/0",
        council_burst=8,
        council_rate=0.5,
    )
    assert len(VARIABLES) == 9


def test_zero_and_empty_switch_nothing_on() -> None:
    read = Settings.from_environment({"NEWCOURSE_NO_CACHE": "0", "NEWCOURSE_DATA_DIR": ""})
    assert not read.no_cache and read.data_dir is None


def test_a_council_limit_that_is_not_a_positive_number_keeps_its_default() -> None:
    for said in ("", "none", "0", "-4", "inf", "nan"):
        read = Settings.from_environment(
            {"NEWCOURSE_COUNCIL_BURST": said, "NEWCOURSE_COUNCIL_RATE": said}
        )
        assert (read.council_burst, read.council_rate) == (30, 5.0), said
    assert Settings.from_environment({"NEWCOURSE_COUNCIL_BURST": "0.5"}).council_burst == 1


def test_the_environment_is_read_once_until_reloaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = settings.current()
    monkeypatch.setenv("NEWCOURSE_DATA_DIR", str(tmp_path / "elsewhere"))
    assert settings.current() is first
    assert settings.reload().data_dir == tmp_path / "elsewhere"
