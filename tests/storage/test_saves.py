"""Save files: written atomically, read back with clear messages when damaged."""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

import pytest

from newcourse.engine import Campaign, Game, SaveError
from newcourse.storage import MAX_SAVE_BYTES
from newcourse.storage.saves import (
    KEEP_PREVIOUS,
    SaveStore,
    clean_name,
    default_data_dir,
    read_save,
)


def test_the_data_folder_can_be_chosen_by_the_environment(tmp_path: Path) -> None:
    assert default_data_dir() == tmp_path / "data"


def test_a_written_save_reads_back(tmp_path: Path, mini: Campaign) -> None:
    store = SaveStore(tmp_path, "mini")
    game = Game.start(mini, 3).choose("publish")
    path = store.write("evening game", game.to_data())
    assert path.name == "evening-game.json"
    assert store.names() == ["evening-game"]
    assert Game.from_data(mini, store.read("evening game").data).state == game.state


def test_a_failed_write_leaves_the_old_save_whole(
    tmp_path: Path, mini: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SaveStore(tmp_path, "mini")
    first = Game.start(mini, 3).to_data()
    store.write("autosave", first)

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("newcourse.storage.saves.os.replace", broken_replace)
    with pytest.raises(OSError):
        store.write("autosave", Game.start(mini, 3).choose("publish").to_data())
    monkeypatch.undo()
    assert store.read("autosave").data == first
    assert [p.name for p in store.folder.iterdir()] == ["autosave.json"], (
        "no temporary file is left"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"format": "newcourse-save", "decis', "damaged or cut short"),
        ("[1, 2]", "is not a New Course save"),
        (b"\xff\xfe\x00", "cannot read the save file"),
    ],
)
def test_damaged_files_get_one_sentence(tmp_path: Path, content: str | bytes, message: str) -> None:
    path = tmp_path / "save.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    with pytest.raises(SaveError, match=message):
        read_save(path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="there is no save file at"):
        read_save(tmp_path / "nothing.json")


def test_saves_are_readable_json(tmp_path: Path, mini: Campaign) -> None:
    path = SaveStore(tmp_path, "mini").write("a", Game.start(mini, 1).to_data())
    assert json.loads(path.read_text())["campaign"]["id"] == "mini"


def test_setting_the_autosave_aside_keeps_it_as_a_previous_game(
    tmp_path: Path, mini: Campaign
) -> None:
    store = SaveStore(tmp_path, "mini")
    assert store.set_aside_autosave() is None
    data = Game.start(mini, 3).to_data()
    store.write("autosave", data)
    kept = store.set_aside_autosave()
    assert kept is not None
    assert kept.stem.startswith("previous-")
    assert read_save(kept).data == data
    assert not store.has("autosave")


def _age(path: Path, seconds_ago: float) -> None:
    moment = time.time() - seconds_ago
    os.utime(path, (moment, moment))


def test_only_the_last_five_previous_games_are_kept(tmp_path: Path, mini: Campaign) -> None:
    store = SaveStore(tmp_path, "mini", start=mini.start)
    for number in range(7):
        store.write("autosave", Game.start(mini, number).to_data())
        _age(store.path("autosave"), 3600 * (10 - number))
        store.set_aside_autosave()
    previous = [e for e in store.entries() if e.kind == "previous"]
    assert len(previous) == KEEP_PREVIOUS == 5
    seeds = [read_save(e.path).data["seed"] for e in previous]
    assert seeds == [6, 5, 4, 3, 2], "newest first, the two oldest dropped"


def test_entries_list_autosave_then_named_then_previous_newest_first(
    tmp_path: Path, mini: Campaign
) -> None:
    store = SaveStore(tmp_path, "mini", start=mini.start)
    game = Game.start(mini, 3)
    store.write("autosave", game.to_data())
    store.set_aside_autosave()
    store.write("older", game.to_data())
    _age(store.path("older"), 600)
    store.write("newer", game.choose("publish").to_data())
    store.write("autosave", game.to_data())
    entries = store.entries()
    assert [(e.name, e.kind) for e in entries][:3] == [
        ("autosave", "autosave"),
        ("newer", "named"),
        ("older", "named"),
    ]
    assert entries[3].kind == "previous"
    assert entries[0].summary == f"{mini.start}, turn 1"
    assert entries[0].modified.tzinfo is not None


def test_the_summary_says_the_season_turn_and_an_ending(tmp_path: Path, real: Campaign) -> None:
    store = SaveStore(tmp_path, real.id, start=real.start)
    game = Game.start(real, 5)
    while game.state.turn < 2:
        game = game.choose(game.view().options[-1].id)
    store.write("later", game.to_data())
    (entry,) = store.entries()
    assert entry.summary == f"{real.start.plus(2)}, turn 3"
    assert entry.summary.startswith(("Winter", "Spring", "Summer", "Autumn"))


def test_a_damaged_save_is_listed_as_damaged(tmp_path: Path) -> None:
    store = SaveStore(tmp_path, "mini")
    store.folder.mkdir(parents=True)
    (store.folder / "broken.json").write_text('{"format": "newc')
    (store.folder / "odd.json").write_text('{"snapshot": {"turn": "three"}}')
    summaries = {e.name: e.summary for e in store.entries()}
    assert summaries["broken"].startswith("damaged")
    assert summaries["odd"].startswith("damaged")


def test_orphaned_temporary_files_are_removed(tmp_path: Path, mini: Campaign) -> None:
    store = SaveStore(tmp_path, "mini")
    store.write("autosave", Game.start(mini, 1).to_data())
    orphan = store.folder / ".autosave.json.x1y2z3.tmp"
    orphan.write_text("{")
    assert store.remove_orphans() == [orphan]
    assert [p.name for p in store.folder.iterdir()] == ["autosave.json"]


def test_what_is_not_a_regular_file_is_refused_before_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(SaveError, match="is a pipe, not a save file"):
        read_save(fifo)
    with pytest.raises(SaveError, match="is a device, not a save file"):
        read_save(Path("/dev/zero"))
    with pytest.raises(SaveError, match="is a folder, not a save file"):
        read_save(tmp_path)


def test_a_file_far_larger_than_a_save_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as stream:
        stream.truncate(MAX_SAVE_BYTES + 1)  # sparse: no time or disk spent
    with pytest.raises(SaveError, match=r"huge\.json is 5\.0 MB, too large to be a save"):
        read_save(huge)


def test_the_folder_is_flushed_after_the_rename(
    tmp_path: Path, mini: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    flushed: list[bool] = []
    real_fsync = os.fsync

    def fsync(handle: int) -> None:
        flushed.append(stat.S_ISDIR(os.fstat(handle).st_mode))
        real_fsync(handle)

    monkeypatch.setattr("newcourse.storage.files.os.fsync", fsync)
    SaveStore(tmp_path, "mini").write("autosave", Game.start(mini, 1).to_data())
    assert flushed == [False, True], "the file, then its folder"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("my first try", "my-first-try"),
        ("  before  the congress ", "before-the-congress"),
        ("../../etc/passwd", "etcpasswd"),
        ("Plan B!", "Plan-B"),
        ("   ", "quicksave"),
    ],
)
def test_a_saves_name_keeps_its_words_apart_and_nothing_of_a_path(typed: str, kept: str) -> None:
    assert clean_name(typed) == kept
