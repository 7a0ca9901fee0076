"""What the loader refuses so that a campaign that loads can be played: impossible
dates, numbers beyond what the engine handles, spans it cannot run, control
characters and oversized texts, and folders that are not plain files."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from newcourse.content import CampaignError, load_campaign

from ..conftest import MINI


def changed(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of the mini campaign with ``old`` replaced by ``new`` in one file."""
    folder = tmp_path / "mini"
    if not folder.exists():
        shutil.copytree(MINI, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def errors_of(folder: Path) -> list[str]:
    with pytest.raises(CampaignError) as caught:
        load_campaign(folder)
    return [str(d).replace(f"{folder}{os.sep}", "") for d in caught.value.errors]


# ---------------------------------------------------------------- dates (7.2)


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "events/autumn.yaml",
            "date: 1923-10-08",
            "date: 1924-02-30",
            "events/autumn.yaml:4: error: event 'letter', date: "
            "1924-02-30 is not a date in the calendar (day is out of range for month)",
        ),
        (
            "events/autumn.yaml",
            "date: 1923-10-08",
            "date: 1923-13-08",
            "events/autumn.yaml:4: error: event 'letter', date: "
            "1923-13-08 is not a date in the calendar (month must be in 1..12)",
        ),
        (
            "news.yaml",
            "date: 1924-01-21",
            "date: 1924-02-30",
            "news.yaml:2: error: headline 1, date: 1924-02-30 is not a date in the calendar",
        ),
        (
            "campaign.yaml",
            "end: 1924-06-30",
            "end: 1924-06-31",
            "campaign.yaml:5: error: end: 1924-06-31 is not a date in the calendar",
        ),
        (
            "codex/letter.md",
            "date: 8 October 1923",
            "date: 1923-02-30",
            "codex/letter.md:4: error: front matter field 'date' 1923-02-30 is not a date",
        ),
    ],
    ids=["event-day", "event-month", "headline", "campaign", "codex"],
)
def test_an_impossible_date_is_a_content_error_with_its_line(
    tmp_path: Path, file: str, old: str, new: str, expected: str
) -> None:
    errors = errors_of(changed(tmp_path, file, old, new))
    assert any(e.startswith(expected) for e in errors), errors


def test_a_codex_date_in_words_stays_free_text(mini_copy: Path) -> None:
    assert load_campaign(mini_copy).codex["letter"].date == "8 October 1923"


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    return folder


# ---------------------------------------------------------------- spans and numbers (7.3)


def test_an_end_date_far_in_the_future_is_refused(tmp_path: Path) -> None:
    errors = errors_of(changed(tmp_path, "campaign.yaml", "end: 1924-06-30", "end: 9999-12-31"))
    assert errors[0] == (
        "campaign.yaml:5: error: the campaign's end 9999-12-31 is outside the years 1900 to 2100"
    )


def test_a_campaign_of_too_many_turns_is_refused(tmp_path: Path) -> None:
    errors = errors_of(changed(tmp_path, "campaign.yaml", "end: 1924-06-30", "end: 2099-12-31"))
    assert errors == [
        "campaign.yaml:5: error: the campaign lasts 705 turns; a campaign may last at most 400"
    ]


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "campaign.yaml",
            "initial: 30, group: party",
            "initial: " + "9" * 400 + ", group: party",
            "campaign.yaml:12: error: the number 999999999999... has more digits",
        ),
        (
            "campaign.yaml",
            "initial: 30, group: party",
            "initial: 2000000, group: party",
            "campaign.yaml:12: error: quality 'democracy', initial: "
            "input should be less than or equal to 1000000",
        ),
        (
            "campaign.yaml",
            "min: 0, max: 10,",
            "min: 0, max: 10000000,",
            "campaign.yaml:15: error: quality 'cadres', max: input should be less than or equal",
        ),
        (
            "events/autumn.yaml",
            'weight: "apparatus"',
            "weight: 1e400",
            "events/autumn.yaml:29: error: event 'letter', option 'publish', outcome 'seized', "
            "weight: this number is out of bounds: a campaign's numbers lie within ±1,000,000",
        ),
        (
            "events/autumn.yaml",
            'weight: "apparatus"',
            "weight: .nan",
            "events/autumn.yaml:29: error: event 'letter', option 'publish', outcome 'seized', "
            "weight: this number is out of bounds",
        ),
        (
            "events/autumn.yaml",
            'weight: "apparatus"',
            'weight: "apparatus * ' + "9" * 400 + '"',
            "events/autumn.yaml:29: error: event 'letter', option 'publish', outcome 'seized', "
            "weight: the number 999999",
        ),
        (
            "events/autumn.yaml",
            'effects: "apparatus += 2"',
            'effects: "apparatus += 5000000"',
            "events/autumn.yaml:12: error: event 'letter', option 'keep_secret', effects: "
            "the number 5e+06 is out of bounds",
        ),
    ],
    ids=[
        "400-digits",
        "quality-initial",
        "quality-max",
        "inf-weight",
        "nan-weight",
        "huge-literal",
        "big-effect",
    ],
)
def test_numbers_beyond_what_the_engine_handles_are_content_errors(
    tmp_path: Path, file: str, old: str, new: str, expected: str
) -> None:
    errors = errors_of(changed(tmp_path, file, old, new))
    assert any(e.startswith(expected) for e in errors), errors


