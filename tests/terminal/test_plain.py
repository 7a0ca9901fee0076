"""The plain player, driven end to end as a real subprocess, as a pipe or a screen reader would."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from newcourse.cli.errors import EXIT_ERROR, EXIT_USAGE
from newcourse.engine import Campaign, Game

from ..conftest import MINI


def newcourse(
    *args: str, stdin: str = "", data: Path | None = None, columns: int | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("COLUMNS", None)
    if columns is not None:
        env["COLUMNS"] = str(columns)
    if data is not None:
        env["NEWCOURSE_DATA_DIR"] = str(data)
    return subprocess.run(
        [sys.executable, "-m", "newcourse", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_a_whole_game_of_the_test_campaign(tmp_path: Path) -> None:
    moves = "\n".join(["codex", "2", "1", "status", "1", "1", "timeline", "1", "1", "1", "1", "1"])
    run = newcourse(
        "play", "--plain", "--seed", "3", "--campaign", str(MINI), stdin=moves, data=tmp_path
    )
    out = run.stdout
    assert run.returncode == 0, run.stderr
    assert "A SMALL TEST CAMPAIGN" in out
    assert "--- The letter (8 October 1923) ---" in out
    assert (
        "2. Publish it. [costs: Cadres 2] [chances: The members read it 57%, The copies are "
        "seized 43%]" in out.replace("\n     ", " ")
    )
    # the season's standing work also says what its options would do now
    assert "2. Agitate in the factories. [costs: Cadres 1; effects: Opposition support +4]" in out
    assert "*** The letter (8 October 1923) ***" in out and "Sources:\n- A test source\n" in out
    assert "Expected vote in The conference:" in out
    assert "Meanwhile: The letter is discussed in every cell." in out
    assert "Delegates: Left Opposition" in out
    assert "History: Keep it inside the Central Committee." in out.replace("\n  ", " ")
    assert "=== Winter 1924: turn 2 of 3 ===" in out
    assert "##### The year closes #####" in out
    assert "The game is over." in out
    assert "Traceback" not in out + run.stderr


def test_piped_input_falls_back_to_plain_mode_by_itself(tmp_path: Path) -> None:
    run = newcourse("play", "--seed", "3", "--campaign", str(MINI), stdin="q\n", data=tmp_path)
    assert run.returncode == 0
    assert "--- The letter" in run.stdout
    assert re.search(
        # the command wraps where the path to Python is long
        r"\nSaved\.\s+Continue\s+later\s+with:\s+\S*(newcourse|python\s+-m\s+newcourse)\s+play"
        r"\s+--continue\n",
        run.stdout,
    )


def test_bad_commands_and_options_get_a_new_prompt(tmp_path: Path) -> None:
    run = newcourse(
        "play",
        "--plain",
        "--seed",
        "1",
        "--campaign",
        str(MINI),
        stdin="9\nfly\nundo\n",
        data=tmp_path,
    )
    assert "There is no option 9; choose from 1 to 2." in run.stdout
    assert (
        'There is no option "fly"; choose from 1 to 2, or type "help" for the commands.'
        in run.stdout
    )
    assert "Not possible: there is nothing to undo yet." in run.stdout
    assert run.returncode == 0


def test_continue_resumes_the_autosave_and_undo_takes_back(tmp_path: Path) -> None:
    newcourse(
        "play", "--plain", "--seed", "3", "--campaign", str(MINI), stdin="1\n2\n", data=tmp_path
    )
    save = tmp_path / "saves" / "mini" / "autosave.json"
    assert len(json.loads(save.read_text())["decisions"]) == 2
    run = newcourse(
        "play", "--plain", "--continue", "--campaign", str(MINI), stdin="undo\nq\n", data=tmp_path
    )
    assert "--- A strike" in run.stdout
    assert "The last decision is taken back." in run.stdout
    assert len(json.loads(save.read_text())["decisions"]) == 1


def test_save_and_load_a_named_game(tmp_path: Path) -> None:
    newcourse(
        "play",
        "--plain",
        "--seed",
        "3",
        "--campaign",
        str(MINI),
        stdin="1\nsave before-vote\nq\n",
        data=tmp_path,
    )
    named = tmp_path / "saves" / "mini" / "before-vote.json"
    assert named.is_file()
    run = newcourse(
        "play", "--plain", "--load", str(named), "--campaign", str(MINI), stdin="q\n", data=tmp_path
    )
    assert "--- The conference" in run.stdout


def test_the_same_seed_and_moves_give_the_same_transcript(tmp_path: Path) -> None:
    args = ("play", "--plain", "--seed", "11", "--no-save", "--campaign", str(MINI))
    moves = "2\n1\n1\n1\n1\n1\n1\n"
    assert newcourse(*args, stdin=moves).stdout == newcourse(*args, stdin=moves).stdout


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (("play", "--continue"), "there is no saved game to continue yet", EXIT_ERROR),
        (("play", "--load", "missing.json"), "there is no save file at missing.json", EXIT_USAGE),
    ],
)
def test_nothing_to_resume_is_one_line(
    tmp_path: Path, args: tuple[str, ...], message: str, code: int
) -> None:
    run = newcourse(*args, "--campaign", str(MINI), data=tmp_path)
    assert run.returncode == code
    assert run.stderr.startswith(f"newcourse: {message}")
    assert len(run.stderr.strip().splitlines()) == 1


def test_a_damaged_save_is_refused_and_left_alone(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"format": "newcourse-save", "format_version": 1, "campa')
    run = newcourse("play", "--load", str(damaged), "--campaign", str(MINI), data=tmp_path)
    assert run.returncode == EXIT_ERROR
    assert "damaged or cut short" in run.stderr
    assert "Traceback" not in run.stderr
    assert damaged.read_text().endswith('"campa')


def test_a_save_of_another_campaign_is_refused(tmp_path: Path, mini_save_of_other: Path) -> None:
    run = newcourse(
        "play", "--load", str(mini_save_of_other), "--campaign", str(MINI), data=tmp_path
    )
    assert run.returncode == EXIT_ERROR
    assert "belongs to campaign 'left_opposition', not to 'mini'" in run.stderr


@pytest.fixture
def mini_save_of_other(tmp_path: Path) -> Path:
    newcourse("play", "--plain", "--seed", "1", "--campaign", str(MINI), stdin="1\n", data=tmp_path)
    path = tmp_path / "saves" / "mini" / "autosave.json"
    data = json.loads(path.read_text())
    data["campaign"]["id"] = "left_opposition"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data))
    return other


def test_a_broken_campaign_is_reported_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "campaign.yaml").write_text("id: Bad Id\ntitle: x\n")
    run = newcourse("play", "--campaign", str(tmp_path), data=tmp_path)
    assert run.returncode == 3  # a campaign with errors, not a bad command line
    assert "campaign.yaml:1: error: id: string should match pattern" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_new_game_sets_the_last_one_aside(tmp_path: Path) -> None:
    newcourse(
        "play", "--plain", "--seed", "3", "--campaign", str(MINI), stdin="1\n2\n", data=tmp_path
    )
    run = newcourse(
        "play", "--plain", "--seed", "4", "--campaign", str(MINI), stdin="q\n", data=tmp_path
    )
    said = re.search(
        r"Your last game is kept as (\S+); load it with:\s+\S.* --load (\S+)\n", run.stdout
    )
    assert said is not None and said[1] == said[2]
    kept = tmp_path / "saves" / "mini" / f"{said[1]}.json"
    assert len(json.loads(kept.read_text())["decisions"]) == 2
    autosave = json.loads((tmp_path / "saves" / "mini" / "autosave.json").read_text())
    assert (autosave["seed"], autosave["decisions"]) == (4, [])


# ------------------------------------------------------------ wrapping


def first_available_moves(campaign: Campaign, seed: int) -> list[str]:
    """The moves of a whole game that always takes the first option open."""
    game, moves = Game.start(campaign, seed), []
    while not game.over:
        option = next(o for o in game.view().options if o.available)
        moves.append(str(option.number))
        game = game.choose(option.id)
    return moves


LOOKING_BACK = ["status", "timeline", "codex", "news", "help", "1", "undo", "status"]


@pytest.fixture(scope="module")
def real_game_at_80(real: Campaign) -> tuple[str, str]:
    """The real campaign played to its end (and looked back on) piped at 80 and at any width."""
    moves = "\n".join([*first_available_moves(real, 3), *LOOKING_BACK]) + "\n"
    args = ("play", "--plain", "--seed", "3", "--no-save")
    piped = newcourse(*args, stdin=moves)
    unwrapped = newcourse(*args, stdin=moves, columns=100_000)
    assert piped.returncode == unwrapped.returncode == 0, piped.stderr + unwrapped.stderr
    return piped.stdout, unwrapped.stdout


def test_piped_output_is_wrapped_to_80_columns(real_game_at_80: tuple[str, str]) -> None:
    piped, unwrapped = real_game_at_80
    too_long = [line for line in piped.splitlines() if len(line) > 80]
    assert not too_long
    assert max(len(line) for line in unwrapped.splitlines()) > 200  # the same text, unwrapped


def test_wrapping_splits_no_word(real_game_at_80: tuple[str, str]) -> None:
    piped, unwrapped = real_game_at_80
    assert piped.split() == unwrapped.split()


def test_options_changes_and_status_hang_under_their_first_line(
    real_game_at_80: tuple[str, str],
) -> None:
    piped, _ = real_game_at_80
    assert (
        "  2. Let it travel — copies to the Moscow cells, the military academies and the\n"
        "     universities. [costs: Press 1]\n"
    ) in piped
    changes = re.search(r"\nChanges: .*\n(  .*\n)+", piped)
    assert changes is not None
    assert re.search(r"\nParty: .*\n  \S", piped)
    assert "Cadres 8 → 9 (+1)" in piped.replace("\n  ", " ")
    assert not re.search(r"→\n|\n\s*\(\+\d+\)", piped)  # a figure is never cut from its word


def test_the_width_follows_the_terminal(tmp_path: Path) -> None:
    run = newcourse(
        "play",
        "--plain",
        "--seed",
        "3",
        "--campaign",
        str(MINI),
        stdin="help\n",
        columns=40,
        data=tmp_path,
    )
    assert run.returncode == 0
    lines = run.stdout.splitlines()
    commands = [line for line in lines if line.startswith("  ") and " play" in line]
    assert commands, "the parting words name a command to continue"
    assert all(line.endswith("play --continue") for line in commands), "a command is kept whole"
    assert max(len(line) for line in lines if line not in commands) <= 40
    assert "  2. Publish it. [costs: Cadres 2]\n     [chances: The members" in run.stdout


# ------------------------------------------------------------ the ending


def test_at_the_ending_the_player_can_undo_look_back_and_leave(
    real_game_at_80: tuple[str, str], real: Campaign
) -> None:
    piped, _ = real_game_at_80
    ending = piped.index("\n##### ")
    after = piped[ending:]
    assert "The game is over. Type " in after
    assert "\n> status\nParty: " in after
    timeline = after[after.index("\n> timeline\n") :]
    assert (
        timeline.startswith("\n> timeline\n- ") and "8 October 1923, Trotsky's letter" in timeline
    )
    assert "\n> codex\nThere is no event now.\n" in after
    assert "\n> 1\nThere is no option 1: there is nothing to choose now.\n" in after
    # undo takes the last decision back, unless its outcome was drawn: then it stands
    game = Game.start(real, 3)
    while not game.over:
        game = game.choose(next(o for o in game.view().options if o.available).id)
    undone = "The last decision is taken back."
    if game.undo_refusal is not None:
        undone = f"Not possible: {game.undo_refusal}."
        assert 'Type "undo"' not in after.split("\n> ")[0], "undo is offered only if allowed"
    assert f"> undo {undone}" in " ".join(after.split())  # as wrapped at 80
    assert after.endswith("\n> \nInput ended.\nSaving was off; this game was not saved.\n")


def test_the_ending_offers_undo_only_where_the_game_allows_it(mini: Campaign) -> None:
    from newcourse.terminal.plain import ending_choices

    game = Game.start(mini, seed=1)
    assert not game.view().can_undo
    assert "undo" not in ending_choices(game.view())
    undoable = next(
        game.choose(o.id) for o in game.view().options if game.choose(o.id).view().can_undo
    )
    assert '"undo"' in ending_choices(undoable.view())
