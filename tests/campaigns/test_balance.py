"""The first year's balance targets (docs/balance.md), on a smaller sample.

300 games for each strategy of ``playtest --balance``, and 1,000 for random play,
whose coverage target asks for every option in some game (some come only on a
rare road, such as the Secretariat's answer to a won Conference); seeds fixed,
one job. Every target holds at 5,000 games a strategy, and holds here; the
spine's dilemma is checked beside them: the democrat strategy, which only
speaks out, reaches a victory in at most a third of its games, and the
tactician, which speaks out but keeps discipline when the dossier is near full,
does better than it and than the lines that only keep discipline.
"""

from __future__ import annotations

from typing import Any

import pytest

from newcourse.content import builtin_campaign_path
from newcourse.engine import Campaign
from newcourse.tools.playtest.balance import balance_specs, balance_targets
from newcourse.tools.playtest.many import run_games
from newcourse.tools.playtest.report import build_report

GAMES = 300
RANDOM_GAMES = 1000
SEED = 1923
PURE_LINE_AT_MOST = 1 / 3  # the spine's first rule: a pure line wins at most a third

TARGETS = [
    "historical_close_to_history",
    "random_no_ending_above_half",
    "random_covers_everything",
    "random_tracks_move",
    "random_rules_fire",
    "random_flags_seen",
    "every_ending_reached",
    "no_dominant_quality",
]


@pytest.fixture(scope="module")
def reports(real: Campaign) -> list[dict[str, Any]]:
    folder = builtin_campaign_path(real.id)
    played = []
    for spec in balance_specs(real):
        games = RANDOM_GAMES if spec.name == "random" else GAMES
        run = run_games(real, folder, spec, games, SEED, jobs=1)
        played.append(build_report(real, spec, SEED, run))
    return played


def victories(reports: list[dict[str, Any]], name: str) -> float:
    report = next(r for r in reports if r["strategy"] == {"name": name})
    share: float = report["measures"]["kinds"]["victory"]["share"]
    return share


def test_every_strategy_played_its_games(reports: list[dict[str, Any]]) -> None:
    names = [r["strategy"]["name"] for r in reports]
    assert names[:2] == ["random", "historical"] and "greedy" in names
    assert "tactician" in names
    assert reports[0]["games"] == RANDOM_GAMES
    assert all(r["games"] == GAMES for r in reports[1:])
    assert [t["id"] for t in balance_targets(reports)] == TARGETS


@pytest.mark.parametrize("target", TARGETS)
def test_target(reports: list[dict[str, Any]], target: str) -> None:
    found = next(t for t in balance_targets(reports) if t["id"] == target)
    assert found["holds"], f"{found['target']}: {found['figure']}"


def test_speaking_out_alone_wins_at_most_a_third(reports: list[dict[str, Any]]) -> None:
    assert victories(reports, "democrat") <= PURE_LINE_AT_MOST


@pytest.mark.parametrize("pure", ["democrat", "historical", "cautious"])
def test_the_mixed_line_does_better_than_a_pure_one(
    reports: list[dict[str, Any]], pure: str
) -> None:
    assert victories(reports, "tactician") > victories(reports, pure) + 0.05


@pytest.mark.parametrize("disciplined", ["historical", "cautious"])
def test_discipline_alone_does_not_win(reports: list[dict[str, Any]], disciplined: str) -> None:
    assert victories(reports, disciplined) <= 0.05
