"""Sessions: the game in progress is never lost, a failed autosave is told, one game per folder."""

from __future__ import annotations

import errno
import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newcourse.engine import Campaign, Game, Refusal, SaveError
from newcourse.session import Refusal as CodedRefusal
from newcourse.session import Session, refusal_code, refusal_sentence
from newcourse.storage import LOCAL, FileGameStore, GameOpenElsewhere, SaveStore, read_save
from newcourse.storage.lock import LOCK_NAME

from ..conftest import MINI


def _store(tmp_path: Path, campaign: Campaign) -> FileGameStore:
    return FileGameStore(tmp_path / "data", start=campaign.start)


def _folder(store: FileGameStore, campaign: Campaign) -> SaveStore:
    """The save files the store keeps for the local player."""
    return store.saves(LOCAL, campaign.id)


def _autosave(store: FileGameStore, campaign: Campaign) -> dict[str, object]:
    return read_save(_folder(store, campaign).path("autosave")).data


def test_a_new_game_sets_the_last_one_aside_and_says_how_to_load_it(
    tmp_path: Path, mini: Campaign
) -> None:
    store = _store(tmp_path, mini)
    with Session.new(mini, 1, store) as first:
        first.choose("publish")
        played = _autosave(store, mini)
    with Session.new(mini, 2, store) as second:
        (previous,) = [e for e in _folder(store, mini).entries() if e.kind == "previous"]
        assert read_save(previous.path).data == played
        assert any(f"--load {previous.name}" in notice for notice in second.notices)


def test_loading_never_destroys_the_game_in_progress(tmp_path: Path, mini: Campaign) -> None:
    store = _store(tmp_path, mini)
    with Session.new(mini, 1, store) as playing:
        playing.choose("publish")
        saved = playing.save_as("evening")
        playing.choose(playing.game.view().options[0].id)
        in_progress = _autosave(store, mini)
    with Session.load(mini, "evening", store) as loaded:
        assert loaded.game.state.step == 1
        assert _autosave(store, mini) == loaded.game.to_data()
    kept = [read_save(e.path).data for e in _folder(store, mini).entries() if e.kind == "previous"]
    assert in_progress in kept, "the game that was being played is kept"
    assert saved.slot == "evening"
    assert read_save(Path(saved.place)).data["decisions"] == [["letter", "publish"]]


def test_a_save_that_cannot_load_changes_nothing_on_disk(tmp_path: Path, mini: Campaign) -> None:
    store = _store(tmp_path, mini)
    with Session.new(mini, 1, store):
        pass
    before = sorted(p.name for p in _folder(store, mini).folder.iterdir())
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "newcourse-save", "format_version": 1, "seed": "x"}')
    with pytest.raises(SaveError, match=r"cannot load .*broken\.json: .*damaged"):
        Session.load(mini, str(broken), store)
    assert sorted(p.name for p in _folder(store, mini).folder.iterdir()) == before
    with Session.resume(mini, store):
        pass  # the lock was let go after the refusal


