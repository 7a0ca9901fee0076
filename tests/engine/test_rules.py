"""The turn rules, played on the small test campaign (tests/campaigns/mini)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newcourse.engine import Campaign, Game, Refusal
from newcourse.engine.rules import scope_of, vote_tally


def test_a_game_opens_on_the_first_dated_event(mini: Campaign) -> None:
    view = Game.start(mini, seed=1).view()
    assert view.date == "Autumn 1923"
    assert view.event is not None and view.event.title == "The letter"
    assert view.event.date == "8 October 1923"
    assert [o.text for o in view.options] == [
        "Keep it inside the Central Committee.",
        "Publish it.",
    ]


def test_dated_events_come_first_then_a_storylet_then_the_recurring_one(mini: Campaign) -> None:
    game = Game.start(mini, seed=1)
    assert game.state.queue == ("letter", "conference", "strike", "work")


def test_uncertain_outcomes_show_their_odds(mini: Campaign) -> None:
    view = Game.start(mini, seed=1).view()
    publish = view.options[1]
    # weights: 60 + opposition (20) = 80 against apparatus 60
    assert [(o.id, o.percent) for o in publish.odds] == [("read", 57), ("seized", 43)]


def test_the_outcome_drawn_follows_the_seed(mini: Campaign) -> None:
    outcomes = {
        Game.start(mini, seed).choose("publish").state.last.outcome_id  # type: ignore[union-attr]
        for seed in range(40)
    }
    assert outcomes == {"read", "seized"}


def with_values(game: Game, **values: int) -> Game:
    """The same game, with some values changed: a quick way to set up a situation."""
    state = replace(game.state, values={**game.state.values, **values})
    return Game(game.campaign, game.seed, (state,), ())


def test_unavailable_options_are_refused_with_their_reason(mini: Campaign) -> None:
    poor = with_values(Game.start(mini, seed=1), cadres=0)
    publish = poor.view().options[1]
    assert not publish.available
    assert publish.reason == "You need two cadres."
    with pytest.raises(Refusal, match="not available: You need two cadres"):
        poor.choose("publish")


def test_without_a_reason_the_condition_is_shown_in_words(mini: Campaign) -> None:
    game = Game.start(mini, seed=1)
    for option in ("keep_secret", "stay_silent", "ignore"):
        game = game.choose(option)
    game = with_values(game, cadres=0)
    agitate = next(o for o in game.view().options if o.id == "agitate")
    assert (agitate.available, agitate.reason) == (False, "needs Cadres >= 1")


def test_unknown_options_are_refused(mini: Campaign) -> None:
    with pytest.raises(Refusal, match="has no option 'fly'"):
        Game.start(mini, seed=1).choose("fly")
    with pytest.raises(Refusal, match="there is no option 7"):
        Game.start(mini, seed=1).choose(7)


def test_a_vote_is_computed_from_shares_swing_and_packing(mini: Campaign) -> None:
    game = Game.start(mini, seed=1).choose("keep_secret")
    option = mini.events["conference"].option("argue_democracy")
    assert option is not None and option.vote is not None
    tally = vote_tally(mini, option.vote, scope_of(mini, game.state))
    # left 20% for, centre 50% against, 30% free; apparatus 62 - democracy 30 packs 8 points;
    # the remaining 22 points split by swing (20 + 30) / 100 = 0.5 -> 11 for.
    assert (tally.yes, tally.no, tally.passed) == (31, 69, False)
    assert game.view().options[0].vote == tally
    after = game.choose("argue_democracy")
    assert after.state.last is not None and after.state.last.outcome_id == "failed"
    assert after.state.values["opposition"] == 15


def test_world_rules_run_at_the_turn_end_and_make_news(mini: Campaign) -> None:
    game = Game.start(mini, seed=1)
    for option in ("keep_secret", "stay_silent", "ignore", "recruit"):
        game = game.choose(option)
    view = game.view()
    assert view.date == "Winter 1924"
    assert [n.text for n in view.news] == ["The apparatus grows.", "Lenin is dead."]
    assert view.opening
    assert game.state.values["apparatus"] == 64  # +2 from the letter, +2 drift


def test_a_final_ending_stops_the_game_early(mini: Campaign) -> None:
    game = with_values(Game.start(mini, seed=1), democracy=60)
    game = game.choose("keep_secret")
    while not game.over and game.view().date == "Autumn 1923":
        game = game.choose(game.view().options[0].id)
    assert game.over
    assert game.view().ending is not None and game.view().ending.id == "victory"  # type: ignore[union-attr]


def test_the_campaign_end_gives_the_fallback_ending_with_its_summary(mini: Campaign) -> None:
    game = Game.start(mini, seed=2)
    while not game.over:
        game = game.choose(next(o.id for o in game.view().options if o.available))
    ending = game.view().ending
    assert ending is not None and ending.id == "interim"
    assert ending.summary == ("The letter stayed secret.",)
    with pytest.raises(Refusal, match="the game is over"):
        game.choose("anything")


def test_the_timeline_lays_choices_beside_history(mini: Campaign) -> None:
    game = Game.start(mini, seed=1).choose("publish").choose("stay_silent")
    first, second = game.view().timeline
    assert first.as_history is False and first.history == "Keep it inside the Central Committee."
    assert second.as_history is True
    left = game.undo().state.last
    assert left is not None and left.as_history is False
    assert left.history == "Keep it inside the Central Committee."
    assert game.state.last is not None and game.state.last.history == ""


def test_resolution_records_changes_and_flags(mini: Campaign) -> None:
    game = Game.start(mini, seed=0).choose("publish")
    last = game.state.last
    assert last is not None
    assert "published" in last.flags_set
    assert any(c.name == "cadres" and c.delta == -2 for c in last.changes)


def test_a_headline_comes_due_on_its_date_and_reads_the_state_then(mini: Campaign) -> None:
    """A headline dated between two set pieces appears after the first is decided,
    so it can depend on the decision and never spoils it."""
    game = Game.start(mini, seed=0)
    assert game.view().news == ()
    published = game.choose("publish").view()
    assert [n.text for n in published.bulletins] == ["The letter is discussed in every cell."]
    assert published.bulletins[0].codex == "letter"
    assert not published.opening
    assert published.news == (), "the front page stays the turn's own"
    kept = game.choose("keep_secret").view()
    assert kept.bulletins == ()
    assert Game.start(mini, seed=0).choose("publish").choose("stay_silent").view().bulletins == ()


def test_the_view_says_what_moved_with_the_last_decision(mini: Campaign) -> None:
    game = Game.start(mini, seed=1)
    assert game.view().moved == ()
    for option in ("keep_secret", "stay_silent", "ignore", "recruit"):
        game = game.choose(option)
    moved = {c.name: c.delta for c in game.view().moved}
    assert moved == {"cadres": 1, "apparatus": 2}, "the decision and the world rules at turn end"
    assert game.state.last is not None and game.state.last.chosen == "Recruit cadres."
