"""The SQL store keeps councils' records append-only: one writer per step, in order."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from newcourse.storage.sql import CodeTaken, SqlCouncilStore, SqlGameStore, StaleCouncil

FIRST = [{"kind": "created", "at": 1}, {"kind": "joined", "at": 1}]


def _store(url: str) -> tuple[SqlGameStore, SqlCouncilStore]:
    games = SqlGameStore(url)
    games.migrate()
    return games, SqlCouncilStore(games.engine)


def test_records_are_kept_in_order_and_found_by_code(any_database: str) -> None:
    games, councils = _store(any_database)
    assert councils.create("c1", "ABC234", "left_opposition", FIRST) == 2
    assert councils.find("ABC234") == ("c1", "left_opposition")
    assert councils.find("abc234") is None and councils.find("ZZZ999") is None
    assert councils.append("c1", 2, [{"kind": "voted", "text": "Ленин"}]) == 3
    assert councils.append("c1", 3, []) == 3
    assert councils.last("c1") == 3 and councils.last("nobody") == 0
    assert councils.records("c1") == [
        (1, FIRST[0]),
        (2, FIRST[1]),
        (3, {"kind": "voted", "text": "Ленин"}),
    ]
    assert councils.records("c1", after=2) == [(3, {"kind": "voted", "text": "Ленин"})]
    games.close()


def test_two_writers_cannot_append_the_same_step(any_database: str) -> None:
    games, councils = _store(any_database)
    councils.create("c1", "ABC234", "left_opposition", FIRST)
    other = SqlCouncilStore(games.engine)  # as a second server process would
    other.append("c1", 2, [{"kind": "voted", "by": "m2"}])
    with pytest.raises(StaleCouncil):
        councils.append("c1", 2, [{"kind": "voted", "by": "m3"}, {"kind": "closed"}])
    assert [data for _, data in councils.records("c1")][2:] == [{"kind": "voted", "by": "m2"}]
    assert councils.last("c1") == 3, "nothing of the refused append is kept"
    games.close()


def test_a_code_or_id_is_one_councils(any_database: str) -> None:
    games, councils = _store(any_database)
    councils.create("c1", "ABC234", "left_opposition", FIRST)
    with pytest.raises(CodeTaken):
        councils.create("c2", "ABC234", "left_opposition", FIRST)
    with pytest.raises(CodeTaken):
        councils.create("c1", "XYZ789", "left_opposition", FIRST)
    assert councils.find("XYZ789") is None and councils.records("c2") == []
    games.close()


def test_the_migration_makes_the_councils_tables(any_database: str) -> None:
    games, _ = _store(any_database)
    tables = inspect(games.engine)
    assert {"councils", "council_records"} <= set(tables.get_table_names())
    keys = tables.get_pk_constraint("council_records")["constrained_columns"]
    assert sorted(keys) == ["council", "seq"]
    games.close()
