"""People, named levels, clocks and what a decision sets in motion, as both players show
them: the people campaign (tests/campaigns/people) and the mini campaign's standing and
dossier."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newcourse.content import load_campaign
from newcourse.engine import Campaign, Game
from newcourse.session import Session
from newcourse.terminal.app import NewCourseApp
from newcourse.terminal.panels import ResultPanel
from newcourse.terminal.plain import PlainPlayer
from newcourse.terminal.screens import EndingScreen, NoteScreen
from newcourse.terminal.sidebar import MeterRow
from newcourse.terminal.words import (
    announced_lines,
    people_changes,
    person_line,
    quality_words,
    status_lines,
)

from .test_app import flat, record_notes, screen_text, settle

PEOPLE = Path(__file__).resolve().parent.parent / "campaigns" / "people"


@pytest.fixture(scope="module")
def people() -> Campaign:
    return load_campaign(PEOPLE)


def play(campaign: Campaign, typed: str, seed: int = 1) -> str:
    stdout = io.StringIO()
    PlainPlayer(Session.new(campaign, seed, None), io.StringIO(typed), stdout).run()
    return stdout.getvalue()


def censured(mini: Campaign) -> Game:
    """The mini campaign after the letter is published (dossier 2 of 3) and the
    conference votes (one more: the dossier fills, the Opposition is censured)."""
    return Game.start(mini, 3).choose("publish").choose("argue_democracy")


# ------------------------------------------------------------ the words


def test_a_person_is_listed_with_posts_camp_and_trust(people: Campaign) -> None:
    stalin, radek = Game.start(people, 1).view().people[:2]
    assert person_line(stalin) == "Stalin: General Secretary, Politburo; The majority; trust -3."
    assert person_line(radek) == "Karl Radek: The Opposition; trust +2."


def test_a_status_other_than_active_comes_first(people: Campaign) -> None:
    radek = Game.start(people, 1).choose("expel").view().people[1]
    assert person_line(radek) == "Karl Radek: capitulated; The majority; trust 0."


def test_the_status_lists_the_people_the_player_knows(people: Campaign) -> None:
    lines = status_lines(Game.start(people, 1).view())
    assert lines[-5:] == [
        "People:",
        "- Stalin: General Secretary, Politburo; The majority; trust -3.",
        "- Karl Radek: The Opposition; trust +2.",
        "- Evgeny Preobrazhensky: The Opposition; trust +3.",
        "- Grigory Zinoviev: Politburo; The majority; trust -2.",
    ]
    assert "An agent" not in "\n".join(lines)  # a hidden person stays hidden


def test_how_a_decision_changed_people(people: Campaign) -> None:
    game = Game.start(people, 1)
    removed = game.choose("remove")
    assert people_changes(game.view().people, removed.view().people) == [
        "Stalin: no longer General Secretary, Politburo.",
        "Grigory Zinoviev: now General Secretary; camp Between (was The majority).",
    ]
    expelled = game.choose("expel")
    assert people_changes(game.view().people, expelled.view().people) == [
        "Karl Radek: capitulated (was active); camp The majority (was The Opposition); "
        "trust +2 → 0."
    ]
    assert people_changes(game.view().people, game.view().people) == []


def test_levels_and_clocks_are_said_beside_the_number(mini: Campaign) -> None:
    view = censured(mini).view()
    said = {q.name: quality_words(q) for q in view.qualities}
    assert said["standing"] == "Standing 1 (censured)"
    assert said["dossier"] == "Dossier 1 of 3"
    assert said["cadres"] == "Cadres 1"
    assert "Standing 1 (censured), Dossier 1 of 3" in status_lines(view)[0]


def test_what_the_decision_set_in_motion_is_announced(mini: Campaign) -> None:
    assert announced_lines(censured(mini).view()) == [
        "The Control Commission acts: censured.",
        "Standing: full rights → censured.",
    ]
    assert announced_lines(Game.start(mini, 3).choose("publish").view()) == []


# ------------------------------------------------------------ the plain player


def test_plain_status_lists_people_and_the_result_says_who_changed(people: Campaign) -> None:
    out = play(people, "status\n3\n")
    assert "People:\n- Stalin: General Secretary, Politburo; The majority; trust -3.\n" in out
    after = out.split("> 3\n", 1)[1]
    assert after.startswith(
        "\nStalin: no longer General Secretary, Politburo.\n"
        "Grigory Zinoviev: now General Secretary; camp Between (was The majority).\n"
    )


def test_plain_result_announces_the_clock_and_the_level(mini: Campaign) -> None:
    out = play(mini, "2\n1\nstatus\n", seed=3)
    result = out.split("> 1\n", 1)[1]
    assert "The Control Commission acts: censured.\nStanding: full rights → censured.\n" in result
    assert "Standing 1 (censured), Dossier 1 of 3." in flat(result)


# ------------------------------------------------------------ the full-screen player


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_sidebar_shows_people_with_trust_and_camp(
    people: Campaign, size: tuple[int, int]
) -> None:
    app = NewCourseApp(Session.new(people, 1, None))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        rows = {row.label: row.render().plain for row in app.screen.query(MeterRow)}
        assert rows["Stalin"].split("\n")[0].endswith("-3")
        assert rows["Stalin"].split("\n")[1].strip() == "The majority"
        assert rows["Karl Radek"].split("\n")[0].endswith("+2")
        assert "An agent" not in rows
        assert "People (trust)" in screen_text(app)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, NoteScreen)
        assert "Grigory Zinoviev: Politburo; The majority; trust -2." in flat(screen_text(app))


@pytest.mark.asyncio
async def test_the_result_says_who_changed_and_the_sidebar_follows(people: Campaign) -> None:
    app = NewCourseApp(Session.new(people, 1, None))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        shown = flat(screen_text(app))
        assert "Grigory Zinoviev: now General Secretary; camp Between (was The majority)." in shown
        rows = {row.label: row.render().plain for row in app.screen.query(MeterRow)}
        assert rows["Grigory Zinoviev"].split("\n")[1].strip() == "Between"
        await pilot.press("u")
        await settle(pilot)
        assert "now General Secretary" not in flat(screen_text(app))  # an undo says nothing


@pytest.mark.asyncio
async def test_a_capitulation_at_the_end_is_shown_on_the_ending(people: Campaign) -> None:
    app = NewCourseApp(Session.new(people, 1, None))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, EndingScreen)
        shown = flat(screen_text(app))
        assert "Karl Radek: capitulated (was active)" in shown
        rows = {row.label: row.render().plain for row in app.screen.query(MeterRow)}
        assert rows["Karl Radek"].split("\n")[1].strip() == "The majority, capitulated"


@pytest.mark.asyncio
async def test_the_dossier_fills_and_the_standing_level_is_shown(mini: Campaign) -> None:
    app = NewCourseApp(Session.new(mini, 3, None))
    notes = record_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        rows = {row.label: row.render().plain for row in app.screen.query(MeterRow)}
        assert rows["Dossier"].endswith("0 of 3")
        assert rows["Standing"].split("\n")[1].strip() == "full rights"
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        rows = {row.label: row.render().plain for row in app.screen.query(MeterRow)}
        assert rows["Dossier"].endswith("1 of 3 -1")
        assert rows["Standing"].split("\n")[1].strip() == "censured"
        result = app.screen.query_one(ResultPanel)
        text = "\n".join(str(w.render()) for w in result.query(".result-announced"))
        assert "The Control Commission acts: censured." in text
        assert "The Control Commission acts: censured." in notes
