"""The bundled campaign's votes beside history: the real Opposition lost them, so carrying
the historical motion leaves history, in the result's text and in the timeline alike."""

from __future__ import annotations

import pytest

from newcourse.engine import Campaign, Game

# The values of a party that carries any motion of the Opposition's, and of one that
# carries none: the factions' delegates and what the swing of the free delegates reads.
WINNING = {"left": 60, "centre": 10, "opposition": 90, "democracy": 90}
LOSING = {"left": 2, "centre": 90, "opposition": 5, "apparatus": 90}

VOTES = [
    ("thirteenth_conference", "defend_platform"),
    ("thirteenth_congress", "appeal_for_unity"),
]


def game_at(campaign: Campaign, event_id: str) -> Game:
    """A game played as history went (else the first available option) up to ``event_id``."""
    game = Game.start(campaign, seed=1)
    while not game.over:
        view = game.view()
        assert view.event is not None
        if view.event.id == event_id:
            return game
        event = campaign.events[view.event.id]
        available = [o.id for o in view.options if o.available]
        historical = [o.id for o in event.options if o.historical and o.id in available]
        game = game.choose((historical or available)[0])
    raise AssertionError(f"the game never reached {event_id!r}")


def with_values(game: Game, values: dict[str, int]) -> Game:
    state = game.state._replace(values={**game.state.values, **values})
    return Game(game.campaign, game.seed, (state,), ())


@pytest.mark.parametrize(("event_id", "option_id"), VOTES)
def test_the_historical_motion_was_lost(real: Campaign, event_id: str, option_id: str) -> None:
    option = real.events[event_id].option(option_id)
    assert option.historical and option.vote is not None
    assert option.history_outcome == "failed"


@pytest.mark.parametrize(("event_id", "option_id"), VOTES)
def test_carrying_the_historical_motion_leaves_history(
    real: Campaign, event_id: str, option_id: str
) -> None:
    game = with_values(game_at(real, event_id), WINNING)
    (shown,) = [o for o in game.view().options if o.id == option_id]
    assert shown.vote is not None and shown.vote.passed, "the set-up no longer carries the vote"
    after = game.choose(option_id)
    last = after.state.last
    assert last is not None and last.outcome_id == "passed"
    assert "*The story has left history" in last.result
    assert last.as_history is False
    assert last.history.endswith("(The motion falls)"), last.history
    row = after.view().timeline[-1]
    assert row.as_history is False, "the timeline agrees with the text"
    assert row.history == last.history


@pytest.mark.parametrize(("event_id", "option_id"), VOTES)
def test_losing_the_historical_motion_is_as_in_history(
    real: Campaign, event_id: str, option_id: str
) -> None:
    game = with_values(game_at(real, event_id), LOSING)
    after = game.choose(option_id)
    last = after.state.last
    assert last is not None and last.outcome_id == "failed"
    assert "left history" not in last.result
    assert last.as_history is True and last.history == ""
    assert after.view().timeline[-1].as_history is True
