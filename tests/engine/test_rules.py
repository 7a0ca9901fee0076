"""The turn rules, played on the small test campaign (tests/campaigns/mini)."""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newcourse.engine import Campaign, Game, Refusal, Vote
from newcourse.engine.expressions import Literal, Scope
from newcourse.engine.model import Weight
from newcourse.engine.rules import (
    MOST_WEIGHT,
    outcome_odds,
    scope_of,
    share_of,
    vote_tally,
    weight_of,
)
from newcourse.engine.state import Change, NewsItem, changes_between
from newcourse.engine.view import _MONTHS, _percentages


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
    state = game.state._replace(values={**game.state.values, **values})
    return Game(game.campaign, game.seed, (state,), ())


def test_unavailable_options_are_refused_with_their_reason(mini: Campaign) -> None:
    poor = with_values(Game.start(mini, seed=1), cadres=0)
    publish = poor.view().options[1]
    assert not publish.available
    assert publish.reason == "You need two cadres."
    with pytest.raises(Refusal, match="not available: You need two cadres"):
        poor.choose("publish")


def test_without_a_reason_from_the_writer_none_is_invented(mini: Campaign) -> None:
    game = Game.start(mini, seed=1)
    for option in ("keep_secret", "stay_silent", "ignore"):
        game = game.choose(option)
    game = with_values(game, cadres=0)
    agitate = next(o for o in game.view().options if o.id == "agitate")
    assert (agitate.available, agitate.reason) == (False, "")


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


def a_season_longer(campaign: Campaign) -> Campaign:
    """The campaign with one more season at its end, in which the recurring work goes on."""
    work = campaign.events["work"]
    longer_work = replace(work, window=(work.window[0], work.window[1].plus(1)))
    return replace(
        campaign, end=campaign.end.plus(1), events={**campaign.events, "work": longer_work}
    )


def test_a_rule_that_goes_on_applying_says_each_line_once_then_acts_silently(
    mini: Campaign,
) -> None:
    campaign = a_season_longer(mini)
    assert campaign.rules[0].news == ("The apparatus grows.", "The apparatus grows again.")
    game = Game.start(campaign, seed=1)
    pages: dict[str, list[str]] = {}
    apparatus: dict[str, int] = {}
    while not game.over:
        view = game.view()
        if view.opening:
            pages[view.date] = [item.text for item in view.news]
            apparatus[view.date] = game.state.values["apparatus"]
        quiet = [o for o in view.options if o.available and o.id != "argue_democracy"]
        game = game.choose(quiet[0].id)
    assert pages == {
        "Autumn 1923": [],
        "Winter 1924": ["The apparatus grows.", "Lenin is dead."],
        "Spring 1924": ["The apparatus grows again."],
        "Summer 1924": [],
    }
    assert game.state.values["democracy"] < 50, "the rule applied every season"
    assert apparatus["Winter 1924"] == 64  # +2 from the letter, +2 from the rule
    assert apparatus["Spring 1924"] == 66
    assert apparatus["Summer 1924"] == 68, "the rule still acts when it has nothing to say"
    assert game.state.streaks == {"drift": 4}


def test_a_rule_that_lapses_and_applies_again_says_its_first_line_again(mini: Campaign) -> None:
    game = with_values(Game.start(a_season_longer(mini), seed=1), democracy=55)
    for option in ("keep_secret", "stay_silent", "ignore", "recruit"):
        game = game.choose(option)
    assert game.view().date == "Winter 1924" and game.view().news == (NewsItem("Lenin is dead."),)
    game = with_values(game, democracy=30)
    while game.view().date == "Winter 1924":
        game = game.choose(game.view().options[0].id)
    assert [item.text for item in game.view().news] == ["The apparatus grows."]


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


# ---------------------------------------------------------------- votes: shown is decided


def constant(value: float) -> Weight:
    """A weight that is always ``value``, whatever the state."""
    return Weight(str(value), Literal(value), lambda scope: value)


