"""The Game API: undo, replay, and saves as data (including bad ones)."""

from __future__ import annotations

import copy
from dataclasses import replace

import pytest

from newcourse.engine import SAVE_VERSION, Campaign, Decision, Game, Refusal, SaveError


def played(mini: Campaign, seed: int = 5, steps: int = 4) -> Game:
    game = Game.start(mini, seed)
    for _ in range(steps):
        game = game.choose(next(o.id for o in game.view().options if o.available))
    return game


def test_undo_returns_to_the_state_before(mini: Campaign) -> None:
    game = Game.start(mini, seed=1)
    after = game.choose("publish")
    assert after.undo().state == game.state
    assert after.undo().decisions == ()
    with pytest.raises(Refusal, match="nothing to undo"):
        game.undo()


def test_replay_from_seed_and_decisions_gives_the_same_game(mini: Campaign) -> None:
    game = played(mini)
    again = Game.replay(mini, game.seed, game.decisions)
    assert again.state == game.state


def test_a_save_loads_into_the_same_game(mini: Campaign) -> None:
    game = played(mini)
    loaded = Game.from_data(mini, game.to_data())
    assert loaded.state == game.state
    assert loaded.decisions == game.decisions
    assert loaded.undo().state == game.undo().state


def test_a_save_records_versions_and_decisions(mini: Campaign) -> None:
    data = played(mini, steps=2).to_data()
    assert data["format_version"] == SAVE_VERSION
    assert data["campaign"] == {"id": "mini", "version": 1}
    assert len(data["decisions"]) == 2


def damaged(data: dict[str, object], **changes: object) -> dict[str, object]:
    broken = copy.deepcopy(data)
    broken.update(changes)
    return broken


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"format": "something-else"}, "this is not a New Course save"),
        ({"format_version": SAVE_VERSION + 1}, "newer than this game understands"),
        ({"format_version": 0}, "older than this game can load"),
        ({"format_version": "one"}, "no format version"),
        ({"campaign": {"id": "other", "version": 1}}, "belongs to campaign 'other', not to 'mini'"),
        ({"campaign": None}, "does not say which campaign"),
        ({"seed": "x"}, "seed or decisions are missing or damaged"),
        ({"decisions": [["letter"]]}, "decisions are damaged"),
        ({"decisions": [["letter", "fly"]]}, "has no option 'fly'"),
        ({"decisions": [["strike", "support"]]}, "expected event 'strike'"),
        ({"snapshot": {"turn": 9}}, "does not match its decisions"),
    ],
)
def test_bad_saves_are_refused_in_one_sentence(
    mini: Campaign, changes: dict[str, object], message: str
) -> None:
    data = played(mini).to_data()
    with pytest.raises(SaveError, match=message):
        Game.from_data(mini, damaged(data, **changes))


def test_garbage_is_not_a_save(mini: Campaign) -> None:
    for garbage in (None, [], "text", 3):
        with pytest.raises(SaveError, match="not a New Course save"):
            Game.from_data(mini, garbage)


def test_a_save_from_an_older_campaign_version_is_carried_over_when_it_replays(
    mini: Campaign,
) -> None:
    data = played(mini).to_data()
    newer = replace(mini, version=2)
    assert Game.from_data(newer, data).state == Game.from_data(mini, data).state


def test_a_save_that_no_longer_fits_names_both_versions(mini: Campaign) -> None:
    data = played(mini).to_data()
    events = dict(mini.events)
    del events["letter"]
    changed = replace(mini, version=2, events=events)
    with pytest.raises(
        SaveError, match=r"made with version 1 .* cannot be carried over to version 2"
    ):
        Game.from_data(changed, data)


def test_replay_refuses_decisions_after_the_end(mini: Campaign) -> None:
    game = Game.start(mini, seed=2)
    while not game.over:
        game = game.choose(next(o.id for o in game.view().options if o.available))
    with pytest.raises(Refusal, match="already ended"):
        Game.replay(mini, 2, [*game.decisions, Decision("letter", "publish")])
