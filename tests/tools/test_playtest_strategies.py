"""Scoring players forecast a congress-cycle vote as the game counts it: the delegate
elections held so far, the argument put, and what a large enough minority wins."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

from newcourse.content import load_campaign
from newcourse.engine import rules
from newcourse.engine.expressions import Scope
from newcourse.engine.model import Campaign
from newcourse.engine.state import GameState
from newcourse.tools.playtest.runner import play
from newcourse.tools.playtest.strategies import ScoringPlayer, expected_score

CONGRESS = Path(__file__).resolve().parents[1] / "campaigns" / "congress"


def published(scope: Scope) -> float:
    return 1.0 if "published" in scope.flags else 0.0


def at_congress(campaign: Campaign, picks: dict[str, str]) -> GameState:
    """The game up to the congress, deciding each event before it as ``picks`` says."""
    state = rules.start(campaign, rules.Dice(7))
    while campaign.events[state.queue[0]].id != "congress":
        event = campaign.events[state.queue[0]]
        state = rules.choose(campaign, rules.Dice(7), state, picks[event.id])
    return state


def test_the_forecast_of_a_congress_vote_is_what_the_vote_does() -> None:
    campaign = load_campaign(CONGRESS)
    congress = campaign.events["congress"]
    differs = 0
    for cells, resolution in itertools.product(("organise", "wait"), ("press", "accept")):
        state = at_congress(campaign, {"cells": cells, "resolution": resolution})
        scope = rules.scope_of(campaign, state)
        for option in congress.options:
            decided = rules.choose(campaign, rules.Dice(7), state, option.id)
            actual = 1.0 if "published" in decided.flags else 0.0
            forecast = expected_score(campaign, option, scope, published, congress, state)
            assert forecast == actual, (cells, resolution, option.id)
            differs += expected_score(campaign, option, scope, published) != actual
    # counted without the elections and the argument, some forecasts are wrong
    assert differs > 0


def test_a_player_scoring_the_minority_puts_the_vote_that_wins_it() -> None:
    campaign = load_campaign(CONGRESS)
    congress = campaign.events["congress"]
    state = at_congress(campaign, {"cells": "organise", "resolution": "press"})
    scope = rules.scope_of(campaign, state)
    player = ScoringPlayer(campaign, published)
    options = [o for o in congress.options if rules.is_available(o, scope)]
    chosen = player.pick(state, congress, options, scope, random.Random(1))
    decided = rules.choose(campaign, rules.Dice(7), state, chosen.id)
    assert "published" in decided.flags


def test_a_scoring_player_forecasts_options_that_change_people() -> None:
    # the lobbying campaign's options move a leader's trust by name, in events that
    # cast no one: the player's forecast needs the people as the game holds them
    campaign = load_campaign(CONGRESS.parent / "lobbying")
    player = ScoringPlayer(campaign, lambda scope: float(scope.people["zinoviev"].trust))
    state, decisions = play(campaign, player, seed=3)
    assert decisions[0][1] == "lobby_zinoviev"
    start = rules.start(campaign, rules.Dice(3))
    assert state.people["zinoviev"].trust == start.people["zinoviev"].trust + 2
