"""The plain player's answers to what it is typed (the phrases are in the phrasebook)."""

from __future__ import annotations

import dataclasses
import io

import pytest

from newcourse.engine import Campaign
from newcourse.session import Session
from newcourse.terminal.plain import PlainPlayer


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
