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
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, create_engine, delete, event, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from ...engine import Quarter, SaveError
from ..files import MAX_SAVE_BYTES, NoSuchSave
from ..saves import AUTOSAVE, PREVIOUS, clean_name, summarise
from ..slots import SlotInfo, SlotKey
from .models import ChoiceRow, SaveRow, SecretRow

__all__ = ["SqlGameStore", "StaleGame", "migrate", "sqlite_url"]

MIGRATIONS = "newcourse.storage.sql:migrations"
"""Where Alembic finds the store's migrations: inside the installed package."""


class StaleGame(SaveError):
    """The slot was written by someone else since it was read: the write is refused."""


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

    def migrate(self) -> None:
        """Create or update the schema (see ``migrate``)."""
        migrate(self.engine)

    def close(self) -> None:
        """Close every connection the store holds."""
        self.engine.dispose()

    # ------------------------------------------------------------ the protocol

    def read(self, key: SlotKey) -> dict[str, Any]:
        return self.read_revision(key)[0]

    def read_revision(self, key: SlotKey) -> tuple[dict[str, Any], int]:
        """The save's data and its revision (for ``write(..., revision=...)``)."""
        with self.sessions() as session:
            row = session.scalars(_where(select(SaveRow), key)).first()
            if row is None:
                raise NoSuchSave(f"there is no save called {clean_name(key.slot)!r}")
            try:
                data = json.loads(row.data)
            except ValueError:
                raise SaveError("the save is damaged (it is not valid JSON)") from None
            if not isinstance(data, dict):
                raise SaveError("the save is not a New Course save")
            return data, row.revision

    def write(self, key: SlotKey, data: dict[str, Any], *, revision: int | None = None) -> int:
        """Keep ``data`` in the slot; returns the slot's new revision.

        With ``revision``, the slot must still be at that revision (or empty when it
        is 0): otherwise StaleGame, and nothing is written.
        """
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        if len(text.encode("utf-8")) > MAX_SAVE_BYTES:
            raise SaveError("the game is too large to save")
        now = dt.datetime.now(dt.UTC)
        summary = summarise(data, self.start)[:200]
        with self.sessions.begin() as session:
            if revision is None or revision > 0:
                found = _where(update(SaveRow), key)
                if revision is not None:
                    found = found.where(SaveRow.revision == revision)
                changed = session.execute(
                    found.values(
                        data=text, summary=summary, modified=now, revision=SaveRow.revision + 1
                    ).returning(SaveRow.revision)
                ).scalar()
                if changed is not None:
                    return int(changed)
                if revision is not None:
                    raise StaleGame("the game was changed elsewhere meanwhile; reload it")
            try:
                with session.begin_nested():
                    session.add(
                        SaveRow(
                            player=key.player,
                            campaign=key.campaign,
                            slot=key.slot,
                            data=text,
                            summary=summary,
                            revision=1,
                            modified=now,
                        )
                    )
            except IntegrityError:
                raise StaleGame("the game was changed elsewhere meanwhile; reload it") from None
        return 1

    def has(self, key: SlotKey) -> bool:
        with self.sessions() as session:
            return session.scalars(_where(select(SaveRow.id), key)).first() is not None

    def delete(self, key: SlotKey) -> None:
        with self.sessions.begin() as session:
            session.execute(_where(delete(SaveRow), key))

    def slots(self, player: str, campaign: str) -> list[SlotInfo]:
        with self.sessions() as session:
            rows = session.execute(
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
        found = update(ChoiceRow).where(
            ChoiceRow.campaign == campaign, ChoiceRow.event == event, ChoiceRow.option == option
        )
        if games < 0:
            found = found.where(ChoiceRow.games + games >= 0)
        for _ in range(3):
            with self.sessions.begin() as session:
                counted = session.execute(found.values(games=ChoiceRow.games + games))
                if cast(CursorResult[Any], counted).rowcount:
                    return
                if games < 0:
                    return  # nothing counted to take back
                try:
                    with session.begin_nested():
                        session.add(
                            ChoiceRow(campaign=campaign, event=event, option=option, games=games)
                        )
                    return
                except IntegrityError:  # another process counted the first; count again
                    continue

    def choices(self, campaign: str, event: str) -> dict[str, int]:
        """How many games took each option at ``event``, by option id (none: not counted)."""
        with self.sessions() as session:
            rows = session.execute(
                select(ChoiceRow.option, ChoiceRow.games).where(
                    ChoiceRow.campaign == campaign, ChoiceRow.event == event, ChoiceRow.games > 0
                )
            ).all()
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


def _where(statement: Any, key: SlotKey) -> Any:
    return statement.where(
        SaveRow.player == key.player, SaveRow.campaign == key.campaign, SaveRow.slot == key.slot
    )


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite gives back naive times; they were written in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
