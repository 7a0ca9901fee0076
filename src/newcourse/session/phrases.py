"""The phrasebook: the sentences every front-end says to the player in the same words.

Answers to what the player typed or pressed, and what a front-end says when
there is nothing to show, live here once, so the full-screen player, the plain
player and the web never word the same thing differently. (How the game's view
is told in words, line by line, is ``terminal/words.py``; the campaign's own
prose lives in its files.)
"""

from __future__ import annotations

from .commands import command_named

__all__ = [
    "LONGEST_ECHO",
    "NO_DECISIONS",
    "NO_EVENT",
    "NO_FRONT_PAGE",
    "NO_HISTORY_NOTE",
    "NO_NEWS",
    "SAVE_ELSEWHERE",
    "SAVING_OFF",
    "TAKEN_BACK",
    "UNAVAILABLE",
    "no_such_option",
    "not_available",
    "not_possible",
    "sentence",
    "unknown_command",
]

LONGEST_ECHO = 24
"""Typed text longer than this is shortened when an answer repeats it."""

TAKEN_BACK = "The last decision is taken back."
NO_EVENT = "There is no event now."
NO_HISTORY_NOTE = "This event has no history note."
NO_DECISIONS = "No decisions yet."
NO_NEWS = "No news this season."
NO_FRONT_PAGE = "There is no front page yet: the news comes with each new season."
SAVING_OFF = "saving is switched off for this game"
SAVE_ELSEWHERE = (
    "to keep this game, save it to a file in another folder: give a path as the "
    "save's name (for example ~/newcourse-save.json)"
)
UNAVAILABLE = "not available now"
"""What an unavailable option says when its writer gave no reason."""


def sentence(text: str) -> str:
    """``text`` ending with a full stop, unless it already ends a sentence."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _echo(typed: str) -> str:
    """What the player typed, as an answer repeats it: a number bare, words in quotes."""
    typed = " ".join(typed.split())
    if len(typed) > LONGEST_ECHO:
        typed = typed[: LONGEST_ECHO - 1] + "…"
    return typed if typed.isascii() and typed.isdigit() else f'"{typed}"'


def no_such_option(typed: str, count: int) -> str:
    """The answer to a number that names no option of the event (``count`` options)."""
    if count == 0:
        return f"There is no option {_echo(typed)}: there is nothing to choose now."
    return f"There is no option {_echo(typed)}; choose from 1 to {count}."


def unknown_command(typed: str, count: int) -> str:
    """The answer to typed words that are neither an option nor a command (a player
    that reads typed commands says it; the help's name is the command table's)."""
    help_name = command_named("help").name
    if count == 0:
        return f'There is no option or command {_echo(typed)}; type "{help_name}" for the commands.'
    return f'{no_such_option(typed, count)[:-1]}, or type "{help_name}" for the commands.'


def not_available(number: int, reason: str) -> str:
    """The answer to choosing an option whose conditions are not met."""
    reason = reason.strip().rstrip(".")
    return (
        f"Option {number} is not available: {reason}."
        if reason
        else f"Option {number} is {UNAVAILABLE}."
    )


def not_possible(reason: str) -> str:
    """A refusal as the player reads it: "Not possible: the vote has been counted."."""
    return sentence(f"Not possible: {reason}")