def _vote(campaign: Campaign, delegates: int, swing: float) -> Vote:
    option = campaign.events["conference"].option("argue_democracy")
    assert option is not None and option.vote is not None
    return replace(option.vote, delegates=delegates, swing=constant(swing))


def test_a_tied_vote_fails(mini: Campaign) -> None:
    """Left 50.2% of 128 delegates is 64.3: shown as 64 for, 64 against, and so it fails."""
    scope = Scope({**mini_values(mini), "left": 502, "centre": 498, "uncommitted": 0}, set(), {})
    scope.values.update(apparatus=0)
    tally = vote_tally(mini, _vote(mini, 128, 0.5), scope)
    assert (tally.yes, tally.no, tally.passed) == (64, 64, False)


def mini_values(campaign: Campaign) -> dict[str, int]:
    return {
        **{q: v.initial for q, v in campaign.qualities.items()},
        **{f: v.initial for f, v in campaign.factions.items()},
    }


@settings(max_examples=300, deadline=None)
@given(
    shares=st.tuples(*(st.integers(0, 1000),) * 3),
    swing=st.one_of(st.floats(-1, 2), st.just(math.nan)),
    delegates=st.integers(1, 2000),
    packing=st.tuples(st.integers(0, 100), st.integers(0, 100)),
)
def test_the_motion_passes_exactly_when_more_whole_delegates_vote_for(
    mini: Campaign,
    shares: tuple[int, int, int],
    swing: float,
    delegates: int,
    packing: tuple[int, int],
) -> None:
    values = {
        **mini_values(mini),
        **dict(zip(("left", "centre", "uncommitted"), shares, strict=True)),
    }
    values.update(apparatus=packing[0], democracy=packing[1])
    tally = vote_tally(mini, _vote(mini, delegates, swing), Scope(values, set(), {}))
    assert tally.yes + tally.no == delegates
    assert tally.passed == (tally.yes > tally.no)


# ---------------------------------------------------------------- one measure for delegates


def test_faction_changes_are_shares_and_every_moved_share_is_listed(real: Campaign) -> None:
    game = Game.start(real, seed=3)
    while not any(c.percent for c in (game.state.last.changes if game.state.last else ())):
        game = game.choose(next(o.id for o in game.view().options if o.available))
    before = {f.name: round(f.share) for f in game.undo().view().factions}
    after = {f.name: round(f.share) for f in game.view().factions}
    assert game.state.last is not None
    listed = {c.name: (c.before, c.after) for c in game.state.last.changes if c.percent}
    assert listed == {n: (before[n], after[n]) for n in after if before[n] != after[n]}
    assert len(listed) >= 2, "one faction gaining moves another's share too"
    assert all(c.name not in real.factions for c in game.state.last.changes if not c.percent)
    moved = {c.name: (c.before, c.after) for c in game.view().moved if c.percent}
    assert moved == listed


def test_changes_between_measures_factions_by_share() -> None:
    before = {"q": 1, "a": 34, "b": 66}
    after = {"q": 1, "a": 39, "b": 66}
    assert changes_between(before, after, ("a", "b")) == (
        Change("a", 34, 37, percent=True),
        Change("b", 66, 63, percent=True),
    )


# ---------------------------------------------------------------- history and outcomes


def _with_option(campaign: Campaign, event_id: str, option_id: str, **changes: object) -> Campaign:
    event = campaign.events[event_id]
    options = tuple(replace(o, **changes) if o.id == option_id else o for o in event.options)  # type: ignore[arg-type]
    return replace(campaign, events={**campaign.events, event_id: replace(event, options=options)})


