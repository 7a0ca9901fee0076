"""The playtester on the small test campaign: seeded, parallel, counted, reported."""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from newcourse.cli import main
from newcourse.engine import Campaign, Game
from newcourse.engine.expressions import Scope, parse_expr
from newcourse.tools.names import namespace_of
from newcourse.tools.playtest import (
    StrategyError,
    StrategySpec,
    build_player,
    build_report,
    check_replay,
    read_replay,
    record_replay,
    run_games,
)
from newcourse.tools.playtest.distance import FLAG_COST, compile_distance
from newcourse.tools.playtest.replay import ReplayError
from newcourse.tools.playtest.stats import percentile, summarise, total_variation, wilson
from tests.conftest import MINI

GAMES = 120  # more than one chunk, so two jobs really share the work


def report(campaign: Campaign, spec: StrategySpec, games: int = GAMES, **kw: Any) -> dict[str, Any]:
    run = run_games(campaign, MINI, spec, games, seed=kw.pop("seed", 3), **kw)
    return build_report(campaign, spec, 3, run)


@pytest.fixture(scope="module")
def random_report(mini: Campaign) -> dict[str, Any]:
    return report(mini, StrategySpec("random"))


# ---------------------------------------------------------------- running


def test_the_same_seed_gives_the_same_report_whatever_the_jobs(mini: Campaign) -> None:
    one = report(mini, StrategySpec("random"), jobs=1)
    two = report(mini, StrategySpec("random"), jobs=2)
    assert json.dumps(one) == json.dumps(two)
    assert one != report(mini, StrategySpec("random"), jobs=1, seed=4)


def test_ending_frequencies_sum_to_the_games_played(random_report: dict[str, Any]) -> None:
    assert random_report["games"] == GAMES
    assert sum(row["count"] for row in random_report["endings"]) == GAMES
    assert sum(random_report["endings"][i]["share"] for i in range(2)) == pytest.approx(1.0)
    for row in random_report["endings"]:
        low, high = row["ci95"]
        assert low <= row["share"] <= high


def test_coverage_names_the_events_and_options_that_exist(
    mini: Campaign, random_report: dict[str, Any]
) -> None:
    events = random_report["coverage"]["events"]
    assert set(events["counts"]) == set(mini.events)
    assert set(events["never"]) <= set(mini.events)
    assert events["fired"] + len(events["never"]) == events["total"] == len(mini.events)
    options = random_report["coverage"]["options"]
    every = {f"{e.id}.{o.id}" for e in mini.events.values() for o in e.options}
    assert set(options["counts"]) == every
    assert set(options["never_chosen"]) <= every
    # random play tries everything this small campaign has
    assert events["never"] == [] and options["never_chosen"] == []
    assert (
        options["counts"]["letter.publish"]["offered"]
        >= options["counts"]["letter.publish"]["chosen"]
    )


def test_qualities_are_summarised_by_turn(mini: Campaign, random_report: dict[str, Any]) -> None:
    democracy = random_report["qualities"]["democracy"]
    first = democracy["by_turn"][0]
    assert first["date"] == "Autumn 1923" and first["games"] == GAMES
    assert first["min"] == first["p50"] == first["max"] == 30  # everyone starts at 30
    end = democracy["end"]
    assert end["min"] <= end["p5"] <= end["p50"] <= end["p95"] <= end["max"]
    assert set(random_report["qualities"]) == {*mini.qualities, *mini.factions}


def test_the_historical_strategy_picks_what_really_happened(mini: Campaign) -> None:
    counts = report(mini, StrategySpec("historical"), games=30)["coverage"]["options"]["counts"]
    assert counts["letter.keep_secret"]["chosen"] == 30
    assert counts["letter.publish"]["chosen"] == 0
    assert counts["conference.stay_silent"]["chosen"] == 30
    assert counts["conference.argue_democracy"]["chosen"] == 0
    # events without a historical option are played at random
    assert counts["strike.support"]["chosen"] > 0 and counts["strike.ignore"]["chosen"] > 0


def test_greedy_on_a_quality_raises_it_compared_with_random(
    mini: Campaign, random_report: dict[str, Any]
) -> None:
    greedy = report(mini, StrategySpec("greedy", "democracy"))
    mean = greedy["qualities"]["democracy"]["end"]["mean"]
    assert mean > random_report["qualities"]["democracy"]["end"]["mean"] + 1
    # publishing the letter is the one sure way up (expected +5 democracy)
    assert greedy["coverage"]["options"]["counts"]["letter.publish"]["chosen"] == GAMES


