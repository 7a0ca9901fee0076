"""The first year's economy: the scissors, the grain, the goods famine and real wages move
one another by the world rules, and the Opposition's choices move them."""

from __future__ import annotations

import pytest

from newcourse.engine import Campaign, Game
from newcourse.engine.expressions import Scope
from newcourse.engine.rules import scope_of

ECONOMY = ("scissors", "peasants", "goods_famine", "workers")


def start_scope(campaign: Campaign, **values: int) -> Scope:
    """The opening state's scope, with some values set."""
    scope = scope_of(campaign, Game.start(campaign, 0).state)
    scope.values.update(values)
    return scope


def after_world(campaign: Campaign, **values: int) -> dict[str, int]:
    """The values after one season's world rules, from the opening state with ``values``."""
    scope = start_scope(campaign, **values)
    for rule in campaign.rules:
        if rule.when is None or rule.when.test(scope):
            rule.effects.apply(scope)
    return scope.values


def after_option(campaign: Campaign, event: str, option: str, **values: int) -> dict[str, int]:
    """The values after an option's own effects, from the opening state with ``values``."""
    chosen = campaign.events[event].option(option)
    assert chosen is not None and chosen.effects is not None, f"{event}.{option} is gone"
    scope = start_scope(campaign, **values)
    chosen.effects.apply(scope)
    return scope.values


# ------------------------------------------------------------ the tracks


def test_the_economy_shows_its_four_tracks_and_keeps_industry_behind_them(
    real: Campaign,
) -> None:
    shown = {q.name for q in real.qualities.values() if q.shown and q.group == "economy"}
    assert shown == set(ECONOMY)
    assert not real.qualities["industry"].shown


def test_the_scissors_open_at_their_widest_about_three_times_the_pre_war_ratio(
    real: Campaign,
) -> None:
    scissors = real.qualities["scissors"]
    assert 276 <= scissors.initial <= 330  # 276/89 to 290/89 of 1913, in per cent
    view = Game.start(real, 0).view()
    shown = {q.name: q for q in view.qualities}
    assert shown["scissors"].level == "widest"


# ------------------------------------------------------------ the links


def test_wide_scissors_keep_the_grain_in_the_villages(real: Campaign) -> None:
    wide = after_world(real, scissors=310, goods_famine=20)
    narrow = after_world(real, scissors=150, goods_famine=20)
    assert wide["peasants"] < 45 < narrow["peasants"]


def test_a_trust_that_cannot_sell_cuts_its_prices(real: Campaign) -> None:
    assert after_world(real, scissors=310)["scissors"] < 310
    assert after_world(real, scissors=140)["scissors"] == 140


def test_little_grain_makes_bread_dear_and_eats_the_wage(real: Campaign) -> None:
    hungry = after_world(real, peasants=25, scissors=240, workers=40)
    fed = after_world(real, peasants=55, scissors=150, goods_famine=20, workers=40)
    assert hungry["workers"] < 40 < fed["workers"]


def test_cheap_goods_and_a_lagging_industry_open_a_goods_famine(real: Campaign) -> None:
    lagging = after_world(real, scissors=150, industry=25, goods_famine=30)
    growing = after_world(real, scissors=150, industry=45, goods_famine=30)
    dear = after_world(real, scissors=300, industry=25, goods_famine=30)
    assert lagging["goods_famine"] > growing["goods_famine"]
    assert lagging["goods_famine"] > dear["goods_famine"] == 30


def test_with_nothing_to_buy_the_peasants_keep_their_grain(real: Campaign) -> None:
    famine = after_world(real, scissors=150, industry=30, goods_famine=60, peasants=45)
    stocked = after_world(real, scissors=150, industry=30, goods_famine=20, peasants=45)
    assert famine["peasants"] < 45 < stocked["peasants"]


def test_a_growing_industry_closes_the_scissors(real: Campaign) -> None:
    growing = after_world(real, scissors=200, industry=40)
    lagging = after_world(real, scissors=200, industry=30)
    assert growing["scissors"] < lagging["scissors"]


# ------------------------------------------------------------ policy


@pytest.mark.parametrize("option", ["planning", "market", "compromise"])
def test_the_autumn_remedies_narrow_the_scissors(option: str, real: Campaign) -> None:
    assert after_option(real, "scissors_crisis", option)["scissors"] < 310


def test_wages_first_keeps_the_scissors_open(real: Campaign) -> None:
    assert after_option(real, "scissors_crisis", "wages_first")["scissors"] > 310


def test_the_credit_squeeze_closes_fastest_and_costs_industry_and_wages_most(
    real: Campaign,
) -> None:
    event = real.events["price_cuts"]
    results = {o.id: after_option(real, "price_cuts", o.id, cadres=8) for o in event.options}
    squeeze = results.pop("credit_squeeze")
    for other in results.values():
        assert squeeze["scissors"] < other["scissors"]
        assert squeeze["industry"] < other["industry"]
        assert squeeze["workers"] < other["workers"]


def test_sound_money_raises_real_wages_whatever_the_opposition_says(real: Campaign) -> None:
    for option in real.events["currency_reform"].options:
        assert after_option(real, "currency_reform", option.id)["workers"] > 30, option.id


def test_grain_taken_by_force_comes_back_as_less_sowing(real: Campaign) -> None:
    forced = after_option(real, "harvest_1924", "force_the_grain")
    assert forced["peasants"] > 45
    scope = start_scope(real, **forced)
    scope.flags.add("emergency_measures")
    sowing = next(rule for rule in real.rules if rule.id == "sowing_falls")
    assert sowing.when is not None and sowing.when.test(scope)
    sowing.effects.apply(scope)
    assert scope.values["peasants"] < forced["peasants"]


# ------------------------------------------------------------ the arguments


def test_planning_argues_well_in_wide_scissors_and_a_goods_famine(real: Campaign) -> None:
    assert real.congress is not None
    fit = real.congress.arguments["planning"].fit

    def fit_at(**values: int) -> float:
        return float(fit.value(start_scope(real, **values)))

    crisis = fit_at(scissors=300, goods_famine=20, peasants=45)
    closed = fit_at(scissors=140, goods_famine=20, peasants=45)
    famine = fit_at(scissors=140, goods_famine=60, peasants=45)
    no_grain = fit_at(scissors=140, goods_famine=60, peasants=25)
    assert crisis > closed < famine
    assert no_grain < famine


# ------------------------------------------------------------ the year as it went


def historical_game(campaign: Campaign, seed: int, seasons: int = 4) -> Game:
    """Play what really happened where an event says, the first available option elsewhere,
    for the first ``seasons`` seasons (the first year: autumn 1923 to summer 1924)."""
    game = Game.start(campaign, seed)
    while not game.over and game.state.turn < seasons:
        event = campaign.events[game.state.queue[0]]
        scope = scope_of(campaign, game.state)
        available = [
            o
            for o in event.options
            if (o.visible is None or o.visible.test(scope))
            and (o.requires is None or o.requires.test(scope))
        ]
        chosen = next((o for o in available if o.historical), available[0])
        game = game.choose(chosen.id)
    return game


def test_in_the_year_as_it_went_the_scissors_close_and_real_wages_rise(real: Campaign) -> None:
    values = historical_game(real, 3).state.values
    assert values["scissors"] < 180, "by April 1924 the ratio was about 1.4 of pre-war"
    assert values["workers"] > 30
    assert values["goods_famine"] > 20
