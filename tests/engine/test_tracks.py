"""Tracks: diminishing steps, named levels and progress clocks, in play.

The mini campaign carries the worked example of the spine's core dilemma: the
Opposition's standing (named levels from full rights to arrested) and the
Control Commission's dossier (a clock of three segments that empties to 1).
Publishing the letter and arguing at the conference feed the dossier; keeping
the letter inside the Central Committee and staying silent do not.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newcourse.content import load_campaign
from newcourse.engine import Campaign, Game
from newcourse.engine.expressions import (
    NameKind,
    Namespace,
    Scope,
    compile_effects,
    describe_effects,
    parse_effects,
)
from newcourse.engine.expressions.diminishing import diminished
from newcourse.engine.tracks import level_of

from ..conftest import MINI

STANDING = ((0, "full rights"), (1, "censured"), (2, "removed from posts"), (3, "expelled"))


def values(game: Game, *names: str) -> dict[str, tuple[int, str]]:
    shown = {q.name: (q.value, q.level) for q in game.view().qualities}
    return {name: shown[name] for name in names}


# ---------------------------------------------------------------- the worked example


def test_speaking_out_fills_the_dossier_and_a_full_dossier_costs_a_level(mini: Campaign) -> None:
    game = Game.start(mini, seed=1).choose("publish")
    assert values(game, "dossier", "standing") == {
        "dossier": (2, "2 of 3"),
        "standing": (0, "full rights"),
    }
    game = game.choose("argue_democracy")  # the dossier fills
    assert values(game, "dossier", "standing") == {
        "dossier": (1, "1 of 3"),  # emptied to the stated 1, not to 0
        "standing": (1, "censured"),
    }
    view = game.view()
    assert view.announced == (
        "The Control Commission acts: censured",
        "Standing: full rights → censured",
    )
    assert view.last is not None and view.last.fills == ("The Control Commission acts: censured",)


def test_discipline_does_not_feed_the_dossier(mini: Campaign) -> None:
    game = Game.start(mini, seed=1).choose("keep_secret").choose("stay_silent")
    assert values(game, "dossier", "standing") == {
        "dossier": (0, "0 of 3"),
        "standing": (0, "full rights"),
    }
    assert game.view().announced == ()


def test_speaking_once_is_not_enough_to_fill_it(mini: Campaign) -> None:
    game = Game.start(mini, seed=1).choose("keep_secret").choose("argue_democracy")
    assert values(game, "dossier", "standing")["dossier"] == (1, "1 of 3")
    assert game.view().announced == ()


def test_the_ending_reads_the_standing(mini: Campaign) -> None:
    game = Game.start(mini, seed=1).choose("publish").choose("argue_democracy")
    while not game.over:
        game = game.choose(game.view().options[0].id)
    ending = game.view().ending
    assert ending is not None
    if ending.id == "interim":
        assert "The Control Commission censured the Opposition." in ending.summary


# ---------------------------------------------------------------- clocks filled by the world


def _campaign(tmp_path: Path, clock: str, rules: str) -> Campaign:
    folder = tmp_path / "campaign"
    shutil.copytree(MINI, folder)
    with (folder / "campaign.yaml").open("a") as file:
        file.write(clock)
    (folder / "world.yaml").write_text(rules)
    return load_campaign(folder)


_WATCH = """\
  watch:
    label: Surveillance
    segments: 2
    initial: 1
    shown: {shown}
    on_full: {{effects: "standing += 2", flag: purged, news: The GPU reports}}
