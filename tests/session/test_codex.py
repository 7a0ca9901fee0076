"""The codex as the front-ends show it: its notes in the order of their dates."""

from __future__ import annotations

import pytest

from newcourse.engine import Campaign
from newcourse.session import Codex
from newcourse.session.codex import chronological


@pytest.mark.parametrize(
    ("date", "begins"),
    [
        ("16–18 January 1924", (1924, 1, 16)),
        ("16 March 1921; point 7 made public in January 1924", (1921, 3, 16)),
        ("April or May 1925 (sources differ) – September 1927", (1925, 4, 0)),
        ("1923–1925", (1923, 0, 0)),
        ("From 25 October 1923", (1923, 10, 25)),
        ("the words of autumn 1924 – 1926", (1924, 0, 0)),
        ("undated", (9999, 0, 0)),
    ],
)
def test_a_notes_date_begins_with_its_first_year_month_and_day(
    date: str, begins: tuple[int, int, int]
) -> None:
    assert chronological(date) == begins


def test_the_codex_runs_from_the_earliest_note_to_the_latest(real: Campaign) -> None:
    notes = list(Codex(real).values())
    assert len(notes) == len(real.codex)
    starts = [chronological(note.date) for note in notes]
    assert starts == sorted(starts)
    titles = [note.title for note in notes]
    assert titles.index("Kronstadt, March 1921") < titles.index("The death of Lenin")
    assert titles.index("The 13th Party Conference") < titles.index("The death of Lenin")