@pytest.mark.parametrize(("went", "as_history"), [("failed", True), ("passed", False)])
def test_a_historical_vote_matches_history_only_if_it_goes_as_it_went(
    mini: Campaign, went: str, as_history: bool
) -> None:
    campaign = _with_option(
        mini, "conference", "argue_democracy", historical=True, history_outcome=went
    )
    campaign = _with_option(campaign, "conference", "stay_silent", historical=False)
    game = Game.start(campaign, seed=1).choose("keep_secret").choose("argue_democracy")
    last = game.state.last
    assert last is not None and last.outcome_id == "failed"  # 31 for, 69 against
    assert last.as_history is as_history
    row = game.view().timeline[-1]
    assert row.as_history is as_history, "the timeline agrees with the text after the decision"
    if not as_history:
        assert last.history == "Argue for democracy. (The motion is carried)"


def test_a_historical_option_without_a_named_outcome_matches_whatever_comes(mini: Campaign) -> None:
    campaign = _with_option(mini, "conference", "argue_democracy", historical=True)
    game = Game.start(campaign, seed=1).choose("keep_secret").choose("argue_democracy")
    assert game.state.last is not None and game.state.last.as_history is True


def test_a_drawn_outcome_can_be_the_historical_one(mini: Campaign) -> None:
    campaign = _with_option(mini, "letter", "publish", historical=True, history_outcome="seized")
    campaign = _with_option(campaign, "letter", "keep_secret", historical=False)
    for seed in range(40):
        last = Game.start(campaign, seed=seed).choose("publish").state.last
        assert last is not None
        assert last.as_history is (last.outcome_id == "seized")


# ---------------------------------------------------------------- the timeline's order


def test_undated_events_stand_at_their_seasons_end_in_the_timeline(mini: Campaign) -> None:
    game = Game.start(mini, seed=1)
    for option in ("keep_secret", "stay_silent", "ignore", "recruit"):
        game = game.choose(option)
    dates = [row.date for row in game.view().timeline]
    assert [e.event_id for e in game.state.timeline][:2] == ["letter", "conference"]
    assert dates == [
        "8 October 1923",
        "1 December 1923",
        "End of autumn 1923",
        "End of autumn 1923",
    ]


def test_the_timeline_is_in_calendar_order_across_seasons(real: Campaign) -> None:
    months = {name: number for number, name in enumerate(_MONTHS, start=1)}
    seasons = {"winter": 3, "spring": 6, "summer": 9, "autumn": 12}

    def day_of(label: str) -> dt.date:
        words = label.split()
        if words[0] == "End":
            month = seasons[words[2]]
            return dt.date(int(words[3]), month, calendar.monthrange(int(words[3]), month)[1])
        return dt.date(int(words[2]), months[words[1]], int(words[0]))

    for seed in (3, 5, 8):
        game = Game.start(real, seed=seed)
        while not game.state.over:
            game = game.choose(next(o.id for o in game.view().options if o.available))
        days = [day_of(row.date) for row in game.view().timeline]
        assert days == sorted(days), f"seed {seed}: the timeline is out of calendar order"


# ---------------------------------------------------------------- weights beyond numbers


@pytest.mark.parametrize(
    ("weights", "percents"),
    [
        ((math.inf, 1.0), (100, 0)),
        ((math.nan, 1.0), (0, 100)),
        ((math.nan, math.nan), (50, 50)),
        ((math.inf, math.inf), (50, 50)),
        ((-math.inf, 3.0), (0, 100)),
    ],
)
def test_weights_beyond_numbers_give_odds_that_add_up(
    mini: Campaign, weights: tuple[float, float], percents: tuple[int, int]
) -> None:
    option = mini.events["letter"].option("publish")
    assert option is not None
    outcomes = tuple(
        replace(o, weight=constant(w)) for o, w in zip(option.outcomes, weights, strict=True)
    )
    odds = outcome_odds(replace(option, outcomes=outcomes), Scope({}, set(), {}))
    assert tuple(p.percent for p in _percentages(odds)) == percents
    assert weight_of(math.nan) == 0.0 and weight_of(math.inf) == MOST_WEIGHT
    assert share_of(math.nan) == 0.0 and share_of(math.inf) == 1.0