def test_a_save_name_wins_over_a_file_of_the_same_name_and_says_so(
    tmp_path: Path, mini: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store(tmp_path, mini)
    with Session.new(mini, 1, store) as playing:
        playing.save_as("evening")
    monkeypatch.chdir(tmp_path)
    Path("evening").write_text("not a save")
    with Session.load(mini, "evening", store) as loaded:
        assert any("./evening" in notice for notice in loaded.notices)


def test_saved_as_says_the_name_and_where(tmp_path: Path, mini: Campaign) -> None:
    store = _store(tmp_path, mini)
    with Session.new(mini, 1, store) as playing:
        kept = playing.save_as("my game")
        words = playing.saved_words(kept)
    path = _folder(store, mini).folder / "my-game.json"
    assert kept == ("my-game", str(path))
    assert words.startswith(f"Saved as my-game ({path})")
    assert "play --load my-game" in words


def test_the_games_own_names_are_not_given_to_saves(tmp_path: Path, mini: Campaign) -> None:
    with Session.new(mini, 1, _store(tmp_path, mini)) as playing:
        for name in ("autosave", "previous-20240101-000000"):
            with pytest.raises(Refusal, match="kept for the game's own saves"):
                playing.save_as(name)


def _full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("newcourse.storage.files.os.replace", no_space)


def test_a_full_disk_is_told_once_and_quitting_says_the_truth(
    tmp_path: Path, mini: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store(tmp_path, mini)
    with Session.new(mini, 1, store) as playing:
        assert playing.save_problem is None
        assert playing.parting_words() is not None
        assert playing.parting_words().startswith("Saved. Continue later with:")  # type: ignore[union-attr]
        playing.notices.clear()
        _full_disk(monkeypatch)
        playing.choose("keep_secret")  # nothing drawn: it can be taken back
        playing.undo()
        playing.choose("keep_secret")
        assert len(playing.notices) == 1, "told once, not after every decision"
        assert "No space left on device" in playing.notices[0]
        assert playing.save_problem is not None
        assert "not saved" in playing.parting_words()  # type: ignore[operator]
        assert "Saved." not in playing.parting_words()  # type: ignore[operator]
        monkeypatch.undo()
        playing.undo()
        assert playing.save_problem is None


def test_a_data_folder_that_is_a_file_still_plays_and_can_save_elsewhere(
    tmp_path: Path, mini: Campaign
) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("")
    store = FileGameStore(blocker)
    with Session.new(mini, 1, store) as playing:
        assert playing.save_problem is not None
        assert any("save it to a file in another folder" in n for n in playing.notices)
        playing.choose("publish")
        with pytest.raises(Refusal, match="could not be saved"):
            playing.save_as("evening")
        kept = playing.save_as(str(tmp_path / "kept.json"))
        elsewhere = Path(kept.place)
        assert kept.slot is None
        assert Game.from_data(mini, read_save(elsewhere).data).state == playing.game.state
        assert (playing.parting_words() or "").startswith(f"This game is saved in {elsewhere}")
        playing.choose(playing.game.view().options[0].id)
        assert (playing.parting_words() or "").startswith("This game is not saved: ")


def test_a_game_open_in_another_process_is_refused(tmp_path: Path, mini: Campaign) -> None:
    store = _store(tmp_path, mini)
    folder = _folder(store, mini).folder
    folder.mkdir(parents=True)
    other = (folder / LOCK_NAME).open("a+b")  # held as another process would hold it
    other.write(b"4242\n")
    other.flush()
    fcntl.flock(other.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    with pytest.raises(GameOpenElsewhere, match=r"another window \(process 4242\)"):
        Session.resume(mini, store)
    with pytest.raises(GameOpenElsewhere, match="--no-save"):
        Session.new(mini, 2, store)
    other.close()
    with Session.new(mini, 1, store) as again:
        assert again.lock is not None and again.lock.held


def test_one_process_may_open_a_second_game_before_closing_the_first(
    tmp_path: Path, mini: Campaign
) -> None:
    store = _store(tmp_path, mini)
    first = Session.new(mini, 1, store)
    with Session.resume(mini, store) as second:
        assert second.game.seed == 1
        first.close()
        probe = (_folder(store, mini).folder / LOCK_NAME).open("a+b")
        with pytest.raises(BlockingIOError):
            fcntl.flock(probe.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        probe.close()
    probe = (_folder(store, mini).folder / LOCK_NAME).open("a+b")
    fcntl.flock(probe.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)  # all let go
    probe.close()


def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path: Path, mini: Campaign) -> None:
    store = _store(tmp_path, mini)
    folder = _folder(store, mini).folder
    folder.mkdir(parents=True)
    (folder / LOCK_NAME).write_text("999999999\n")
    with Session.new(mini, 1, store):
        assert (folder / LOCK_NAME).read_text() == f"{os.getpid()}\n"


def test_temporary_files_of_a_killed_game_are_cleaned_at_the_next_start(
    tmp_path: Path, mini: Campaign
) -> None:
    store = _store(tmp_path, mini)
    _folder(store, mini).folder.mkdir(parents=True)
    orphan = _folder(store, mini).folder / ".autosave.json.k9lm_x.tmp"
    orphan.write_text('{"format": "newcourse-sa')
    with Session.new(mini, 1, store):
        assert not orphan.exists()


def test_two_processes_on_one_folder(tmp_path: Path) -> None:
    env = dict(os.environ, NEWCOURSE_DATA_DIR=str(tmp_path / "data"))
    command = [sys.executable, "-m", "newcourse", "play", "--plain", "--campaign", str(MINI)]
    first = subprocess.Popen(
        [*command, "--seed", "1"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        lock = tmp_path / "data" / "saves" / "mini" / LOCK_NAME
        deadline = time.monotonic() + 30
        while not (lock.exists() and lock.read_text().strip()) and time.monotonic() < deadline:
            time.sleep(0.05)
        second = subprocess.run(
            [*command, "--continue"], capture_output=True, text=True, env=env, timeout=60
        )
        assert second.returncode == 1
        assert f"already open in another window (process {first.pid})" in second.stderr
        assert len(second.stderr.strip().splitlines()) == 1
    finally:
        first.communicate(b"q\n", timeout=60)
    assert first.returncode == 0
    third = subprocess.run(
        [*command, "--continue"], input="q\n", capture_output=True, text=True, env=env, timeout=60
    )
    assert third.returncode == 0, third.stderr


# ---------------------------------------------------------------- refusals and their codes


def test_what_cannot_be_chosen_is_refused_with_a_code(mini: Campaign) -> None:
    with Session.new(mini, 0, None) as session:
        count = len(session.view().options)
        with pytest.raises(CodedRefusal) as missing:
            session.choose(count + 1)
        assert missing.value.code == "no_such_option"
        assert str(missing.value) == f"There is no option {count + 1}; choose from 1 to {count}."
        with pytest.raises(CodedRefusal) as unknown:
            session.choose("no_such_id")
        assert unknown.value.code == "no_such_option"
        with pytest.raises(CodedRefusal) as undo:
            session.undo()
        assert undo.value.code == "cannot_undo"
        assert str(undo.value) == "Not possible: there is nothing to undo yet."
        with pytest.raises(CodedRefusal) as saving:
            session.save_as("keep")
        assert (saving.value.code, refusal_code(saving.value)) == ("saving_off", "saving_off")
        assert session.game.decisions == ()


def test_an_option_whose_conditions_fail_is_refused_as_not_available(mini: Campaign) -> None:
    with Session.new(mini, 2, None) as session:  # a seed whose publishing leads to "agitate"
        for option in ("publish", "argue_democracy", "agitate"):
            session.choose(option)
        while (event := session.view().event) is not None and event.id != "work":
            session.choose(session.view().options[0].id)
        closed = session.view().option(2)
        assert closed is not None and not closed.available
        with pytest.raises(CodedRefusal) as refused:
            session.choose(2)
        assert refused.value.code == "not_available"
        assert refused.value.message == "Option 2 is not available now."


def test_a_finished_game_has_nothing_to_choose_and_every_refusal_has_a_code(
    mini: Campaign,
) -> None:
    with Session.new(mini, 1, None) as session:
        while not session.game.over:
            session.choose(next(o.id for o in session.view().options if o.available))
        with pytest.raises(CodedRefusal) as over:
            session.choose(1)
        assert over.value.code == "nothing_to_choose"
    assert refusal_code(GameOpenElsewhere("held")) == "open_elsewhere"
    assert refusal_code(SaveError("damaged")) == "bad_save"
    assert refusal_code(Refusal("anything else")) == "refused"
    assert refusal_sentence(Refusal("it is late")) == "Not possible: it is late."
    with pytest.raises(ValueError, match="unknown refusal code"):
        CodedRefusal("no_such_code", "?")
