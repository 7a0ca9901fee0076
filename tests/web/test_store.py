"""The SQL store keeps the GameStore protocol, refuses stale writes and survives a restart."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, inspect
from sqlalchemy.exc import OperationalError

from newcourse.engine import SaveError
from newcourse.storage import GameStore, NoSuchSave, SlotKey
from newcourse.storage.sql import Base, Counted, SqlGameStore, StaleGame
from newcourse.storage.sql.checkpoints import EVERY, WARN_AFTER, Checkpoints
from newcourse.storage.sql.direct import DirectWrites
from newcourse.storage.sql.statements import COUNT, REPLACE_AT

from .conftest import MakeApp, armed

KEY = SlotKey("someone", "left_opposition", "autosave")
SAVE = {"snapshot": {"turn": 2}, "decisions": []}


def test_the_store_keeps_the_protocol(any_database: str) -> None:
    store: GameStore = SqlGameStore(any_database)
    assert isinstance(store, SqlGameStore)
    store.migrate()
    assert not store.has(KEY)
    with pytest.raises(NoSuchSave):
        store.read(KEY)
    store.write(KEY, SAVE)
    named = KEY._replace(slot="mine")
    store.write(named, {**SAVE, "snapshot": {"turn": 5}})
    assert store.read(KEY) == SAVE and store.has(named)
    listed = store.slots("someone", "left_opposition")
    assert [(s.key.slot, s.kind, s.summary) for s in listed] == [
        ("autosave", "autosave", "turn 3"),
        ("mine", "named", "turn 6"),
    ]
    assert store.slots("someone else", "left_opposition") == []
    store.delete(named)
    store.delete(named)
    assert not store.has(named)
    store.close()


def test_a_write_at_an_old_revision_is_refused(any_database: str) -> None:
    store = SqlGameStore(any_database)
    store.migrate()
    first = store.write(KEY, SAVE, revision=0)
    assert first == 1
    assert store.write(KEY, SAVE, revision=1) == 2
    with pytest.raises(StaleGame):
        store.write(KEY, {"other": True}, revision=1)
    with pytest.raises(StaleGame):
        store.write(KEY, SAVE, revision=0)  # "only if empty"
    assert store.read_revision(KEY) == (SAVE, 2)
    assert issubclass(StaleGame, SaveError)
    store.close()


def test_the_migrated_schema_matches_the_models(any_database: str) -> None:
    store = SqlGameStore(any_database)
    store.migrate()
    store.migrate()  # a second start changes nothing
    tables = inspect(store.engine)
    for table in Base.metadata.sorted_tables:
        columns = {c["name"] for c in tables.get_columns(table.name)}
        assert columns == {c.name for c in table.columns}, table.name
    assert store.secret("cookie") == store.secret("cookie") != store.secret("other")
    store.close()


def test_games_survive_a_restart_of_the_server(make_app: MakeApp, any_database: str) -> None:
    with TestClient(make_app(any_database)) as before:
        armed(before)
        before.post("/api/game", json={"seed": 2})
        before.post("/api/game/choose", json={"option": 1})
        before.put("/api/slots/kept")
        cookie = dict(before.cookies)
        seen = before.get("/api/game").json()
    with TestClient(make_app(any_database), cookies=cookie) as after:
        armed(after)
        again = after.get("/api/game")
        assert again.status_code == 200, "the signing key is kept in the database too"
        assert again.json()["view"] == seen["view"]
        assert [s["slot"] for s in after.get("/api/slots").json()] == ["autosave", "kept"]
        assert after.post("/api/game/choose", json={"option": 1}).status_code == 200


def test_sqlite_checkpoints_are_taken_beside_the_writes_not_by_them(database: str) -> None:
    store = SqlGameStore(database)
    store.migrate()
    with store.engine.connect() as connection:
        never = connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar()
    assert never == 0, "a commit never copies the log back itself"
    revision = store.write(KEY, SAVE)
    for turn in range(3 * EVERY):
        revision = store.write(KEY, {**SAVE, "snapshot": {"turn": turn}}, revision=revision)
    store.close()  # waits for the checkpoint under way
    assert store.checkpoints is not None and store.checkpoints.taken >= 1
    again = SqlGameStore(database)
    assert again.read(KEY)["snapshot"] == {"turn": 3 * EVERY - 1}
    again.close()


def test_a_decision_written_on_the_drivers_connection_reads_as_any_write(database: str) -> None:
    store = SqlGameStore(database)
    store.migrate()
    first = store.write(KEY, SAVE)
    moved = {**SAVE, "snapshot": {"turn": 7}}
    counted = (Counted("plenum", "speak"), Counted("plenum", "speak"), Counted("plenum", "wait"))
    assert store.write(KEY, moved, revision=first, counted=counted) == first + 1
    with pytest.raises(StaleGame):  # the same revision again: nothing is written or counted
        store.write(KEY, SAVE, revision=first, counted=counted)
    assert store.read_revision(KEY) == (moved, first + 1)
    assert store.choices("left_opposition", "plenum") == {"speak": 2, "wait": 1}
    (slot,) = store.slots("someone", "left_opposition")
    assert slot.summary == "turn 8"
    assert abs(slot.modified - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
    store.close()


def test_a_locked_database_refuses_a_direct_write_as_sqlalchemy_would(database: str) -> None:
    store = SqlGameStore(database)
    store.migrate()
    store.write(KEY, SAVE)
    impatient = create_engine(database, connect_args={"timeout": 0.05})
    writes = DirectWrites(impatient, REPLACE_AT, COUNT["sqlite"], committed=lambda: None)
    values = {
        "k_player": KEY.player,
        "k_campaign": KEY.campaign,
        "k_slot": KEY.slot,
        "k_revision": 1,
        "v_data": "{}",
        "v_summary": "",
        "v_modified": dt.datetime.now(dt.UTC),
    }
    other = sqlite3.connect(database.removeprefix("sqlite:///"), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    with pytest.raises(OperationalError, match="locked"):
        writes.write(values, [])
    other.execute("ROLLBACK")
    other.close()
    assert writes.write(values, []) == 2, "a write once the lock is free goes through"
    assert writes.write(values, []) is None, "and the slot is no longer at revision 1"
    writes.close()
    impatient.dispose()
    store.close()


def test_writers_racing_at_one_revision_let_exactly_one_through(database: str) -> None:
    """Eight requests in two processes (two stores on one file), all decided on the same
    revision: one decision is written and counted, seven are refused as stale."""
    stores = [SqlGameStore(database), SqlGameStore(database)]
    stores[0].migrate()
    revision = stores[0].write(KEY, SAVE)
    start = threading.Barrier(8)
    written: list[int | None] = []

    def decide(store: SqlGameStore) -> None:
        start.wait()
        try:
            written.append(store.write(KEY, SAVE, revision=revision, counted=[Counted("e", "o")]))
        except StaleGame:
            written.append(None)

    racers = [threading.Thread(target=decide, args=(stores[n % 2],)) for n in range(8)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()
    assert sorted(written, key=lambda w: w is None) == [revision + 1] + [None] * 7
    assert stores[1].choices("left_opposition", "e") == {"o": 1}
    for store in stores:
        store.close()


def test_a_checkpoint_that_fails_is_logged_not_raised(
    database: str, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = create_engine(database)

    def gone() -> None:
        raise OperationalError("PRAGMA wal_checkpoint(PASSIVE)", None, Exception("disk gone"))

    monkeypatch.setattr(engine, "connect", gone)
    checkpoints = Checkpoints(engine, every=1)
    with caplog.at_level(logging.WARNING, logger="newcourse.storage"):
        checkpoints.committed()
        checkpoints.close()  # waits for the checkpoint under way
    assert (checkpoints.taken, checkpoints.failed) == (0, 1)
    assert "could not be copied back (1 time(s) in a row): disk gone" in caplog.text
    engine.dispose()


def test_a_log_a_reader_keeps_from_being_copied_back_is_reported(
    database: str, caplog: pytest.LogCaptureFixture
) -> None:
    store = SqlGameStore(database)
    store.migrate()
    revision = store.write(KEY, SAVE)
    reader = sqlite3.connect(database.removeprefix("sqlite:///"), isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM saves").fetchall()  # holds this snapshot open
    checkpoints = store.checkpoints
    assert checkpoints is not None
    with caplog.at_level(logging.WARNING, logger="newcourse.storage"):
        for _ in range(20 * WARN_AFTER * EVERY):
            revision = store.write(KEY, SAVE, revision=revision)
            if checkpoints.short >= WARN_AFTER:
                break
        store.close()
    reader.close()
    assert checkpoints.short >= WARN_AFTER
    assert "has not been copied back whole" in caplog.text
