"""Recorded games of the real campaign, played again: a content change that alters
one of them fails here. If the change is meant, record them again (see RERECORD)."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from newcourse.content import builtin_campaign_path, load_campaign
from newcourse.engine import Campaign
from newcourse.tools.playtest import check_replay, read_replay

REPLAYS = sorted((Path(__file__).resolve().parent / "replays").glob("*.json"))
RERECORD = (
    "if the change is meant, record the replays again with `make replays` "
    "(that is: newcourse playtest --replay tests/replays/*.json --update)"
)


@functools.cache
def campaign(campaign_id: str) -> Campaign:
    bundled = builtin_campaign_path(campaign_id)
    folder = bundled if bundled.is_dir() else Path(__file__).parent / "campaigns" / campaign_id
    return load_campaign(folder)


def test_there_are_recorded_games() -> None:
    assert REPLAYS, "tests/replays/ holds no replay files"


@pytest.mark.parametrize("path", REPLAYS, ids=[p.stem for p in REPLAYS])
def test_a_recorded_game_still_plays_the_same(path: Path) -> None:
    replay = read_replay(json.loads(path.read_text(encoding="utf-8")))
    check = check_replay(campaign(replay.campaign_id), replay)
    problems = "\n  ".join(check.problems)
    assert check.ok, f"{path.name} no longer plays the same:\n  {problems}\n{RERECORD}"
