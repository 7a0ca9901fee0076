"""The Game API: undo, replay, and saves as data (including bad ones)."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from pathlib import Path

import pytest

from newcourse.engine import SAVE_VERSION, Campaign, Decision, Game, Refusal, SaveError
from newcourse.engine.dice import NEW_DICE, OLD_DICE


def played(mini: Campaign, seed: int = 5, steps: int = 4) -> Game:
    game = Game.start(mini, seed)
    for _ in range(steps):
        game = game.choose(next(o.id for o in game.view().options if o.available))
    return game


def test_undo_returns_to_the_state_before(mini: Campaign) -> None:
    game = Game.start(mini, seed=1)
    after = game.choose("keep_secret")  # nothing drawn: it can be taken back
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


# ------------------------------------------------------------ the generator of chance a save names

OLD_SAVE = Path(__file__).resolve().parent / "saves" / "mini-format-1.json"


def test_a_new_game_plays_with_the_new_dice_and_its_save_names_them(mini: Campaign) -> None:
    game = played(mini)
    assert game.generator == NEW_DICE == "splitmix"
    data = game.to_data()
    assert (data["format_version"], data["dice"]) == (2, "splitmix")
    assert Game.from_data(mini, data).generator == "splitmix"


def test_an_old_save_loads_and_plays_on_with_the_first_dice(mini: Campaign) -> None:
    """A save of format 1 (no "dice"), made before the new dice, goes on as it would have:
    the file holds the decisions and the snapshot that the engine of its day reached
    by playing on from it."""
    recorded = json.loads(OLD_SAVE.read_text(encoding="utf-8"))
    game = Game.from_data(mini, recorded["save"])  # its snapshot matches: it loads
    assert game.generator == OLD_DICE == "mersenne"
    for _event, option in recorded["then"]:
        game = game.choose(option)
    assert game.state.snapshot() == recorded["snapshot"]
    assert game.to_data()["dice"] == "mersenne"  # saved again, it keeps its dice
    # with the new dice, the same decisions make another game (or none at all)
    decisions = [Decision(*d) for d in [*recorded["save"]["decisions"], *recorded["then"]]]
    try:
        other = Game.replay(mini, recorded["save"]["seed"], decisions, NEW_DICE).state.snapshot()
    except Refusal:
        other = None
    assert other != recorded["snapshot"]


@pytest.mark.parametrize("dice", [None, "dice-of-tomorrow", 3])
def test_a_save_with_unknown_dice_is_refused(mini: Campaign, dice: object) -> None:
    data = played(mini).to_data()
    if dice is None:
        del data["dice"]
    else:
        data["dice"] = dice
    with pytest.raises(SaveError, match=r"generator of chance \('dice'\) is .*, not 'splitmix'"):
        Game.from_data(mini, data)


def test_replay_refuses_decisions_after_the_end(mini: Campaign) -> None:
    game = Game.start(mini, seed=2)
    while not game.over:
        game = game.choose(next(o.id for o in game.view().options if o.available))
    with pytest.raises(Refusal, match="already ended"):
        Game.replay(mini, 2, [*game.decisions, Decision("letter", "publish")])


# ------------------------------------------------------------ honest chance: undo stops at a draw


def _risky(game: Game) -> str | None:
    """An available option of the current event whose outcome is drawn by chance."""
    event = game.campaign.events[game.state.queue[0]]
    usable = {o.id for o in game.view().options if o.available}
    return next((o.id for o in event.options if o.outcomes and o.id in usable), None)


def test_a_drawn_outcome_cannot_be_taken_back_on_forty_seeds(real: Campaign) -> None:
    """A player who tries a risky option and sees how it fell cannot undo and try again."""
    tried = 0
    for seed in range(40):
        game = Game.start(real, seed)
        while not game.over and (risky := _risky(game)) is None:
            game = game.choose(1)
        if game.over:
            continue
        game = game.choose(risky)
        tried += 1
        assert game.state.last is not None and game.state.last.outcome_id is not None
        assert not game.can_undo and not game.view().can_undo
        assert game.view().undo_refusal == game.undo_refusal
        with pytest.raises(Refusal, match="outcome has been drawn, and a drawn outcome stands"):
            game.undo()
    assert tried == 40


def test_a_counted_vote_cannot_be_taken_back(real: Campaign) -> None:
    for seed in range(10):
        game = Game.start(real, seed)
        while not game.over and not (game.state.last and game.state.last.tally):
            game = game.choose(1)
        if game.over:
            continue
        with pytest.raises(Refusal, match="the vote has been counted"):
            game.undo()
        return
    pytest.fail("no game of ten put a motion to a vote")


def test_decisions_after_the_last_drawn_one_can_be_undone(real: Campaign) -> None:
    game = Game.start(real, 2)
    while (risky := _risky(game)) is None:
        game = game.choose(1)
    sealed = game.choose(risky)
    later = sealed
    while (
        not later.over
        and later.state.last is not None
        and len(later.states) < len(sealed.states) + 3
    ):
        following = later.choose(1)
        if following.state.last is None or following.state.last.outcome_id is not None:
            break
        later = following
    assert len(later.states) > len(sealed.states), "no undrawn decision followed"
    while len(later.states) > len(sealed.states):
        assert later.can_undo and later.view().undo_refusal is None
        later = later.undo()
    assert later.state == sealed.state
    with pytest.raises(Refusal, match="drawn"):
        later.undo()


def test_at_the_start_there_is_nothing_to_undo(mini: Campaign) -> None:
    view = Game.start(mini, 1).view()
    assert not view.can_undo and view.undo_refusal == "there is nothing to undo yet"


def test_a_view_without_its_timeline_is_the_same_view_less_the_timeline(real: Campaign) -> None:
    game = Game.start(real, 9)
    for _ in range(8):
        game = game.choose(next(o.number for o in game.view().options if o.available))
    whole, brief = game.view(), game.view(timeline=False)
    assert len(whole.timeline) == 8 and brief.timeline == ()
    assert brief._replace(timeline=whole.timeline) == whole
