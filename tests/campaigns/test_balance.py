"""The first year's balance targets (docs/balance.md), on a smaller sample.

300 games for each strategy of ``playtest --balance``, seeds fixed, one job.
The targets the first year does not meet yet are expected to fail, strictly: when
the rebuild on the spine makes one true, its test says so, and it moves to the
holding ones here and in docs/balance.md.
"""

from __future__ import annotations

from typing import Any

import pytest

from newcourse.content import builtin_campaign_path
from newcourse.engine import Campaign
from newcourse.tools.playtest.balance import run_balance

GAMES = 300
SEED = 1923

OPEN = {
    "random_covers_everything": "some storylets and their options never come in random play",
    "random_tracks_move": "several tracks and factions stay within ±5 of their start",
    "random_rules_fire": "several world rules never apply in random play",
}
TARGETS = [
    "historical_close_to_history",
    "random_no_ending_above_half",
    "random_covers_everything",
    "random_tracks_move",
    "random_rules_fire",
    "random_flags_seen",
    "no_dominant_quality",
]


@pytest.fixture(scope="module")
def balance(real: Campaign) -> dict[str, Any]:
    folder = builtin_campaign_path(real.id)
    return run_balance(real, folder, GAMES, SEED, jobs=1)


def test_every_strategy_played_its_games(balance: dict[str, Any]) -> None:
    names = [r["strategy"]["name"] for r in balance["strategies"]]
    assert names[:2] == ["random", "historical"] and "greedy" in names
    assert all(r["games"] == GAMES for r in balance["strategies"])
    assert [t["id"] for t in balance["targets"]] == TARGETS


@pytest.mark.parametrize(
    "target",
    [
        pytest.param(t, marks=pytest.mark.xfail(strict=True, reason=OPEN[t])) if t in OPEN else t
        for t in TARGETS
    ],
)
def test_target(balance: dict[str, Any], target: str) -> None:
    found = next(t for t in balance["targets"] if t["id"] == target)
    assert found["holds"], f"{found['target']}: {found['figure']}"
