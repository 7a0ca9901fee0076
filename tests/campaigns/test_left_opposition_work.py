"""The season's work in the real campaign: five fronts, costs shown, returns that
diminish on one front, and an income that grows with support (docs/spine.md,
"The season's work: initiatives")."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from newcourse.engine import Game
from newcourse.engine.model import Campaign, Option
from newcourse.engine.preview import option_preview
from newcourse.engine.rules import scope_of
from newcourse.engine.state import GameState
from newcourse.tools.playtest.runner import Watcher, game_seed, play
from newcourse.tools.playtest.strategies import StrategySpec, build_player

WORK = "opposition_work"
FRONTS = {
    "organise_delegates": "cells",
    "factories": "factories",
    "documents": "press",
    "army": "army",
    "international": "abroad",
}


def at_work(campaign: Campaign, seed: int = 3) -> Game:
    game = Game.start(campaign, seed)
    while game.state.current_event != WORK:
        game = game.choose(next(o.id for o in game.view().options if o.available))
    return game


def work_option(campaign: Campaign, option_id: str) -> Option:
    option = campaign.events[WORK].option(option_id)
    assert option is not None
    return option


def test_five_fronts_and_a_rest_each_say_what_they_cost(real: Campaign) -> None:
    view = at_work(real).view()
    assert [o.id for o in view.options] == [*FRONTS, "rest_and_recruit"]
    for seen in view.options:
        if seen.id in FRONTS:
            assert seen.costs, f"{seen.id} spends cadres or press and says so"
        assert seen.effects, f"{seen.id} says what it would do"
    rest = next(o for o in view.options if o.id == "rest_and_recruit")
    assert {a.name for a in rest.effects} >= {"cadres", "press"}


@pytest.mark.parametrize(
    ("option_id", "quality"),
    [("factories", "councils"), ("documents", "opposition"), ("international", "germany")],
)
def test_a_front_worked_again_gives_less(real: Campaign, option_id: str, quality: str) -> None:
    game = at_work(real)
    option = work_option(real, option_id)
    gains = []
    for fatigue in range(5):
        scope = scope_of(real, game.state)
        scope.values[f"{FRONTS[option_id]}_fatigue"] = fatigue
        _, effects = option_preview(real, option, scope, recurring=True)
        gains.append(next((a.amount for a in effects if a.name == quality), 0))
    assert gains == sorted(gains, reverse=True), gains
    assert gains[0] >= 2 * max(1, gains[3]), f"{quality}: {gains}"
    assert gains[4] == 0, "a front worn out gives nothing"


def test_a_front_left_alone_for_a_season_recovers(real: Campaign) -> None:
    game = at_work(real).choose("factories")
    assert game.state.values["factories_fatigue"] == 1, "worked: 2, less the season's 1"
    while game.state.current_event != WORK:
        game = game.choose(next(o.id for o in game.view().options if o.available))
    game = game.choose("documents")
    assert game.state.values["factories_fatigue"] == 0
    assert game.state.values["press_fatigue"] == 1


def test_income_grows_with_support(real: Campaign) -> None:
    rule = next(r for r in real.rules if r.id == "season_income")
    state = Game.start(real, 0).state
    income = []
    for support in (10, 30, 60):
        scope = scope_of(real, state)
        scope.values.update(
            cadres=0, press=0, opposition=support, moscow_support=support,
            universities_support=support,
        )  # fmt: skip
        rule.effects.apply(scope)
        income.append((scope.values["cadres"], scope.values["press"]))
    assert income == sorted(income) and income[0] < income[-1], income
    assert income[-1] >= (3, 2)


class OnlyRest(Watcher):
    """Counts the seasons' work and those in which resting was all the group could do."""

    def __init__(self) -> None:
        self.work = 0
        self.forced = 0

    def offered(self, event_id: str, option_ids: Sequence[str]) -> None:
        if event_id == WORK:
            self.work += 1
            self.forced += list(option_ids) == ["rest_and_recruit"]

    def decided(self, state: GameState) -> None:
        pass


@pytest.mark.parametrize(("strategy", "games"), [("random", 150), ("democrat", 60)])
def test_the_group_never_runs_dry_into_resting(real: Campaign, strategy: str, games: int) -> None:
    watcher = OnlyRest()
    player = build_player(real, StrategySpec(strategy))
    for index in range(games):
        play(real, player, game_seed(0, index), watcher)
    assert watcher.work >= 3 * games
    assert watcher.forced <= watcher.work // 100, f"{watcher.forced} of {watcher.work}"