"""
_RULES = "rules:\n  - id: watching\n    effects: 'watch += 1'\n"


def first_turn(campaign: Campaign) -> Game:
    """A game after its first turn, decided with discipline (nothing feeds a clock)."""
    game = Game.start(campaign, seed=1).choose("keep_secret").choose("stay_silent")
    while game.state.turn == 0:
        game = game.choose(game.view().options[0].id)
    return game


def test_a_clock_the_world_rules_fill_acts_at_the_turn_s_end(tmp_path: Path) -> None:
    game = first_turn(_campaign(tmp_path, _WATCH.format(shown="true"), _RULES))
    state = game.state
    assert "purged" in state.flags
    assert state.values["standing"] == 2 and state.values["watch"] == 0
    news = [item.text for item in game.view().news]
    assert "The GPU reports: removed from posts" in news
    assert "Standing: full rights → removed from posts" in news


def test_a_hidden_clock_acts_without_a_word(tmp_path: Path) -> None:
    game = first_turn(_campaign(tmp_path, _WATCH.format(shown="false"), _RULES))
    assert "purged" in game.state.flags
    news = [item.text for item in game.view().news]
    assert not any("GPU" in line for line in news)
    assert "Standing: full rights → removed from posts" in news  # standing itself is shown


# ---------------------------------------------------------------- levels


@pytest.mark.parametrize(
    ("value", "name"),
    [(0, "full rights"), (1, "censured"), (2, "removed from posts"), (9, "expelled")],
)
def test_a_value_is_in_the_last_level_it_reaches(value: int, name: str) -> None:
    assert level_of(STANDING, value) == name


def test_below_the_first_level_there_is_no_name() -> None:
    assert level_of(((20, "muffled"), (40, "heard")), 10) == ""
    assert level_of((), 10) == ""


# ---------------------------------------------------------------- diminishing steps

NAMES = Namespace({"q": NameKind.QUALITY, "d": NameKind.QUALITY})
RANGES = {"q": (0, 100), "d": (0, 6)}


def run(effect: str, q: int) -> int:
    scope = Scope({"q": q, "d": 0}, set(), {})
    compile_effects(parse_effects(effect), NAMES, RANGES)(scope)
    return scope.values["q"]


@pytest.mark.parametrize(
    ("effect", "before", "after"),
    [
        ("q +%= 10", 50, 55),  # half the room left: half the gain
        ("q +%= 10", 0, 10),  # all the room: the whole gain
        ("q +%= 10", 90, 91),  # 10% of the room is 1
        ("q +%= 10", 99, 100),  # still at least 1 while there is room
        ("q +%= 10", 100, 100),  # no room, no gain
        ("q -%= 10", 50, 45),
        ("q -%= 10", 1, 0),
        ("q -%= 10", 0, 0),
        ("q +%= -10", 50, 45),  # a negative amount steps the other way
        ("q +%= 500", 50, 100),  # never past the end
        ("q +%= 0", 50, 50),
        ("q +%= 10 + q / 10", 50, 58),  # the amount is an expression: 15 * 50 / 100 = 7.5 -> 8
        ("q +%= 5", 50, 52),  # 2.5 rounds half to even
    ],
)
def test_diminishing_steps(effect: str, before: int, after: int) -> None:
    assert run(effect, before) == after


@given(
    value=st.integers(0, 100),
    amount=st.floats(0, 1000, allow_nan=False),
    up=st.booleans(),
)
def test_a_diminishing_step_stays_in_range_and_moves_at_least_one(
    value: int, amount: float, up: bool
) -> None:
    after = diminished(value, amount, 0, 100, up)
    assert 0 <= after <= 100
    room = 100 - value if up else value
    moved = after - value if up else value - after
    assert 0 <= moved <= room
    if amount > 0 and room > 0:
        assert moved >= 1
    if amount <= 100:
        assert moved <= max(1, round(amount))  # never more than the plain step


def test_nan_changes_nothing() -> None:
    assert diminished(40, float("nan"), 0, 100, True) == 40


def test_effects_with_diminishing_steps_are_written_back_as_they_parse() -> None:
    text = "opposition +%= 10\ndemocracy -%= cadres / 2\nd += 1"
    assert describe_effects(parse_effects(text)) == text
    assert describe_effects(parse_effects("q +%= (a + b) * 2; q = 3")) == "q +%= (a + b) * 2\nq = 3"
