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

import logging
from concurrent.futures import ThreadPoolExecutor
from threading import Lock
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import SQLAlchemyError

__all__ = ["EVERY", "WARN_AFTER", "Checkpoints"]

log = logging.getLogger("newcourse.storage")

EVERY = 100
"""Commits between two checkpoints: a few hundred pages of log, well under SQLite's
thousand."""
WARN_AFTER = 10
"""Checkpoints in a row that leave part of the log behind before the log says so."""


class Checkpoints:
    """Checkpoints of the SQLite database behind ``engine``, one every ``every`` of its
    commits, in a thread of their own; ``close()`` waits for the one under way."""

    def __init__(self, engine: Engine, every: int = EVERY) -> None:
        self.engine = engine
        self.every = every
        self.taken = 0
        """Checkpoints taken so far."""
        self.failed = 0
        """Checkpoints that failed in a row, up to now."""
        self.short = 0
        """Checkpoints in a row, up to now, that left part of the log behind (a reader was
        still on an older snapshot of the database)."""
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
                # (busy, pages in the log, pages of it copied back)
                row = connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").first()
            self.taken += 1
            self.failed = 0
            left = row[1] - row[2] if row is not None and row[1] >= 0 else 0
            self.short = self.short + 1 if left > 0 else 0
            if self.short and self.short % WARN_AFTER == 0:
                log.warning(
                    "the database's write-ahead log has not been copied back whole for %d "
                    "checkpoints (%d pages left): a reader keeps an old snapshot open",
                    self.short,
                    left,
                )
        except SQLAlchemyError as error:
            # the database is busy or gone: the next checkpoint copies what this one left,
            # but a log that is never copied back grows, so say so
            self.failed += 1
            log.warning(
                "the database's write-ahead log could not be copied back (%d time(s) in a row): %s",
                self.failed,
                getattr(error, "orig", None) or error,
            )
        finally:
            with self._lock:
                self._running = False

    def close(self) -> None:
        """Stop taking checkpoints (SQLite takes the last when its last connection closes)."""
        if event.contains(self.engine, "commit", self._committed):
            event.remove(self.engine, "commit", self._committed)
        self._thread.shutdown(wait=True)