def test_delegates_are_bounded(tmp_path: Path) -> None:
    folder = changed(tmp_path, "events/autumn.yaml", "delegates: 100", "delegates: 10000000")
    assert any(
        "delegates: input should be less than or equal to 1000000" in e for e in errors_of(folder)
    )


# ---------------------------------------------------------------- text (7.8, 7.11)


def test_an_escape_sequence_in_event_text_is_refused(tmp_path: Path) -> None:
    folder = changed(
        tmp_path, "events/autumn.yaml", "title: The letter", 'title: "The \\e]0;pwned\\a letter"'
    )
    assert errors_of(folder) == [
        "events/autumn.yaml:3: error: text contains a control character (U+001B)"
    ]


def test_a_raw_control_character_in_a_codex_note_is_refused(tmp_path: Path) -> None:
    folder = changed(tmp_path, "codex/letter.md", "title: The letter", "title: The \x1b[2J letter")
    assert errors_of(folder)[0] == (
        "codex/letter.md:3: error: text contains a control character (U+001B)"
    )


def test_a_huge_word_in_an_event_is_refused_at_once(tmp_path: Path) -> None:
    folder = changed(tmp_path, "events/autumn.yaml", "You have written a letter.", "x" * 12_800_000)
    started = time.perf_counter()
    errors = errors_of(folder)
    assert time.perf_counter() - started < 2
    assert errors == [
        "events/autumn.yaml: error: the file is larger than a campaign file may be "
        "(1,000,000 bytes at most)"
    ]


def test_a_long_text_is_refused(tmp_path: Path) -> None:
    folder = changed(tmp_path, "events/autumn.yaml", "You have written a letter.", "x " * 15_000)
    (error,) = errors_of(folder)
    assert error.startswith("events/autumn.yaml:7: error: this text is 30,0")
    assert error.endswith("characters long; a text may hold at most 20,000")


# ---------------------------------------------------------------- folders (7.8)


def test_a_symlink_loop_is_reported_with_its_name(mini_copy: Path) -> None:
    (mini_copy / "events" / "loop.yaml").symlink_to("loop.yaml")
    (mini_copy / "codex" / "self").symlink_to(".")
    assert errors_of(mini_copy) == [
        "events/loop.yaml: error: cannot read the file: "
        "it is a symbolic link that leads back to itself"
    ]


def test_a_named_pipe_is_refused_without_waiting_for_it(mini_copy: Path) -> None:
    os.mkfifo(mini_copy / "events" / "pipe.yaml")
    os.mkfifo(mini_copy / "world.yaml.tmp")
    (mini_copy / "world.yaml").unlink()
    os.mkfifo(mini_copy / "world.yaml")
    assert errors_of(mini_copy) == [
        "events/pipe.yaml: error: cannot read the file: it is a named pipe",
        "world.yaml: error: cannot read the file: it is a named pipe",
    ]


def test_a_folder_where_a_file_should_be_is_refused(mini_copy: Path) -> None:
    (mini_copy / "news.yaml").unlink()
    (mini_copy / "news.yaml").mkdir()
    (mini_copy / "events" / "more.yaml").mkdir()
    assert errors_of(mini_copy) == [
        "events/more.yaml: error: cannot read the file: it is a folder",
        "news.yaml: error: cannot read the file: it is a folder",
    ]


def test_a_campaign_folder_that_is_a_symlink_loop_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "camp").symlink_to("camp")
    assert errors_of(tmp_path / "camp") == [
        f"{tmp_path / 'camp'}: error: there is no campaign folder here"
    ]
