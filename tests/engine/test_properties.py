"""Properties of every game: any sequence of legal decisions never crashes, always
ends, replays identically and survives save and load. Run on the small test
campaign and on the real one."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newcourse.engine import Campaign, Game

MAX_DECISIONS = 400  # far more than any campaign needs; a game that goes on longer is a bug


def play(campaign: Campaign, seed: int, picks: list[int]) -> Game:
    """Play to the end, taking the available option named by each pick in turn."""
    game = Game.start(campaign, seed)
    index = 0
    while not game.over:
        assert game.state.step < MAX_DECISIONS, "the game does not end"
        available = [o for o in game.view().options if o.available]
        assert available, f"no available option at {game.state.current_event}"
        pick = picks[index % len(picks)] if picks else 0
        game = game.choose(available[pick % len(available)].id)
        index += 1
    return game


games = st.tuples(st.integers(0, 2**32 - 1), st.lists(st.integers(0, 50), max_size=60))


@pytest.mark.parametrize("which", ["mini", "real"])
@settings(max_examples=60, deadline=None)
@given(game_input=games)
def test_any_legal_play_ends_replays_and_survives_a_save(
    which: str, game_input: tuple[int, list[int]], request: pytest.FixtureRequest
) -> None:
    campaign: Campaign = request.getfixturevalue(which)
    seed, picks = game_input
    game = play(campaign, seed, picks)
    view = game.view()
    assert view.ending is not None
    assert any(e.id == view.ending.id for e in campaign.endings)
    assert len(view.timeline) == len(game.decisions)

    replayed = Game.replay(campaign, seed, game.decisions)
    assert replayed.state == game.state

    data = json.loads(json.dumps(game.to_data()))
    assert Game.from_data(campaign, data).state == game.state


@pytest.mark.parametrize("which", ["mini", "real"])
@settings(max_examples=30, deadline=None)
@given(game_input=games, cut=st.integers(0, 40))
def test_a_game_saved_midway_continues_as_if_never_stopped(
    which: str, game_input: tuple[int, list[int]], cut: int, request: pytest.FixtureRequest
) -> None:
    campaign: Campaign = request.getfixturevalue(which)
    seed, picks = game_input
    whole = play(campaign, seed, picks)
    cut = min(cut, len(whole.decisions))
    partial = Game.replay(campaign, seed, whole.decisions[:cut])
    resumed = Game.from_data(campaign, json.loads(json.dumps(partial.to_data())))
    for decision in whole.decisions[cut:]:
        resumed = resumed.choose(decision.option)
    assert resumed.state == whole.state


@pytest.mark.parametrize("which", ["mini", "real"])
def test_quality_values_stay_within_their_ranges(
    which: str, request: pytest.FixtureRequest
) -> None:
    campaign: Campaign = request.getfixturevalue(which)
    for seed in range(30):
        game = play(campaign, seed, [seed, seed * 7 + 1, 3])
        for state in game.states:
            for name, quality in campaign.qualities.items():
                assert quality.minimum <= state.values[name] <= quality.maximum
