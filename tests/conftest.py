"""Shared fixtures: the small test campaign and the real one."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from newcourse import settings as game_settings
from newcourse.content import builtin_campaign_path, load_campaign
from newcourse.engine import Campaign

# The machines that run the tests are shared and their speed varies from minute to
# minute, so no property test is held to a time per example.
settings.register_profile("newcourse", deadline=None)
settings.load_profile("newcourse")

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "campaigns" / "mini"


@pytest.fixture(scope="session")
def mini() -> Campaign:
    return load_campaign(MINI)


@pytest.fixture(scope="session")
def real() -> Campaign:
    return load_campaign(builtin_campaign_path())


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test writes to the real player's data folder or cache folder. (A test that
    changes a NEWCOURSE_* variable calls ``settings.reload()``, as the game reads them once.)"""
    monkeypatch.setenv("NEWCOURSE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NEWCOURSE_CACHE_DIR", str(tmp_path / "cache"))
    game_settings.reload()
