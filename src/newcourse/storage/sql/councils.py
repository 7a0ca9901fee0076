"""Councils in the SQL store: each council's records, append-only, in the order they were made.

A council is its minutes (``newcourse.council``): the store keeps, for each
council, its id, short join code, campaign and time of creation, and its
records as JSON data numbered from 1 (``seq``). The store knows nothing of what
a record means. An append names the last number its writer read; two writers
that read the same number cannot both append (the second gets ``StaleCouncil``
and nothing of its records is kept), so two server processes never write the
same step twice.

The statements of a vote's path (reading the records after a number, appending,
finding a code) are built once, with bound parameters, and run on a connection
of their own, one transaction an append: no ORM session on the way.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from threading import Lock
from typing import Any, cast

from sqlalchemy import (
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    bindparam,
    func,
    insert,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from ...engine import SaveError
from .models import Base

__all__ = ["CodeTaken", "CouncilRecordRow", "CouncilRow", "SqlCouncilStore", "StaleCouncil"]


class StaleCouncil(SaveError):
    """Someone appended to the council since it was read: the append is refused whole."""


class CodeTaken(SaveError):
    """Another council already has that id or join code: nothing was created."""


class CouncilRow(Base):
    """A council: its id, the short code delegates join by, its campaign, its creation."""

    __tablename__ = "councils"
    __table_args__ = (UniqueConstraint("code", name="uq_councils_code"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    code: Mapped[str] = mapped_column(String(16))
    campaign: Mapped[str] = mapped_column(String(100))
    created: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class CouncilRecordRow(Base):
    """One record of a council's minutes, as JSON data; ``seq`` counts from 1, and a
    council has one record of each number."""

    __tablename__ = "council_records"

    council: Mapped[str] = mapped_column(
        String(32), ForeignKey("councils.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    data: Mapped[str] = mapped_column(Text)


# The statements, built once: building one costs more than running it.
COUNCILS = cast(Table, CouncilRow.__table__)
RECORDS = cast(Table, CouncilRecordRow.__table__)
ADD_COUNCIL = insert(COUNCILS).values(
    id=bindparam("council"),
    code=bindparam("code"),
    campaign=bindparam("campaign"),
    created=bindparam("created"),
)
ADD_RECORD = insert(RECORDS).values(
    council=bindparam("council"), seq=bindparam("seq"), data=bindparam("data")
)
AFTER = (
    select(RECORDS.c.seq, RECORDS.c.data)
    .where(RECORDS.c.council == bindparam("council"), RECORDS.c.seq > bindparam("after"))
    .order_by(RECORDS.c.seq)
)
LAST = select(func.max(RECORDS.c.seq)).where(RECORDS.c.council == bindparam("council"))
FIND = select(COUNCILS.c.id, COUNCILS.c.campaign).where(COUNCILS.c.code == bindparam("code"))


class SqlCouncilStore:
    """Councils' records in the database ``engine`` reaches (the one the games use)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.local = engine.dialect.name == "sqlite"
        """Whether the database is a file of this machine (SQLite): its calls take a
        fraction of a millisecond."""
        # SQLite lets one writer in at a time and makes the others sleep and retry: the
        # threads of this process take turns here instead, which costs them no sleep
        self._writing: AbstractContextManager[Any] = Lock() if self.local else nullcontext()

    def create(
        self, council: str, code: str, campaign: str, records: Sequence[dict[str, Any]]
    ) -> int:
        """A new council with its first records; the number of the last. ``CodeTaken``
        when the id or the code is another council's."""
        made = {"council": council, "code": code, "campaign": campaign, "created": _now()}
        try:
            with self._writing, self.engine.begin() as connection:
                connection.execute(ADD_COUNCIL, made)
                if records:
                    connection.execute(ADD_RECORD, _rows(council, 0, records))
        except IntegrityError:
            raise CodeTaken(f"the council code {code!r} is taken") from None
        return len(records)

    def append(self, council: str, after: int, records: Sequence[dict[str, Any]]) -> int:
        """Append ``records`` after record number ``after``, which must be the council's
        last; the number of the new last. ``StaleCouncil`` when another writer was first."""
        if not records:
            return after
        try:
            with self._writing, self.engine.begin() as connection:
                connection.execute(ADD_RECORD, _rows(council, after, records))
        except IntegrityError:
            raise StaleCouncil("the council moved on since it was read") from None
        return after + len(records)

    def records(self, council: str, after: int = 0) -> list[tuple[int, dict[str, Any]]]:
        """The council's records after number ``after``, with their numbers, in order."""
        with self.engine.connect() as connection:
            rows = connection.execute(AFTER, {"council": council, "after": after}).all()
        return [(seq, json.loads(data)) for seq, data in rows]

    def last(self, council: str) -> int:
        """The number of the council's last record (0 when it has none)."""
        with self.engine.connect() as connection:
            found = connection.execute(LAST, {"council": council}).scalar()
        return int(found or 0)

    def find(self, code: str) -> tuple[str, str] | None:
        """The id and campaign of the council whose join code is ``code``, or None."""
        with self.engine.connect() as connection:
            row = connection.execute(FIND, {"code": code}).first()
        return None if row is None else (row[0], row[1])


def _rows(
    council: str, after: int, records: Sequence[dict[str, Any]]
) -> dict[str, Any] | list[dict[str, Any]]:
    """The parameters of ``ADD_RECORD`` for ``records``: one set for one record (a plain
    execution is cheaper than a batch), a list for more."""
    rows = [
        {
            "council": council,
            "seq": after + number,
            "data": json.dumps(record, ensure_ascii=False, separators=(",", ":")),
        }
        for number, record in enumerate(records, start=1)
    ]
    return rows[0] if len(rows) == 1 else rows


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
