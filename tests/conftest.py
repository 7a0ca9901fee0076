"""Shared fixtures: the small test campaign and the real one."""

from __future__ import annotations

from pathlib import Path

import pytest

from newcourse.content import builtin_campaign_path, load_campaign
from newcourse.engine import Campaign

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
    """No test writes to the real player's data folder or cache folder."""
    monkeypatch.setenv("NEWCOURSE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NEWCOURSE_CACHE_DIR", str(tmp_path / "cache"))
