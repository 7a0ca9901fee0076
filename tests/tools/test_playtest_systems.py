"""The playtest report measures the campaign's systems: clocks that fill, named levels
reached, people's status at the end, minorities reached, and the delegates of each
stage of the elections; in the JSON and in the report's tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newcourse.content import load_campaign
from newcourse.tools.playtest import StrategySpec, build_report, run_games
from newcourse.tools.playtest.sections import measure_sections

CAMPAIGNS = Path(__file__).resolve().parents[1] / "campaigns"
GAMES = 200


def systems(name: str, strategy: str = "random") -> tuple[dict[str, Any], dict[str, Any]]:
    folder = CAMPAIGNS / name
    campaign = load_campaign(folder)
    spec = StrategySpec(strategy)
    report = build_report(campaign, spec, 5, run_games(campaign, folder, spec, GAMES, seed=5))
    return report, report["measures"]["systems"]


def titles(report: dict[str, Any]) -> list[str]:
    return [section.title for section in measure_sections(report)]


def test_each_stage_of_the_elections_reports_the_oppositions_share() -> None:
    # the historical line never works the cells: 18% of support, 60% kept at each stage
    report, found = systems("congress", "historical")
    shares = [(e["stage"], e["games"], e["mean_share"]) for e in found["elections"]]
    assert shares == [
        ("cells", GAMES, pytest.approx(0.108, abs=1e-4)),
        ("districts", GAMES, pytest.approx(0.0648, abs=1e-4)),
        ("provinces", GAMES, pytest.approx(0.03888, abs=1e-4)),
    ]
    assert "Elections" in titles(report)
    assert "People at the end" not in titles(report)  # the campaign has no people


def test_a_minority_reached_is_counted_among_the_votes_lost() -> None:
    _, found = systems("lobbying")
    (motion,) = found["minorities"]
    assert (motion["event"], motion["option"], motion["at"]) == ("congress", "motion", 33)
    # lost after waiting, denouncing or calling on Zinoviev; only the last reaches a third
    assert 0 < motion["reached"] < motion["lost"]
    assert 0.2 < motion["share"] < 0.5
    _, historical = systems("lobbying", "historical")
    assert historical["minorities"][0]["lost"] == 0  # history keeps silent


def test_people_at_the_end_count_the_capitulations() -> None:
    report, found = systems("people")
    at_end = {p["id"]: p["at_end"] for p in found["people"]}
    assert at_end["stalin"] == {"active": GAMES}
    capitulated = sum(statuses.get("capitulated", 0) for statuses in at_end.values())
    assert capitulated > 0
    assert found["capitulations_per_game"] == pytest.approx(capitulated / GAMES)
    assert all(sum(statuses.values()) == GAMES for statuses in at_end.values())
    assert "People at the end" in titles(report)


def test_a_clock_fills_in_the_games_that_reach_the_level_its_fill_brings() -> None:
    # the mini campaign's dossier, when full, censures the Opposition
    report, found = systems("mini")
    (dossier,) = found["clocks"]
    levels = {lv["level"]: lv for lv in found["levels"] if lv["quality"] == "standing"}
    assert dossier["filled"]["count"] > 0
    assert dossier["filled"]["count"] == levels["censured"]["reached"]["count"]
    assert levels["full rights"]["reached"]["count"] == GAMES
    ends = sum(lv["at_end"]["count"] for lv in levels.values())
    assert ends == GAMES  # every game ends at one level
    assert "Clocks and levels" in titles(report)
