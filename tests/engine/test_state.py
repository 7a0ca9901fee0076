"""The game state: immutable to its readers, made once per decision from a draft."""

from __future__ import annotations

import pytest

from newcourse.engine import Campaign, Game
from newcourse.engine.state import Draft, GameState


def test_a_state_cannot_be_changed(mini: Campaign) -> None:
    state = Game.start(mini, 1).state
    with pytest.raises(AttributeError):
        state.turn = 3  # type: ignore[misc]
    with pytest.raises(AttributeError):
        state.last.option_id = "x"  # type: ignore[misc, union-attr]


def test_a_draft_has_the_fields_of_the_state_in_their_order() -> None:
    # A field added to the state must be added to the draft as well.
    assert Draft.__slots__ == GameState._fields
    assert tuple(Draft.__annotations__) == GameState._fields


def test_a_draft_freezes_into_the_state_it_was_made_from(real: Campaign) -> None:
    state = Game.start(real, 3).choose(1).state
    draft = Draft(state)
    assert draft.freeze() == state
    draft.step += 1
    assert draft.freeze() == state._replace(step=state.step + 1)
    assert state.step == draft.step - 1


def test_a_decision_leaves_the_state_before_it_as_it_was(real: Campaign) -> None:
    game = Game.start(real, 8)
    before = game.state
    copied = (dict(before.values), before.flags, before.queue, before.step, before.timeline)
    while game.state.turn == before.turn and not game.over:
        game = game.choose(1)
    assert (dict(before.values), before.flags, before.queue, before.step, before.timeline) == copied
