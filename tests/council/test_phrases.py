"""The council's phrases read as sentences when the story's words are joined into them."""

from __future__ import annotations

from dataclasses import replace

from newcourse.council import phrases
from newcourse.engine import Campaign

from .helpers import council_of


def test_a_reason_joined_after_a_colon_loses_its_capital_and_its_full_stop() -> None:
    said = phrases.forbidden("Forming a tendency", "The ban on factions of 1921 holds.")
    assert said == "Forming a tendency is not allowed now: the ban on factions of 1921 holds."


def test_a_reason_that_opens_with_a_name_keeps_the_capital() -> None:
    said = phrases.forbidden("Recalling the chair", "Stalin's secretaries hold the chair.")
    assert said == "Recalling the chair is not allowed now: Stalin's secretaries hold the chair."
    assert phrases.forbidden("A joint statement", " ") == "A joint statement is not allowed now."


def test_the_rights_withheld_are_told_with_the_storys_reason_as_a_clause(real: Campaign) -> None:
    council = council_of(real, "Boris")  # 1923: the ban on factions holds
    told = phrases.withheld(council.rules())
    assert told == {
        "tendencies": "Tendencies are forbidden now: the ban on factions of 1921 holds, and it "
        "forbids groups with a platform of their own."
    }
    assert phrases.withheld(replace(council.rules(), recall=False, reasons=())) == {
        "tendencies": "Tendencies are forbidden now.",
        "recall": "The chair cannot be recalled now.",
    }


def test_a_time_left_is_told_roughly_in_a_unit_that_keeps_it_near() -> None:
    told = [phrases.roughly(s) for s in (1, 59, 119, 120, 3599, 5400, 7200, 172_799, 172_800)]
    assert told == [
        "1 second",
        "59 seconds",
        "119 seconds",
        "2 minutes",
        "59 minutes",
        "90 minutes",
        "2 hours",
        "47 hours",
        "2 days",
    ]
