"""Premises and variants, follow-ups, expiry, arcs and since(), on a campaign made
for them (tests/campaigns/timing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newcourse.content import load_campaign
from newcourse.engine import Game
from newcourse.engine.expressions.compiling import NEVER
from newcourse.engine.model import Campaign

TIMING = Path(__file__).resolve().parent.parent / "campaigns" / "timing"


@pytest.fixture(scope="module")
def timing() -> Campaign:
    return load_campaign(TIMING)


def played(campaign: Campaign, *choices: str) -> Game:
    game = Game.start(campaign, seed=1)
    for choice in choices:
        game = game.choose(choice)
    return game


def test_a_follow_up_is_queued_the_turn_it_is_due_before_the_seasons_work(
    timing: Campaign,
) -> None:
    game = played(timing, "rise")
    assert game.state.follow_ups == ((1, "aftermath"),)
    game = game.choose("meet")  # the autumn's work; winter opens
    assert game.state.turn == 1
    assert game.state.queue == ("aftermath", "work")
    assert game.state.follow_ups == ()


def test_without_its_follow_up_an_undated_event_never_fires(timing: Campaign) -> None:
    game = played(timing, "wait", "meet")
    assert game.state.queue == ("work",)


def test_the_premise_that_fails_gives_way_to_the_variant(timing: Campaign) -> None:
    risen = played(timing, "rise", "meet", "learn", "meet")
    assert risen.state.current_event == "lessons_dresden"
    assert risen.view().event is not None
    assert risen.view().event.text == "Dresden has held for 2 seasons."
    quiet = played(timing, "wait", "meet", "meet")
    assert quiet.state.current_event == "lessons"
    # the original and its variant fire once between them
    assert {"lessons", "lessons_dresden"} <= risen.choose("write").state.fired


def test_an_expired_event_is_not_queued(timing: Campaign) -> None:
    game = played(timing, "wait", "meet", "meet", "write")
    assert game.state.turn == 3  # summer 1924 opens after the expiry day
    assert game.state.queue == ()


def test_an_arc_opens_with_its_first_event_and_closes_for_good(timing: Campaign) -> None:
    game = played(timing, "rise")
    assert game.state.arcs == ("german_october",)
    assert game.view().arcs == ("the German October",)
    game = game.choose("meet").choose("learn")
    assert game.state.arcs == ()
    assert game.state.arcs_closed == frozenset({"german_october"})
    assert game.view().arcs == ()


def test_an_option_can_close_its_events_arc(timing: Campaign) -> None:
    game = played(timing, "wait")
    assert game.state.arcs == ()
    assert game.state.arcs_closed == frozenset({"german_october"})


def test_since_counts_turns_from_the_last_setting_of_a_flag(timing: Campaign) -> None:
    game = played(timing, "rise")
    assert game.state.marks == {"rising": 0}
    never = played(timing, "wait")
    assert "rising" not in never.state.marks
    assert timing.turns < NEVER


def test_the_same_seed_and_decisions_give_the_same_state(timing: Campaign) -> None:
    first = played(timing, "rise", "meet", "learn")
    again = played(timing, "rise", "meet", "learn")
    assert first.state == again.state
