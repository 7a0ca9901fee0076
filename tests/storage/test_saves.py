"""Save files: written atomically, read back with clear messages when damaged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newcourse.engine import Campaign, Game, SaveError
from newcourse.storage.saves import SaveStore, default_data_dir, read_save


def test_the_data_folder_can_be_chosen_by_the_environment(tmp_path: Path) -> None:
    assert default_data_dir() == tmp_path / "data"


def test_a_written_save_reads_back(tmp_path: Path, mini: Campaign) -> None:
    store = SaveStore(tmp_path, "mini")
    game = Game.start(mini, 3).choose("publish")
    path = store.write("evening game", game.to_data())
    assert path.name == "eveninggame.json"
    assert store.names() == ["eveninggame"]
    assert Game.from_data(mini, store.read("eveninggame").data).state == game.state


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


def test_setting_a_save_aside_keeps_it_under_another_name(tmp_path: Path, mini: Campaign) -> None:
    store = SaveStore(tmp_path, "mini")
    assert store.set_aside("autosave", "previous") is None
    data = Game.start(mini, 3).to_data()
    store.write("autosave", data)
    kept = store.set_aside("autosave", "previous")
    assert kept == store.path("previous")
    assert store.read("previous").data == data
    assert not store.has("autosave")
