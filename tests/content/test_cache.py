"""The cache of checked campaigns: the same game as from the files, and never in the way."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newcourse import settings
from newcourse.content import CampaignError, builtin_campaign_path, cache, load_campaign
from newcourse.engine import Campaign, Game

from ..conftest import MINI


def cache_file() -> Path:
    (only,) = cache.cache_folder().glob("*.pickle")
    return only


def from_cache_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, reading the campaign's files fails the test."""

    def no_files(folder: Path) -> Campaign:
        raise AssertionError(f"{folder} was read from its files, not from the cache")

    monkeypatch.setattr(cache, "_load", no_files)


def play_through(campaign: Campaign, seed: int) -> list[object]:
    """Every view of a game that always takes the last option it may."""
    game = Game.start(campaign, seed)
    views: list[object] = [game.view()]
    while not game.over:
        option = [option for option in game.view().options if option.available][-1]
        game = game.choose(option.number)
        views.append(game.view())
    views.append(game.to_data())
    return views


def test_a_cached_campaign_plays_the_same_game(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = builtin_campaign_path()
    from_files = load_campaign(folder)
    cache.load_checked(folder)
    from_cache_only(monkeypatch)
    cached = cache.load_checked(folder)
    assert cached is not from_files
    assert cached.events.keys() == from_files.events.keys()
    for seed in (1, 5):
        assert play_through(cached, seed) == play_through(from_files, seed)


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    assert cache.load_checked(folder).title == "A Small Test Campaign"
    head = folder / "campaign.yaml"
    head.write_text(head.read_text().replace("A Small Test Campaign", "A Changed Campaign"))
    assert cache.load_checked(folder).title == "A Changed Campaign"
    (folder / "events" / "extra.yaml").write_text("events: []\n")
    with pytest.raises(CampaignError, match=r"extra\.yaml"):
        cache.load_checked(folder)
    assert len(list(cache.cache_folder().glob("*.pickle"))) == 1, "one file for each folder"


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_a_damaged_cache_file_is_ignored_and_written_again(
    monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    cache.load_checked(MINI)
    cache_file().write_bytes(damage)
    assert cache.load_checked(MINI).id == "mini"
    from_cache_only(monkeypatch)
    assert cache.load_checked(MINI).id == "mini"


def test_a_foreign_cache_file_runs_nothing(tmp_path: Path) -> None:
    cache.load_checked(MINI)
    planted = tmp_path / "planted"
    header = (cache.FORMAT, cache._key(MINI), {}, {})

    class Payload:
        def __reduce__(self) -> tuple[object, ...]:
            return (os.mkdir, (str(planted),))

    cache_file().write_bytes(pickle.dumps(header) + pickle.dumps(Payload()))
    assert cache.load_checked(MINI).id == "mini"
    assert not planted.exists()


def test_no_cache_when_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWCOURSE_NO_CACHE", "1")
    settings.reload()
    assert cache.load_checked(MINI).id == "mini"
    assert not cache.cache_folder().exists()


def test_a_cache_folder_that_cannot_be_written_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("NEWCOURSE_CACHE_DIR", str(blocked / "cache"))
    settings.reload()
    assert cache.load_checked(MINI).id == "mini"
    assert list(tmp_path.iterdir()) == [blocked]


def test_a_campaign_with_errors_is_not_kept(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    shutil.copytree(MINI, folder)
    (folder / "campaign.yaml").write_text("id: [\n")
    with pytest.raises(CampaignError):
        cache.load_checked(folder)
    assert not list(cache.cache_folder().glob("*.pickle"))


def test_a_start_from_the_cache_imports_no_validation(tmp_path: Path) -> None:
    start = (
        "import sys\n"
        "from newcourse.cli import main\n"
        "code = main(['play', '--plain', '--no-save', '--seed', '1'])\n"
        "print('validation imported:', 'pydantic' in sys.modules or 'yaml' in sys.modules,"
        " file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "NEWCOURSE_DATA_DIR": str(tmp_path / "data")}
    runs = [
        subprocess.run(
            [sys.executable, "-c", start],
            input="q\n",
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        for _ in range(2)
    ]
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr + runs[1].stderr
    assert "validation imported: True" in runs[0].stderr
    assert "validation imported: False" in runs[1].stderr
    assert runs[0].stdout == runs[1].stdout
