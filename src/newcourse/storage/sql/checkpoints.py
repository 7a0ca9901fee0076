"""SQLite's checkpoints, taken off the path of the requests.

In WAL mode SQLite appends every commit to a log and, by default, the commit that
fills the log past a thousand pages copies it back into the database file and
waits for the disk (a checkpoint). On a server that commit was some player's
request: it waited tens of milliseconds, and on the event loop so did every other.
Here the store's connections never checkpoint (``PRAGMA wal_autocheckpoint=0``, set
where the engine is made); instead, every ``EVERY`` commits of the engine, a
thread of its own copies what it can of the log back (a ``PASSIVE`` checkpoint,
which waits for no lock), while the requests go on.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from threading import Lock
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import SQLAlchemyError

__all__ = ["EVERY", "Checkpoints"]

EVERY = 100
"""Commits between two checkpoints: a few hundred pages of log, well under SQLite's
thousand."""


class Checkpoints:
    """Checkpoints of the SQLite database behind ``engine``, one every ``every`` of its
    commits, in a thread of their own; ``close()`` waits for the one under way."""

    def __init__(self, engine: Engine, every: int = EVERY) -> None:
        self.engine = engine
        self.every = every
        self.taken = 0
        """Checkpoints taken so far."""
        self._commits = 0
        self._running = False
        self._lock = Lock()
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="checkpoint")
        event.listen(engine, "commit", self._committed)

    def _committed(self, _connection: Any) -> None:
        self.committed()

    def committed(self) -> None:
        """Count a commit made on the engine's database; every ``every`` of them, take a
        checkpoint. (SQLAlchemy's commits are counted without this call.)"""
        with self._lock:
            self._commits += 1
            if self._commits < self.every or self._running:
                return
            self._commits, self._running = 0, True
        self._thread.submit(self._checkpoint)

    def _checkpoint(self) -> None:
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
            self.taken += 1
        except SQLAlchemyError:
            pass  # the database is busy or gone: the next checkpoint copies what this one left
        finally:
            with self._lock:
                self._running = False

    def close(self) -> None:
        """Stop taking checkpoints (SQLite takes the last when its last connection closes)."""
        if event.contains(self.engine, "commit", self._committed):
            event.remove(self.engine, "commit", self._committed)
        self._thread.shutdown(wait=True)
