"""``SqlGameStore``: the ``GameStore`` protocol over SQLAlchemy, and its migrations.

SQLite (a file, by default in the player's data folder) or PostgreSQL
(``postgresql+psycopg://...``). Each save is one row; a write replaces the row
whole in one transaction. ``write`` with ``revision`` replaces the slot only if
nobody wrote it since it was read at that revision, so that two requests for
one game (from two server processes) cannot both apply a decision.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets as token
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path
from threading import Lock
from typing import Any, NamedTuple, cast

from pydantic_core import PydanticSerializationError, to_json
from sqlalchemy import (
    Connection,
    CursorResult,
    Engine,
    create_engine,
    delete,
    event,
    insert,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from ...engine import Quarter, SaveError
from ..files import MAX_SAVE_BYTES, NoSuchSave
from ..saves import AUTOSAVE, PREVIOUS, clean_name, summarise
from ..slots import SlotInfo, SlotKey
from .checkpoints import Checkpoints
from .direct import DirectWrites
from .models import SaveRow, SecretRow
from .statements import (
    ADD,
    CHOICES,
    COUNT,
    COUNTS,
    FOUND,
    READ,
    RECOUNT,
    REPLACE,
    REPLACE_AT,
    REVISION,
    TAKE_BACK,
)

__all__ = ["Counted", "SqlGameStore", "StaleGame", "migrate", "sqlite_url"]

MIGRATIONS = "newcourse.storage.sql:migrations"
"""Where Alembic finds the store's migrations: inside the installed package."""


class StaleGame(SaveError):
    """The slot was written by someone else since it was read: the write is refused."""


class Counted(NamedTuple):
    """A decision to count in what the server's games chose (``games`` = -1: one taken back)."""

    event: str
    option: str
    games: int = 1


def sqlite_url(path: Path) -> str:
    """The URL of an SQLite database in the file ``path``."""
    return f"sqlite:///{path}"


