"""The playtester's balance measures, on the mini campaign and copies of it with planted
dead systems: tracks that never move, a rule that never applies, a flag nobody sees,
ideas put into practice, and the balance run over every strategy."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from newcourse.cli import main
from newcourse.content import load_campaign
from newcourse.engine import Campaign
from newcourse.tools.analysis.seen import flags_the_player_sees
from newcourse.tools.playtest import StrategySpec, build_report, run_games
from newcourse.tools.playtest.balance import balance_specs, balance_targets, run_balance
from tests.conftest import MINI


def measures(campaign: Campaign, folder: Path = MINI, games: int = 200) -> dict[str, Any]:
    run = run_games(campaign, folder, StrategySpec("random"), games, seed=11)
    report: dict[str, Any] = build_report(campaign, StrategySpec("random"), 11, run)
    return report["measures"]


def mini_with(tmp_path: Path, **replace: tuple[str, str]) -> tuple[Campaign, Path]:
    """A copy of the mini campaign with text replaced in its files (file=(old, new))."""
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    for name, (old, new) in replace.items():
        path = folder / name.replace("__", "/").replace("_yaml", ".yaml")
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_campaign(folder), folder


def by(rows: list[dict[str, Any]], key: str, value: str) -> dict[str, Any]:
    return next(row for row in rows if row[key] == value)


def test_a_track_that_drifts_moves_and_one_nothing_raises_is_dead(mini: Campaign) -> None:
    tracks = measures(mini)["tracks"]
    apparatus = by(tracks, "name", "apparatus")  # the drift rule adds 2 a season from 60
    assert apparatus["moved"]["share"] == 1.0 and not apparatus["dead"]
    centre = by(tracks, "name", "centre")  # no effect moves a faction in the mini campaign
    assert centre["kind"] == "faction" and centre["start"] == 50
    assert centre["moved"]["count"] == 0 and centre["dead"]
    assert "secret" not in {t["name"] for t in tracks}  # hidden qualities are not tracks


def test_a_track_of_a_few_steps_has_moved_once_it_moves_at_all(mini: Campaign) -> None:
    tracks = measures(mini)["tracks"]
    standing = by(tracks, "name", "standing")  # 0 to 5; a full dossier censures
    assert standing["moved"]["count"] > 0


def test_a_rule_that_never_applies_is_dead(tmp_path: Path) -> None:
    never = '  - id: never\n    when: "democracy > 99"\n    effects: "apparatus -= 1"\n'
    campaign, folder = mini_with(tmp_path, world_yaml=("rules:\n", "rules:\n" + never))
    rules = measures(campaign, folder)["rules"]
    assert by(rules, "id", "drift")["applied"]["share"] == 1.0
    assert by(rules, "id", "drift")["dead"] is False
    assert by(rules, "id", "never")["applied"]["count"] == 0 and by(rules, "id", "never")["dead"]


def test_a_flag_set_but_read_by_nothing_the_player_sees_is_dead(tmp_path: Path) -> None:
    campaign, folder = mini_with(
        tmp_path,
        campaign_yaml=("flags:\n", "flags:\n  whispered:\n    description: Nobody hears.\n"),
        events__storylets_yaml=(
            'effects: "opposition += 3"',
            'effects: "opposition += 3; whispered = true"',
        ),
    )
    assert "whispered" not in flags_the_player_sees(campaign)
    assert {"published", "purged"} <= flags_the_player_sees(campaign)
    flags = measures(campaign, folder)["flags"]
    whispered = by(flags, "name", "whispered")
    assert whispered["set"]["count"] > 0 and not whispered["seen"] and whispered["dead"]
    published = by(flags, "name", "published")
    assert published["set"]["count"] > 0 and published["seen"] and not published["dead"]


def test_an_idea_is_counted_when_used_with_what_it_changes(mini: Campaign) -> None:
    ideas = measures(mini)["ideas"]
    councils = by(ideas, "idea", "councils")  # "agitate": cadres -= 1; opposition += 4
    assert councils["in_content"] and 0 < councils["games"]["share"] < 1
    assert councils["uses_per_game"] >= councils["games"]["share"]
    assert councils["change"]["opposition"] > 0 and councils["change"]["cadres"] < 0
    recall = by(ideas, "idea", "recall")
    assert not recall["in_content"] and recall["games"]["count"] == 0 and recall["change"] == {}


def test_an_outcome_s_idea_counts_only_when_that_outcome_is_drawn(tmp_path: Path) -> None:
    campaign, folder = mini_with(
        tmp_path,
        events__autumn_yaml=(
            "            label: The copies are seized\n",
            "            label: The copies are seized\n            idea: transparency\n",
        ),
    )
    data = measures(campaign, folder)
    purged = by(data["flags"], "name", "purged")["set"]["count"]  # set only by "seized"
    transparency = by(data["ideas"], "idea", "transparency")
    assert transparency["games"]["count"] == purged > 0


def test_the_ending_kinds_and_the_historical_choices(mini: Campaign) -> None:
    data = measures(mini)
    kinds = data["kinds"]
    assert set(kinds) == {"victory", "defeat", "historical", "interim"}
    assert kinds["victory"]["count"] + kinds["interim"]["count"] == 200
    history = data["history"]  # the letter and the conference have a historical option
    assert history["decisions"] == 400 and 0 < history["historical"] < 400


def test_the_balance_run_plays_every_strategy_and_checks_the_targets(mini: Campaign) -> None:
    specs = balance_specs(mini)
    assert [str(s) for s in specs] == [
        "random",
        "historical",
        "democrat",
        "greedy → democracy",
        "greedy → apparatus",
        "greedy → opposition",
        "greedy → cadres",
        "greedy → standing",
        "greedy → dossier",
    ]
    data = run_balance(mini, MINI, 60, seed=2, jobs=1)
    assert [r["games"] for r in data["strategies"]] == [60] * len(specs)
    targets = {t["id"]: t for t in data["targets"]}
    assert targets["historical_close_to_history"]["holds"] is False  # mini has no such ending
    assert targets["random_tracks_move"]["holds"] is False
    assert "centre" in targets["random_tracks_move"]["figure"]
    greedy = [r for r in data["strategies"] if r["strategy"]["name"] == "greedy"]
    dominant = [r for r in greedy if r["measures"]["kinds"]["victory"]["share"] > 0.35]
    assert targets["no_dominant_quality"]["holds"] is (not dominant)


def test_a_dominant_greedy_strategy_is_named_in_the_targets() -> None:
    def greedy(target: str, victory: float) -> dict[str, Any]:
        kinds = {"victory": {"share": victory}}
        endings = [{"id": "won", "count": 1}]
        return {
            "strategy": {"name": "greedy", "target": target},
            "measures": {"kinds": kinds},
            "endings": endings,
        }

    targets = balance_targets([greedy("democracy", 0.2), greedy("opposition", 0.9)])
    assert targets[1:] == [
        {
            "id": "no_dominant_quality",
            "target": "no greedy strategy on one shown quality reaches a victory in more than "
            "35% of its games",
            "holds": False,
            "figure": "opposition 90.0%",
        }
    ]
    assert balance_targets([greedy("democracy", 0.35)])[1]["holds"] is True


def test_an_ending_no_strategy_reaches_is_named_in_the_targets() -> None:
    def played(name: str, counts: dict[str, int]) -> dict[str, Any]:
        endings = [{"id": ending, "count": count} for ending, count in counts.items()]
        return {"strategy": {"name": name}, "endings": endings}

    reports = [
        played("democrat", {"won": 3, "lost": 7, "rare": 0, "never": 0}),
        played("cautious", {"won": 0, "lost": 9, "rare": 1, "never": 0}),
    ]
    [target] = balance_targets(reports)
    assert target["id"] == "every_ending_reached"
    assert target["holds"] is False and target["figure"] == "never"
    reports[1]["endings"][3]["count"] = 1
    assert balance_targets(reports)[0] == {
        "id": "every_ending_reached",
        "target": "every ending is reached in some game of some strategy",
        "holds": True,
        "figure": "all 4 reached",
    }


def test_the_balance_command_writes_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [tmp_path / name for name in ("b.json", "b.md", "b.html")]
    args = ["playtest", "--campaign", str(MINI), "--balance", "-n", "30", "--jobs", "1"]
    assert (
        main([*args, "--json", str(files[0]), "--markdown", str(files[1]), "--html", str(files[2])])
        == 0
    )
    data = json.loads(files[0].read_text())
    assert data["format"] == "newcourse-balance" and data["games_per_strategy"] == 30
    for text in (capsys.readouterr().out, files[1].read_text(), files[2].read_text()):
        assert "Targets" in text and "Dominance" in text and "The ideas" in text
        assert "DEAD" in text
    assert (
        "greedy → opposition" in files[1].read_text()
        and "greedy → opposition" in files[2].read_text()
    )
