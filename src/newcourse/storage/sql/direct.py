"""A decision's write on SQLite, run on the driver's own connection.

The web player's most frequent write replaces a game's save at the revision it
was read at and counts the decision in what the games chose. Through
SQLAlchemy's execution layer (the connection from the pool, the execution
context, the events, the result) those two statements cost about five times
what SQLite takes to run them. ``DirectWrites`` runs the same statements, built
with SQLAlchemy Core and compiled once for SQLite, on one connection of the
driver's own (``Engine.raw_connection``), the way SQLAlchemy documents for a
path that must be quick.

The connection is held for the store's life and used under the store's write
lock, so the threads of one process take turns on it. Errors of the driver are
raised as SQLAlchemy's (``OperationalError`` for a database that is locked or
gone), as every other call of the store raises them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import Any, NamedTuple, cast

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

__all__ = ["DirectWrites", "Prepared"]


class Prepared(NamedTuple):
    """A statement as SQLite's driver takes it: its SQL, the names of its parameters in
    order, the values of those the statement fixes itself, and how the values of some
    types are written (a moment as text, as SQLAlchemy writes it for SQLite)."""

    sql: str
    names: tuple[str, ...]
    fixed: dict[str, Any]
    processors: dict[str, Callable[[Any], Any]]

    @classmethod
    def of(cls, statement: ClauseElement, engine: Engine) -> Prepared:
        """``statement`` compiled once for ``engine``'s dialect."""
        dialect = engine.dialect
        compiled = cast(SQLCompiler, statement.compile(dialect=dialect))
        fixed: dict[str, Any] = {}
        processors: dict[str, Callable[[Any], Any]] = {}
        for name, bind in compiled.binds.items():
            if not bind.required:
                fixed[name] = bind.effective_value
            process = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if process is not None:
                processors[name] = process
        return cls(str(compiled), tuple(compiled.positiontup or ()), fixed, processors)

    def parameters(self, values: dict[str, Any]) -> list[Any]:
        """The statement's parameters in order, from ``values`` by name."""
        found = {**self.fixed, **values}
        for name, process in self.processors.items():
            found[name] = process(found[name])
        return [found[name] for name in self.names]


class DirectWrites:
    """Replace a slot at a revision and count decisions, in one transaction on a driver
    connection of ``engine``'s kept for the purpose. ``committed`` is called after each
    commit (SQLAlchemy's commit event does not see this connection's)."""

    def __init__(
        self,
        engine: Engine,
        replace_at: ClauseElement,
        count: ClauseElement,
        committed: Callable[[], None],
    ) -> None:
        self.engine = engine
        self.replace_at = Prepared.of(replace_at, engine)
        self.count = Prepared.of(count, engine)
        self.committed = committed
        self._held: Any = None  # the pool's connection, opened at the first write

    def write(self, values: dict[str, Any], counted: Sequence[dict[str, Any]]) -> int | None:
        """Run the replacement with ``values`` and a count for each of ``counted``; the
        slot's new revision, or None when the slot was not at the revision (nothing is
        written then). The caller holds the store's write lock."""
        connection = self._connection()
        statement = self.replace_at
        try:
            cursor = connection.cursor()
            try:
                cursor.execute(statement.sql, statement.parameters(values))
                row = cursor.fetchone()
                if row is None:
                    connection.rollback()
                    return None
                statement = self.count
                for decision in counted:
                    cursor.execute(statement.sql, statement.parameters(decision))
            finally:
                cursor.close()
            connection.commit()
        except sqlite3.Error as error:
            with suppress(sqlite3.Error):  # a connection that is gone has nothing to undo
                connection.rollback()
            self._let_go()  # the next write opens another, should this one be broken
            raise DBAPIError.instance(
                statement.sql, None, error, sqlite3.Error, dialect=self.engine.dialect
            ) from error
        self.committed()
        return int(row[0])

    def _connection(self) -> sqlite3.Connection:
        if self._held is None:
            self._held = self.engine.raw_connection()
        connection: sqlite3.Connection = self._held.driver_connection
        return connection

    def _let_go(self) -> None:
        if self._held is not None:
            with suppress(sqlite3.Error):
                self._held.close()
            self._held = None

    def close(self) -> None:
        """Give the connection back to the pool (the engine's ``dispose`` closes it)."""
        self._let_go()
