"""A session keeps its game in any store of the GameStore protocol; the save files
are one such store, and a store kept in memory here is another."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from newcourse.engine import Campaign, Game, SaveError
from newcourse.session import Session
from newcourse.session.saving import Shelf
from newcourse.storage import (
    LOCAL,
    FileGameStore,
    GameStore,
    NoSuchSave,
    SaveFolders,
    SlotInfo,
    SlotKey,
)
from newcourse.storage.saves import summarise


class MemoryStore:
    """Saves in a dictionary: a store with nothing but the protocol (no files, no lock)."""

    def __init__(self) -> None:
        self.saved: dict[SlotKey, tuple[dict[str, Any], dt.datetime]] = {}
        self.clock = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

    def read(self, key: SlotKey) -> dict[str, Any]:
        if key not in self.saved:
            raise NoSuchSave(f"there is no save called {key.slot!r}")
        data = self.saved[key][0]
        if data.get("format") == "broken":
            raise SaveError("the save is damaged")
        return data

    def write(self, key: SlotKey, data: dict[str, Any]) -> None:
        self.clock += dt.timedelta(seconds=1)
        self.saved[key] = (data, self.clock)

    def has(self, key: SlotKey) -> bool:
        return key in self.saved

    def delete(self, key: SlotKey) -> None:
        self.saved.pop(key, None)

    def slots(self, player: str, campaign: str) -> list[SlotInfo]:
        found = [
            SlotInfo(key, _kind(key.slot), when, summarise(data, None))
            for key, (data, when) in self.saved.items()
            if (key.player, key.campaign) == (player, campaign)
        ]
        order = {"autosave": 0, "named": 1, "previous": 2}
        return sorted(found, key=lambda s: (order[s.kind], -s.modified.timestamp()))


def _kind(slot: str) -> str:
    if slot == "autosave":
        return "autosave"
    return "previous" if slot.startswith("previous") else "named"


def memory() -> GameStore:
    return MemoryStore()  # held to the protocol by the type checker


def test_a_session_plays_and_autosaves_in_any_store(mini: Campaign) -> None:
    store = memory()
    assert not isinstance(store, SaveFolders)
    with Session.new(mini, 1, store, player="ann") as playing:
        assert playing.lock is None, "a store without folders has nothing to lock"
        playing.choose("publish")
        kept = playing.save_as("evening")
        assert "--load evening" in playing.saved_words(kept)
        assert (kept.slot, kept.place) == ("evening", "the save called evening")
    autosave = store.read(SlotKey("ann", mini.id, "autosave"))
    assert autosave["decisions"] == [["letter", "publish"]]
    assert not store.slots(LOCAL, mini.id), "another player's saves are apart"
    with Session.resume(mini, store, player="ann") as again:
        assert again.game.decisions == playing.game.decisions


def test_a_new_or_loaded_game_sets_the_one_in_progress_aside_in_any_store(
    mini: Campaign,
) -> None:
    store = memory()
    with Session.new(mini, 1, store) as first:
        first.choose("publish")
        first.save_as("evening")
        first.choose(first.view().options[0].id)
        in_progress = first.game.to_data()
    with Session.load(mini, "evening", store) as loaded:
        assert len(loaded.game.decisions) == 1
        assert any("kept as previous-" in notice for notice in loaded.notices)
    previous = [s for s in store.slots(LOCAL, mini.id) if s.kind == "previous"]
    assert [store.read(s.key) for s in previous] == [in_progress]
    for seed in range(2, 9):
        Session.new(mini, seed, store).close()
    assert len([s for s in store.slots(LOCAL, mini.id) if s.kind == "previous"]) == 5


def test_a_game_in_progress_that_cannot_be_read_is_not_written_over(mini: Campaign) -> None:
    store = MemoryStore()
    broken = {"format": "broken"}
    store.write(SlotKey(LOCAL, mini.id, "autosave"), broken)
    with Session.new(mini, 1, store) as playing:
        playing.choose("publish")
        assert playing.save_problem is not None and "could not be set aside" in playing.save_problem
        assert any(notice.startswith("Not autosaving") for notice in playing.notices)
    assert store.saved[SlotKey(LOCAL, mini.id, "autosave")][0] == broken


def test_load_finds_a_name_before_a_path_and_a_path_still_loads(
    tmp_path: Path, mini: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FileGameStore(tmp_path / "data")
    shelf = Shelf(store, LOCAL, mini.id)
    data = Game.start(mini, 1).to_data()
    shelf.write("evening", data)
    saved = store.path(shelf.key("evening"))
    monkeypatch.chdir(tmp_path)
    assert shelf.find("evening") == (data, str(saved), "evening")
    elsewhere = tmp_path / "copy.json"
    elsewhere.write_text(saved.read_text())
    assert shelf.find("copy.json") == (data, "copy.json", None)
    assert shelf.find(str(elsewhere)) == (data, str(elsewhere), None)
    (tmp_path / "evening").write_text("{}")
    assert shelf.find("evening").slot == "evening", "a save's name wins over a file of that name"
    assert shelf.find("./evening").place == "evening"
    with pytest.raises(SaveError, match=r"no save called 'morning' \(saves: evening\)"):
        shelf.find("morning")
    with pytest.raises(SaveError, match="there is no save file at"):
        shelf.find("morning.json")


def test_with_saving_off_a_save_is_still_found_by_name_and_nothing_is_written(
    tmp_path: Path, mini: Campaign
) -> None:
    store = FileGameStore(tmp_path / "data")
    Shelf(store, LOCAL, mini.id).write("evening", Game.start(mini, 4).to_data())
    with Session.load(mini, "evening", store, saving=False) as loaded:
        assert loaded.store is None and loaded.lock is None
        assert loaded.game.seed == 4
        loaded.choose("publish")
    assert [s.key.slot for s in store.slots(LOCAL, mini.id)] == ["evening"]