def migrate(engine: Engine) -> None:
    """Bring the database's schema up to the newest migration (a no-op when it is)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    path = url.partition(":///")[2]
    if path and path != ":memory:":
        Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")  # readers do not wait for a writer
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA wal_autocheckpoint=0")  # checkpoints.Checkpoints takes them
        cursor.close()

    return engine


def _kind(slot: str) -> str:
    if slot == AUTOSAVE:
        return "autosave"
    return "previous" if slot == PREVIOUS or slot.startswith(f"{PREVIOUS}-") else "named"


class SqlGameStore:
    """Saves keyed by (player, campaign, slot) in an SQL database at ``url``.

    ``start`` (the campaign's first quarter) lets the list of saves name a season.
    Call ``migrate()`` once before use (the web server does at start-up).
    """

    def __init__(self, url: str, *, start: Quarter | None = None) -> None:
        self.url = url
        self.engine = _engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.start = start
        self._count = COUNT.get(self.engine.dialect.name)
        # SQLite lets one writer in at a time and makes the others sleep and retry: the
        # threads of one process take turns here instead, which costs them no sleep
        self._writing = Lock() if self.engine.dialect.name == "sqlite" else nullcontext()
        self.checkpoints = (
            Checkpoints(self.engine) if self.engine.dialect.name == "sqlite" else None
        )
        self._direct = (
            DirectWrites(self.engine, REPLACE_AT, COUNT["sqlite"], self.checkpoints.committed)
            if self.checkpoints is not None
            else None
        )

    def migrate(self) -> None:
        """Create or update the schema (see ``migrate``)."""
        migrate(self.engine)

    def close(self) -> None:
        """Close every connection the store holds."""
        if self._direct is not None:
            with self._writing:
                self._direct.close()
        if self.checkpoints is not None:
            self.checkpoints.close()
        self.engine.dispose()

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        with self._writing, self.engine.begin() as connection:
            yield connection

    # ------------------------------------------------------------ the protocol

    def read(self, key: SlotKey) -> dict[str, Any]:
        return self.read_revision(key)[0]

    def read_revision(self, key: SlotKey) -> tuple[dict[str, Any], int]:
        """The save's data and its revision (for ``write(..., revision=...)``)."""
        with self.engine.connect() as connection:
            row = connection.execute(READ, _slot(key)).first()
        if row is None:
            raise NoSuchSave(f"there is no save called {clean_name(key.slot)!r}")
        try:
            data = json.loads(row.data)
        except ValueError:
            raise SaveError("the save is damaged (it is not valid JSON)") from None
        if not isinstance(data, dict):
            raise SaveError("the save is not a New Course save")
        return data, int(row.revision)

    def revision(self, key: SlotKey) -> int:
        """The slot's revision, without its data. Raises NoSuchSave when it is empty.

        A slot's revision only grows while its row lives, and the web player never
        deletes a game in progress, so a revision names one content of the slot."""
        with self.engine.connect() as connection:
            found = connection.execute(REVISION, _slot(key)).scalar()
        if found is None:
            raise NoSuchSave(f"there is no save called {clean_name(key.slot)!r}")
        return int(found)

    def write(
        self,
        key: SlotKey,
        data: dict[str, Any],
        *,
        revision: int | None = None,
        counted: Sequence[Counted] = (),
    ) -> int:
        """Keep ``data`` in the slot; returns the slot's new revision.

        With ``revision``, the slot must still be at that revision (or empty when it
        is 0): otherwise StaleGame, and nothing is written. The decisions ``counted``
        are counted in what the games chose in the same transaction: a decision and
        its count are kept together or not at all.
        """
        try:
            encoded = to_json(data)  # pydantic's encoder: five times quicker than json.dumps
        except PydanticSerializationError:
            raise SaveError("the game holds something a save cannot keep") from None
        if len(encoded) > MAX_SAVE_BYTES:
            raise SaveError("the game is too large to save")
        values = {
            **_slot(key),
            "v_data": encoded.decode("utf-8"),
            "v_summary": summarise(data, self.start)[:200],
            "v_modified": dt.datetime.now(dt.UTC),
        }
        direct = self._direct
        if direct is not None and revision and all(d.games >= 0 for d in counted):
            return self._write_direct(direct, key, values, revision, counted)
        with self._transaction() as connection:
            written = self._replace(connection, values, revision)
            for decision in counted:
                self._count_in(connection, key.campaign, decision)
        return written

    def _write_direct(
        self,
        direct: DirectWrites,
        key: SlotKey,
        values: dict[str, Any],
        revision: int,
        counted: Sequence[Counted],
    ) -> int:
        """A write at a revision on SQLite, by ``DirectWrites`` (a decision's path)."""
        counts = [_count_values(key.campaign, decision) for decision in counted]
        with self._writing:
            written = direct.write({**values, "k_revision": revision}, counts)
        if written is None:
            raise _stale()
        return written

    def _replace(self, connection: Connection, values: dict[str, Any], revision: int | None) -> int:
        if revision is None or revision > 0:
            if revision is None:
                changed = connection.execute(REPLACE, values).scalar()
            else:
                changed = connection.execute(
                    REPLACE_AT, {**values, "k_revision": revision}
                ).scalar()
            if changed is not None:
                return int(changed)
            if revision is not None:
                raise _stale()
        try:
            with connection.begin_nested():
                connection.execute(ADD, values)
        except IntegrityError:
            raise _stale() from None
        return 1

    def has(self, key: SlotKey) -> bool:
        with self.engine.connect() as connection:
            return connection.execute(FOUND, _slot(key)).first() is not None

    def delete(self, key: SlotKey) -> None:
        with self._transaction() as connection:
            connection.execute(_where(delete(SaveRow), key))

    def slots(self, player: str, campaign: str) -> list[SlotInfo]:
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(SaveRow.slot, SaveRow.modified, SaveRow.summary).where(
                    SaveRow.player == player, SaveRow.campaign == campaign
                )
            ).all()
        found = [
            SlotInfo(SlotKey(player, campaign, slot), _kind(slot), _aware(modified), summary)
            for slot, modified, summary in rows
        ]
        order = {"autosave": 0, "named": 1, "previous": 2}
        found.sort(key=lambda s: (order[s.kind], -s.modified.timestamp(), s.key.slot))
        return found

    # ------------------------------------------------------------ what games chose

    def count_choice(self, campaign: str, event: str, option: str, games: int = 1) -> None:
        """Count one more game (``games`` = -1: one fewer, for a decision taken back)
        that took ``option`` at ``event``. Safe against other processes counting at once."""
        with self._transaction() as connection:
            self._count_in(connection, campaign, Counted(event, option, games))

    def _count_in(self, connection: Connection, campaign: str, decision: Counted) -> None:
        values = _count_values(campaign, decision)
        if decision.games < 0:  # never below nothing; nothing counted, nothing to take back
            connection.execute(TAKE_BACK, values)
        elif self._count is not None:
            connection.execute(self._count, values)
        else:  # a database without INSERT ... ON CONFLICT
            for _ in range(3):
                if cast(CursorResult[Any], connection.execute(RECOUNT, values)).rowcount:
                    return
                try:
                    with connection.begin_nested():
                        connection.execute(insert(CHOICES), _row(values))
                    return
                except IntegrityError:  # another process counted the first; count again
                    continue

    def choices(self, campaign: str, event: str) -> dict[str, int]:
        """How many games took each option at ``event``, by option id (none: not counted)."""
        with self.engine.connect() as connection:
            rows = connection.execute(COUNTS, {"c_campaign": campaign, "c_event": event}).all()
        return {option: games for option, games in rows}

    # ------------------------------------------------------------ server secrets

    def secret(self, name: str) -> str:
        """The server's secret called ``name``, made (at random) the first time it is asked."""
        with self.sessions() as session:
            found = session.get(SecretRow, name)
            if found is not None:
                return found.value
        try:
            with self.sessions.begin() as session:
                session.add(SecretRow(name=name, value=token.token_urlsafe(32)))
        except IntegrityError:  # another process made it first
            pass
        with self.sessions() as session:
            row = session.get(SecretRow, name)
            assert row is not None
            return row.value


def _stale() -> StaleGame:
    return StaleGame("the game was changed elsewhere meanwhile; reload it")


def _count_values(campaign: str, decision: Counted) -> dict[str, Any]:
    return {
        "c_campaign": campaign,
        "c_event": decision.event,
        "c_option": decision.option,
        "c_games": decision.games,
    }


def _slot(key: SlotKey) -> dict[str, str]:
    return {"k_player": key.player, "k_campaign": key.campaign, "k_slot": key.slot}


def _row(values: dict[str, Any]) -> dict[str, Any]:
    return {name[2:]: value for name, value in values.items()}


def _where(statement: Any, key: SlotKey) -> Any:
    return statement.where(
        SaveRow.player == key.player, SaveRow.campaign == key.campaign, SaveRow.slot == key.slot
    )


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite gives back naive times; they were written in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