def test_greedy_takes_an_expression_and_a_campaign_strategy_works(mini: Campaign) -> None:
    low = report(mini, StrategySpec("greedy", "0 - opposition"), games=40)
    high = report(mini, StrategySpec("democrat"), games=40)
    assert (
        low["qualities"]["opposition"]["end"]["mean"]
        < high["qualities"]["opposition"]["end"]["mean"]
    )


def test_greedy_towards_an_ending_uses_its_condition(mini: Campaign) -> None:
    player = build_player(mini, StrategySpec("greedy", "ending:victory"))
    game = Game.start(mini, 1)
    event = mini.events["conference"]
    scope = Scope({**game.state.values, "democracy": 45}, set(), {"year": 1923})
    # arguing for democracy wins the vote at 45 (+20 democracy): closer to victory
    chosen = player.pick(game.state, event, event.options, scope, random.Random(1))
    assert chosen.id == "argue_democracy"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (StrategySpec("nope"), "there is no strategy 'nope'"),
        (StrategySpec("greedy"), "greedy needs --target"),
        (StrategySpec("greedy", "ending:nope"), "there is no ending 'nope'"),
        (StrategySpec("greedy", "democracyy"), "did you mean 'democracy'"),
    ],
)
def test_strategies_that_do_not_fit_are_refused(
    mini: Campaign, spec: StrategySpec, message: str
) -> None:
    with pytest.raises(StrategyError, match=message):
        build_player(mini, spec)


def test_ctrl_c_keeps_the_games_already_finished(mini: Campaign) -> None:
    played = 0

    def advance(count: int) -> None:
        nonlocal played
        played += count
        if played == 7:
            raise KeyboardInterrupt

    run = run_games(mini, MINI, StrategySpec("random"), 100, seed=1, advance=advance)
    assert run.interrupted and run.tally.games == 7
    assert build_report(mini, StrategySpec("random"), 1, run)["interrupted"] is True


def test_the_decisive_decisions_are_ranked(random_report: dict[str, Any]) -> None:
    rows = random_report["decisive"]
    assert [r["tvd"] for r in rows] == sorted((r["tvd"] for r in rows), reverse=True)
    for row in rows:
        assert 0 < row["tvd"] <= 1
        assert row["games_chose"] + row["games_not"] == GAMES


# ---------------------------------------------------------------- statistics


def test_wilson_interval() -> None:
    low, high = wilson(50, 100)
    assert low == pytest.approx(0.4038, abs=1e-4) and high == pytest.approx(0.5962, abs=1e-4)
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == pytest.approx(1.0)
    assert wilson(3, 0) == (0.0, 1.0)


def test_percentiles_of_a_histogram() -> None:
    counts = {value: 1 for value in range(1, 101)}
    assert [percentile(counts, p) for p in (5, 50, 95)] == [5, 50, 95]
    assert summarise({3: 2, 5: 2}) == {
        "games": 4, "min": 3, "p5": 3, "p50": 3, "p95": 5, "max": 5, "mean": 4.0,
    }  # fmt: skip


def test_total_variation() -> None:
    from collections import Counter

    assert total_variation(Counter(a=5), Counter(a=2)) == 0
    assert total_variation(Counter(a=5), Counter(b=2)) == 1
    assert total_variation(Counter(a=1, b=1), Counter(a=1)) == pytest.approx(0.5)


def test_the_distance_to_a_condition(mini: Campaign) -> None:
    names = namespace_of(mini)
    distance = compile_distance(parse_expr("democracy >= 60 and not purged"), names)
    assert distance(Scope({"democracy": 45}, set(), {})) == 15
    assert distance(Scope({"democracy": 70}, {"purged"}, {})) == FLAG_COST
    either = compile_distance(parse_expr("democracy >= 60 or published"), names)
    assert either(Scope({"democracy": 55}, set(), {})) == 5
    assert either(Scope({"democracy": 0}, {"published"}, {})) == 0


# ---------------------------------------------------------------- the command


def run_cli(*args: str) -> int:
    return main(["playtest", "--campaign", str(MINI), "--quiet", *args])


