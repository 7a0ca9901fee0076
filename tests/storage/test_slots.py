"""Saves behind one protocol, keyed by player, campaign and slot, kept as today's files."""

from __future__ import annotations

from pathlib import Path

import pytest

from newcourse.engine import Campaign, Game, SaveError
from newcourse.storage import (
    LOCAL,
    FileGameStore,
    GameStore,
    NoSuchSave,
    SaveFolders,
    SaveStore,
    SlotKey,
)


def store_of(root: Path) -> GameStore:
    return FileGameStore(root)  # held to the protocol by the type checker


def test_a_save_is_read_back_by_its_key(tmp_path: Path, mini: Campaign) -> None:
    store = store_of(tmp_path)
    key = SlotKey(LOCAL, mini.id, "autosave")
    assert not store.has(key)
    data = Game.start(mini, 3).choose(1).to_data()
    store.write(key, data)
    assert store.has(key) and store.read(key) == data
    assert (
        Game.from_data(mini, store.read(key)).decisions == Game.start(mini, 3).choose(1).decisions
    )
    store.delete(key)
    store.delete(key)  # an empty slot stays empty
    with pytest.raises(NoSuchSave):
        store.read(key)


def test_the_local_players_saves_are_the_terminal_players_folder(
    tmp_path: Path, mini: Campaign
) -> None:
    FileGameStore(tmp_path).write(SlotKey(LOCAL, mini.id, "mine"), Game.start(mini).to_data())
    assert SaveStore(tmp_path, mini.id).names() == ["mine"]


def test_players_never_see_each_others_saves(tmp_path: Path, mini: Campaign) -> None:
    store = store_of(tmp_path)
    data = Game.start(mini, 1).to_data()
    store.write(SlotKey("alice", mini.id, "one"), data)
    store.write(SlotKey("../bob", mini.id, "two"), data)
    assert [s.key.slot for s in store.slots("alice", mini.id)] == ["one"]
    assert [s.key.slot for s in store.slots("../bob", mini.id)] == ["two"]
    assert store.slots(LOCAL, mini.id) == []
    assert not store.has(SlotKey("alice", mini.id, "two"))
    assert not store.has(SlotKey("alice", "another_campaign", "one"))
    assert all(path.is_relative_to(tmp_path) for path in tmp_path.rglob("*"))


def test_the_list_says_where_each_game_stands(tmp_path: Path, mini: Campaign) -> None:
    store = store_of(tmp_path)
    store.write(SlotKey(LOCAL, mini.id, "autosave"), Game.start(mini, 1).choose(1).to_data())
    (info,) = store.slots(LOCAL, mini.id)
    assert (info.kind, info.summary) == ("autosave", "turn 1")


def test_what_is_not_a_save_is_refused(tmp_path: Path, mini: Campaign) -> None:
    store = FileGameStore(tmp_path)
    key = SlotKey(LOCAL, mini.id, "broken")
    folder = store.saves(LOCAL, mini.id).folder
    folder.mkdir(parents=True)
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(SaveError):
        store.read(key)


def test_the_file_store_holds_a_folder_and_sets_a_game_aside_whole(
    tmp_path: Path, mini: Campaign
) -> None:
    store = FileGameStore(tmp_path, start=mini.start)
    assert isinstance(store, SaveFolders)
    now = SlotKey(LOCAL, mini.id, "autosave")
    assert store.set_aside(LOCAL, mini.id) is None, "no game in progress, nothing set aside"
    store.path(now).parent.mkdir(parents=True)
    store.path(now).write_text("damaged, yet the player's")
    kept = store.set_aside(LOCAL, mini.id)
    assert kept is not None and kept.slot.startswith("previous-") and not store.has(now)
    assert store.path(kept).read_text() == "damaged, yet the player's"
    lock = store.hold(LOCAL, mini.id)
    try:
        assert lock.held and lock.path.parent == store.path(now).parent
    finally:
        lock.release()
