"""The support in the constituencies as one compact block: the sidebar's lines and
the plain player's status line."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from newcourse.engine import Campaign, Game
from newcourse.terminal.sidebar import MeterRow, compact_lines, short_label
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


def test_a_label_cut_short_leaves_out_a_leading_the() -> None:
    assert short_label("The majority (the Secretariat, with the Petrograd)", 4) == "Majo"
    assert short_label("The Right", 3) == "Rig"
    assert short_label("Left Opposition", None) == "Left Opposition"
    factions = [("Left Opposition", "16%"), ("The majority (the Secretariat)", "84%")]
    assert compact_lines([*factions, ("Uncommitted", "0%")], 20) == [
        "Left 16% · Majo 84%",
        "Unco 0%",
    ]


class OneRow(App[None]):
    """A sidebar's width of one row, as at 80 columns."""

    def compose(self) -> ComposeResult:
        row = MeterRow("China")
        row.styles.width = 22
        yield row


@pytest.mark.asyncio
async def test_a_figure_in_words_is_cut_before_the_label() -> None:
    app = OneRow()
    async with app.run_test(size=(40, 5)) as pilot:
        row = app.query_one(MeterRow)
        row.set(32, 0.3, 0, figure="Canton Commune crushed")
        await pilot.pause()
        line = row.render().plain
        assert line.startswith("China ") and line.endswith("…") and len(line) == 22
        row.set(32, 0.3, -4, figure="ebbing")
        await pilot.pause()
        assert row.render().plain == "China".ljust(13) + "ebbing -4"