def test_the_json_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "report.json"
    assert run_cli("-n", "40", "--seed", "5", "--jobs", "1", "--json", str(path)) == 0
    data = json.loads(path.read_text())
    assert data["format"] == "newcourse-playtest" and data["format_version"] == 1
    assert data["campaign"] == {"id": "mini", "version": 1, "title": "A Small Test Campaign"}
    assert data["strategy"] == {"name": "random"} and data["seed"] == 5
    assert data["games"] == data["requested"] == 40 and data["interrupted"] is False
    assert {"endings", "coverage", "qualities", "decisive", "decisions"} <= set(data)
    assert set(data["endings"][0]) == {
        "id",
        "title",
        "kind",
        "count",
        "share",
        "ci95",
        "example_seed",
    }
    assert data["endings"][0]["kind"] == "victory"
    out = capsys.readouterr().out
    assert "Endings" in out and "interim" in out and "Coverage" in out


def test_the_html_and_markdown_reports(tmp_path: Path) -> None:
    html, markdown = tmp_path / "report.html", tmp_path / "report.md"
    assert run_cli("-n", "20", "--html", str(html), "--markdown", str(markdown)) == 0
    page = html.read_text()
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "interim" in page
    assert "http" not in page.split("<svg", 1)[0]  # nothing fetched from elsewhere
    text = markdown.read_text()
    assert "![Endings](report-endings.svg)" in text
    assert (tmp_path / "report-endings.svg").read_text().startswith("<svg")
    assert (tmp_path / "report-qualities.svg").exists()


def test_a_campaign_that_does_not_load_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["playtest", "--campaign", str(tmp_path / "nowhere"), "-n", "5"]) == 3
    err = capsys.readouterr().err
    assert "there is no campaign folder here" in err
    assert "newcourse playtest: the campaign has 1 error" in err


def test_a_bad_strategy_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli("--strategy", "greedy", "--target", "democracy +") == 2
    assert "is not a score" in capsys.readouterr().err


# ---------------------------------------------------------------- replays


def test_a_recorded_game_replays(mini: Campaign, tmp_path: Path) -> None:
    path = tmp_path / "game.json"
    assert run_cli("--record", str(path), "--seed", "11", "--strategy", "historical") == 0
    data = json.loads(path.read_text())
    assert data["format"] == "newcourse-replay" and data["seed"] == 11
    assert data["strategy"] == {"name": "historical"}
    assert data["expect"]["ending"] == "interim"
    assert check_replay(mini, read_replay(data)).ok
    assert run_cli("--replay", str(path)) == 0


def test_the_same_seed_and_strategy_record_the_same_game(mini: Campaign) -> None:
    spec = StrategySpec("random")
    assert record_replay(mini, spec, 4) == record_replay(mini, spec, 4)


def test_a_save_replays(mini: Campaign, tmp_path: Path) -> None:
    game = Game.start(mini, 9).choose("publish").choose("stay_silent")
    path = tmp_path / "save.json"
    path.write_text(json.dumps(game.to_data()))
    assert run_cli("--replay", str(path)) == 0


OLD_SAVE = Path(__file__).resolve().parents[1] / "engine" / "saves" / "mini-format-1.json"


def test_a_replay_names_its_dice_and_one_of_format_1_replays_with_the_first(
    mini: Campaign,
) -> None:
    assert record_replay(mini, StrategySpec("random"), 5)["dice"] == "splitmix"
    # a game played before the dice had names, as a replay file of format 1 would hold it
    recorded = json.loads(OLD_SAVE.read_text(encoding="utf-8"))
    old = {
        "format": "newcourse-replay",
        "format_version": 1,
        "campaign": {"id": "mini", "version": 1},
        "seed": recorded["save"]["seed"],
        "decisions": [*recorded["save"]["decisions"], *recorded["then"]],
        "expect": {"ending": recorded["snapshot"]["ending"], "snapshot": recorded["snapshot"]},
    }
    assert read_replay(old).generator == "mersenne"
    assert check_replay(mini, read_replay(old)).ok
    assert not check_replay(mini, read_replay({**old, "format_version": 2, "dice": "splitmix"})).ok
    assert check_replay(mini, read_replay(recorded["save"])).ok  # the old save itself
    with pytest.raises(ReplayError, match=r"replay's generator of chance \('dice'\) is None"):
        read_replay({**old, "format_version": 2})


