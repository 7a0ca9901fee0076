"""The support in the constituencies as one compact block: the sidebar's lines and
the plain player's status line."""

from __future__ import annotations

from newcourse.engine import Campaign, Game
from newcourse.terminal.sidebar import compact_lines
from newcourse.terminal.words import status_lines

SUPPORT = [("Moscow", 22), ("Petrograd", 5), ("Provinces", 6), ("Army", 25), ("Colleges", 35)]


def test_a_wide_sidebar_shows_the_labels_in_full() -> None:
    assert compact_lines(SUPPORT, 60) == [
        "Moscow 22 · Petrograd 5 · Provinces 6 · Army 25",
        "Colleges 35",
    ]


def test_a_narrow_sidebar_cuts_the_labels_to_keep_two_lines() -> None:
    assert compact_lines(SUPPORT, 36) == [
        "Moscow 22 · Petrograd 5",
        "Provinces 6 · Army 25 · Colleges 35",
    ]
    assert compact_lines(SUPPORT, 30) == ["Mosc 22 · Petr 5 · Prov 6", "Army 25 · Coll 35"]
    assert compact_lines(SUPPORT, 20) == ["Mos 22 Pet 5 Pro 6", "Arm 25 Col 35"]


def test_too_narrow_for_two_lines_it_takes_more_and_breaks_no_item() -> None:
    lines = compact_lines(SUPPORT, 9)
    assert lines == ["Mos 22", "Pet 5", "Pro 6", "Arm 25", "Col 35"]
    assert all(len(line) <= 9 for line in lines)


def test_the_status_gives_the_support_a_line_of_its_own(real: Campaign) -> None:
    view = Game.start(real, seed=1).view()
    assert "Support: Moscow 22, Petrograd 5, Provinces 6, Army 25, Colleges 35." in (
        status_lines(view)
    )
