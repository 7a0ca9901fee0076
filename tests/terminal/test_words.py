"""The phrases both players share, and the plain player's answers to what it is typed."""

from __future__ import annotations

import dataclasses
import io

import pytest

from newcourse.engine import Campaign
from newcourse.terminal.plain import PlainPlayer
from newcourse.terminal.session import Session
from newcourse.terminal.words import no_such_option, not_available, unknown_command


def test_an_option_that_is_not_there() -> None:
    assert no_such_option("9", 2) == "There is no option 9; choose from 1 to 2."
    assert no_such_option("1", 0) == "There is no option 1: there is nothing to choose now."


def test_words_that_name_nothing_point_to_the_help() -> None:
    assert unknown_command("fly", 3) == (
        'There is no option "fly"; choose from 1 to 3, or type "help" for the commands.'
    )
    assert unknown_command("fly", 0) == (
        'There is no option or command "fly"; type "help" for the commands.'
    )


def test_a_long_answer_is_repeated_short() -> None:
    said = unknown_command("9" * 5000, 2)
    assert said == (
        'There is no option "99999999999999999999999…"; choose from 1 to 2, '
        'or type "help" for the commands.'
    )


def test_an_option_that_is_not_open() -> None:
    assert not_available(2, "You need two cadres.") == (
        "Option 2 is not available: You need two cadres."
    )
    assert not_available(2, "") == "Option 2 is not available."


def play(campaign: Campaign, typed: str, seed: int = 1) -> str:
    stdout = io.StringIO()
    PlainPlayer(Session.new(campaign, seed, None), io.StringIO(typed), stdout).run()
    return stdout.getvalue()


@pytest.mark.parametrize(
    ("typed", "echo"),
    [
        ("²", '"²"'),
        ("①", '"①"'),
        ("𐩀", '"𐩀"'),
        ("١", '"١"'),
        ("１", '"１"'),
        ("9" * 5000, '"99999999999999999999999…"'),
        ("12345", "12345"),
        ("1.0", '"1.0"'),
    ],
)
def test_only_ascii_digits_choose(mini: Campaign, typed: str, echo: str) -> None:
    output = play(mini, f"{typed}\n")
    assert f"There is no option {echo}; choose from 1 to 2" in output
    assert "Outcome" not in output and "The letter stays secret" not in output


def test_news_on_the_first_turn_says_there_is_none_yet(mini: Campaign) -> None:
    output = play(mini, "news\n")
    asked = output[output.index("> news\n") :]
    assert asked.startswith(
        "> news\n=== Autumn 1923: turn 1 of 3 ===\n"
        "There is no front page yet: the news comes with each new season.\n"
    )


def test_control_characters_in_campaign_text_never_reach_the_terminal(mini: Campaign) -> None:
    letter = mini.events["letter"]
    hostile = dataclasses.replace(
        mini,
        title="A \x1b]0;retitled\x07campaign",
        intro="Clear \x1b[2J\x1b[Hthe screen\x9b",
        events={
            **mini.events,
            "letter": dataclasses.replace(
                letter, title="The \x1b[31mletter", text="Bell\x07 and\x00 null"
            ),
        },
    )
    output = play(hostile, "codex\n")
    assert not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in output)
    assert "--- The [31mletter (8 October 1923) ---\nBell and null\n" in output
    assert "A ]0;RETITLEDCAMPAIGN" in output
