"""Councils kept in a store, and in memory while they sit: the ``CouncilStore`` protocol,
and the councils of this process as of their last stored record.

A council is read from its records (``council.fold``) once, then kept in memory
with the number of its last record; each later read asks the store only for the
records after that number and applies them, so a council another process moved
on is brought up to date, and one nobody touched costs one small query. A
command need not even ask (``held``): its records are stored after the last
number this process knows, which fails if another process stored one since;
then the council is read again, and read before each command from then on.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from threading import Lock
from typing import Any, Protocol

from ...council import Council, from_data, to_data
from ...engine import Campaign

__all__ = ["CACHED_COUNCILS", "CouncilStore", "Kept", "NoSuchCouncil", "Sitting"]

CACHED_COUNCILS = 128
"""Councils kept in memory, the most recently used."""
SHARED_COUNCILS = 4096
"""Councils remembered as written by another process too, the most recently seen."""


class NoSuchCouncil(LookupError):
    """No council has that code (or id) on this server."""


class CouncilStore(Protocol):
    """Where councils' records are kept, append-only (``storage.sql.SqlCouncilStore``)."""

    local: bool
    """Whether its calls are quick enough to make on the event loop (SQLite)."""

    def create(
        self, council: str, code: str, campaign: str, records: Sequence[dict[str, Any]]
    ) -> int:
        """Store a new council with its first records; the number of the last."""
        ...

    def append(self, council: str, after: int, records: Sequence[dict[str, Any]]) -> int:
        """Append after record ``after`` (the last one read); the new last number.
        Raises ``storage.sql.StaleCouncil`` when another writer was first."""
        ...

    def records(self, council: str, after: int = 0) -> list[tuple[int, dict[str, Any]]]:
        """The records after number ``after``, with their numbers."""
        ...

    def find(self, code: str) -> tuple[str, str] | None:
        """The id and campaign of the council with the join ``code``, or None."""
        ...


@dataclass
class Sitting:
    """A council as this process holds it: the council, and the number of its last
    stored record (records past it are being made and are not yet stored)."""

    council: Council
    seq: int

    def unsaved(self) -> list[dict[str, Any]]:
        """The records made since the last stored one, as data."""
        return [to_data(record) for record in self.council.state.records[self.seq :]]


class Kept:
    """The councils of ``campaign`` in ``store``, read and written through a cache."""

    def __init__(self, campaign: Campaign, store: CouncilStore) -> None:
        self.campaign = campaign
        self.store = store
        self._cache: OrderedDict[str, Sitting] = OrderedDict()
        self._shared: OrderedDict[str, None] = OrderedDict()
        self._lock = Lock()

    def load(self, council: str) -> Sitting:
        """The council as its stored records leave it. ``NoSuchCouncil`` when it has none."""
        with self._lock:
            sitting = self._cache.get(council)
        if sitting is None:
            rows = self.store.records(council)
            if not rows:
                raise NoSuchCouncil(council)
            records = [from_data(data) for _, data in rows]
            sitting = Sitting(Council.from_records(self.campaign, records), rows[-1][0])
        else:
            rows = self.store.records(council, after=sitting.seq)
            if rows:
                self._written_elsewhere(council)
            for seq, data in rows:
                sitting.council.state.apply(from_data(data))
                sitting.seq = seq
        self._remember(council, sitting)
        return sitting

    def held(self, council: str) -> Sitting | None:
        """The council as this process last stored or read it, without asking the store
        whether another process added to it since; None when it is not in memory, or when
        another process was seen to write it (it is then best read before it is used)."""
        with self._lock:
            if council in self._shared:
                return None
            sitting = self._cache.get(council)
            if sitting is not None:
                self._cache.move_to_end(council)
        return sitting

    def create(self, sitting: Sitting) -> None:
        """Store a council made just now (``storage.sql.CodeTaken`` if its code is taken)."""
        state = sitting.council.state
        sitting.seq = self.store.create(state.id, state.code, self.campaign.id, sitting.unsaved())
        self._remember(state.id, sitting)

    def save(self, sitting: Sitting) -> bool:
        """Append the records made since the last stored one; whether there were any.
        On ``StaleCouncil`` the council is forgotten (read again next time)."""
        unsaved = sitting.unsaved()
        if not unsaved:
            return False
        council = sitting.council.state.id
        try:
            sitting.seq = self.store.append(council, sitting.seq, unsaved)
        except Exception:
            self.forget(council)
            self._written_elsewhere(council)
            raise
        return True

    def forget(self, council: str) -> None:
        """Drop the council from memory: its state there is not its stored state."""
        with self._lock:
            self._cache.pop(council, None)

    def _written_elsewhere(self, council: str) -> None:
        with self._lock:
            self._shared[council] = None
            self._shared.move_to_end(council)
            while len(self._shared) > SHARED_COUNCILS:
                self._shared.popitem(last=False)

    def _remember(self, council: str, sitting: Sitting) -> None:
        with self._lock:
            self._cache[council] = sitting
            self._cache.move_to_end(council)
            while len(self._cache) > CACHED_COUNCILS:
                self._cache.popitem(last=False)
