"""Campaign Markdown as plain text: wrapped, never damaged, safe for any terminal."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from newcourse.terminal.plaintext import clean, inline_text, markdown_lines, markdown_to_text, wrap


def test_paragraphs_are_wrapped_and_emphasis_dropped() -> None:
    text = markdown_to_text(
        "The *troika* meets **before** every Politburo session, to settle what "
        "the Politburo will decide.\n\nA second paragraph.",
        40,
    )
    assert text == (
        "The troika meets before every Politburo\n"
        "session, to settle what the Politburo\n"
        "will decide.\n"
        "\n"
        "A second paragraph."
    )


def test_underscores_in_names_and_addresses_are_kept() -> None:
    text = markdown_to_text(
        "See https://en.wikipedia.org/wiki/The_Declaration_of_46 and the "
        "quality `party_democracy`, also written party_democracy.",
        100,
    )
    assert "https://en.wikipedia.org/wiki/The_Declaration_of_46" in text
    assert "`" not in text and text.count("party_democracy") == 2


def test_numbered_and_bulleted_lists_keep_their_lines_and_hang() -> None:
    text = markdown_to_text(
        "1. The resolution on party building, adopted unanimously on 5 December.\n"
        "2. The letter.\n\n"
        "- Preobrazhensky\n- Pyatakov\n",
        40,
    )
    assert text.splitlines() == [
        "1. The resolution on party building,",
        "   adopted unanimously on 5 December.",
        "2. The letter.",
        "",
        "- Preobrazhensky",
        "- Pyatakov",
    ]


def test_a_list_that_starts_later_counts_from_there_and_aligns() -> None:
    lines = markdown_lines("9. nine\n10. ten\n", 40)
    assert lines == ["9.  nine", "10. ten"]


def test_headings_quotes_and_links() -> None:
    lines = markdown_lines(
        "## What really happened\n\n"
        "> The party is always right, said Trotsky in May, and the hall was silent.\n\n"
        "Read [the Declaration](https://en.wikipedia.org/wiki/The_Declaration_of_46) "
        "or <https://www.marxists.org>.",
        40,
    )
    assert lines[0] == "What really happened"
    assert lines[2:5] == [
        "  The party is always right, said",
        "  Trotsky in May, and the hall was",
        "  silent.",
    ]
    joined = " ".join(lines[6:])  # the address is wider than the line, so it is cut
    assert "the Declaration (https://en.wikipedia.org/wiki/The_Decla ration_of_46)" in joined
    assert "or https://www.marxists.org." in joined
    wide = " ".join(
        markdown_lines("[the Declaration](https://en.wikipedia.org/wiki/The_Declaration_of_46)", 60)
    )
    assert "the Declaration (https://en.wikipedia.org/wiki/The_Declaration_of_46)" in wide


def test_html_is_shown_as_written_not_dropped() -> None:
    assert markdown_to_text("a <b>bold</b> claim that 3 < 4") == "a <b>bold</b> claim that 3 < 4"


def test_a_hanging_first_line_for_labels_and_list_items() -> None:
    lines = markdown_lines(
        "Dresden — the Reichswehr marches in and the government is deposed.",
        40,
        "Meanwhile: ",
        "  ",
    )
    assert lines == [
        "Meanwhile: Dresden — the Reichswehr",
        "  marches in and the government is",
        "  deposed.",
    ]


def test_a_figure_stays_on_the_line_of_its_word() -> None:
    changes = "Changes: The apparatus 50 → 51 (+1); Opposition support 18 → 20 (+2)."
    assert wrap("Party democracy 22", 15) == ["Party democracy", "22"]  # prose: as it comes
    assert wrap("Party democracy 22", 15, figures=True) == ["Party", "democracy 22"]
    assert wrap("Repression 22", 12, figures=True) == ["Repression", "22"]  # too wide to keep
    lines = wrap(changes, 40, figures=True)
    assert lines == ["Changes: The apparatus 50 → 51 (+1);", "Opposition support 18 → 20 (+2)."]
    assert wrap("Delegates: Left Opposition 18% → 19% (+1).", 38, figures=True) == [
        "Delegates: Left",
        "Opposition 18% → 19% (+1).",
    ]
    assert wrap("Party: Party democracy 22, Repression 25.", 36, figures=True) == [
        "Party: Party democracy 22,",
        "Repression 25.",
    ]


def test_control_characters_are_removed_but_lines_and_tabs_kept() -> None:
    assert clean("a\x1b]0;pwned\x07b\x1b[2Jc\r\n\td\x9be\x00") == "a]0;pwnedb[2Jc\n\tde"
    assert "\x1b" not in markdown_to_text("Title \x1b[31mred\x1b[0m")
    assert inline_text("An *option*\x07 with `code`") == "An option with code"


def test_a_word_wider_than_the_line_is_cut_to_fill_whole_lines() -> None:
    assert wrap("go " + "x" * 25, 10) == ["go", "xxxxxxxxxx", "xxxxxxxxxx", "xxxxx"]


def test_a_huge_single_word_is_wrapped_quickly() -> None:
    word = "x" * 12_800_000
    started = time.perf_counter()
    lines = markdown_lines(word, 78)
    assert time.perf_counter() - started < 20
    assert len(lines) == 12_800_000 // 78 + 1
    assert max(len(line) for line in lines) == 78


@given(st.text(), st.integers(min_value=20, max_value=120))
def test_any_text_wraps_within_the_width_without_losing_words(text: str, width: int) -> None:
    lines = wrap(text, width, "- ")
    assert all(len(line) <= width for line in lines)
    words = [w for w in clean(text).split()]
    if all(len(w) <= width - 2 for w in words):
        assert " ".join(lines)[2:].split() == words


@given(st.text())
def test_any_markdown_renders_without_control_characters(markdown: str) -> None:
    text = markdown_to_text(markdown, 40)
    assert clean(text) == text