def test_a_tampered_replay_is_reported(
    mini: Campaign, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = record_replay(mini, StrategySpec("random"), 2)
    data["expect"]["snapshot"]["values"]["democracy"] += 7
    data["expect"]["ending"] = "victory"
    path = tmp_path / "tampered.json"
    path.write_text(json.dumps(data))
    assert run_cli("--replay", str(path)) == 4  # apart from 1, a failure to read or write
    out = capsys.readouterr().out
    assert "DIFFERENT" in out
    assert "the ending is 'interim', the file expects 'victory'" in out
    assert "democracy is" in out and "the file expects" in out

    data = record_replay(mini, StrategySpec("random"), 2)
    data["decisions"][0][1] = "burn_it"
    check = check_replay(mini, read_replay(data))
    assert not check.ok and "no option 'burn_it'" in check.problems[0]


def test_update_records_a_replay_again(mini: Campaign, tmp_path: Path) -> None:
    data = record_replay(mini, StrategySpec("historical"), 6)
    wanted = json.dumps(data, indent=1) + "\n"
    data["expect"]["snapshot"]["values"]["democracy"] = 99
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data))
    assert run_cli("--replay", str(path), "--update") == 0
    assert path.read_text() == wanted


def test_a_file_that_is_not_a_replay_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nonsense.json"
    path.write_text('{"hello": 1}')
    assert run_cli("--replay", str(path)) == 1
    assert "not a replay file or a save" in capsys.readouterr().err


# ---------------------------------------------------------------- files and resources


def test_the_markdown_report_is_written_all_or_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_write = Path.write_text

    def full_disk_at_the_second_chart(path: Path, text: str, *args: Any, **kwargs: Any) -> int:
        if path.name.endswith("-qualities.svg"):
            raise OSError(28, "No space left on device", str(path))
        return real_write(path, text, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full_disk_at_the_second_chart)
    report = tmp_path / "report.md"
    assert run_cli("-n", "10", "--markdown", str(report), "--json", str(tmp_path / "r.json")) == 1
    err = capsys.readouterr().err
    assert "newcourse playtest: could not write the report" in err
    assert "No space left on device" in err and "Wrote" not in err
    assert list(tmp_path.iterdir()) == []  # neither the report, its first chart, nor the JSON


def test_a_report_into_a_folder_that_is_not_there_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "missing" / "report.md"
    assert run_cli("-n", "5", "--markdown", str(report)) == 1
    err = capsys.readouterr().err
    assert err.startswith("newcourse playtest: could not write the report")
    assert err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_jobs_are_capped_at_the_processors_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from newcourse.tools.playtest import command

    monkeypatch.setattr(command, "_cores", lambda: 2)
    assert command.worker_count(0) == 2 and command.worker_count(1) == 1
    capsys.readouterr()
    one, many = tmp_path / "one.json", tmp_path / "many.json"
    assert run_cli("-n", "120", "--jobs", "1", "--json", str(one)) == 0
    assert run_cli("-n", "120", "--jobs", "200", "--json", str(many)) == 0
    err = capsys.readouterr().err
    assert "newcourse playtest: note: using 2 workers, one for each processor here, not 200" in err
    assert json.loads(one.read_text())["endings"] == json.loads(many.read_text())["endings"]


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name != "posix", reason="POSIX")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_huge_run_streams_in_bounded_memory_until_interrupted(jobs: str) -> None:
    limit = 1024 * 2**20  # address space: the list of 10^10 games' work would not fit

    def capped() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    command = [sys.executable, "-m", "newcourse", "playtest", "--campaign", str(MINI)]
    process = subprocess.Popen(
        [*command, "-n", "10000000000", "--jobs", jobs],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        preexec_fn=capped,
    )
    time.sleep(6)
    assert process.poll() is None, process.communicate()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "Interrupted: the report covers the" in out and "of 10,000,000,000 games" in out
    assert "Traceback" not in err and "MemoryError" not in err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_time_limit_ends_a_huge_run_with_its_report(
    jobs: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "report.json"
    started = time.monotonic()
    args = ("-n", "10000000000", "--time-limit", "1", "--jobs", jobs, "--json", str(path))
    assert run_cli(*args) == 0
    assert time.monotonic() - started < 30
    data = json.loads(path.read_text())
    assert data["out_of_time"] is True and data["interrupted"] is True
    assert 0 < data["games"] < data["requested"] == 10_000_000_000
    assert "Stopped at the time limit: the report covers the" in capsys.readouterr().out


def test_a_time_limit_must_be_above_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli("--time-limit", "0") == 2
    assert "--time-limit must be a number of seconds above 0" in capsys.readouterr().err


def test_a_report_through_a_link_is_written_where_the_link_points(tmp_path: Path) -> None:
    target, link = tmp_path / "kept.json", tmp_path / "report.json"
    target.write_text("old")
    link.symlink_to(target)  # as /dev/stdout is: never replaced, written through
    assert run_cli("-n", "5", "--json", str(link)) == 0
    assert link.is_symlink() and json.loads(target.read_text())["games"] == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.json", "report.json"]
