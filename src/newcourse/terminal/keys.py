"""The one key map: what each key and command word does, in both terminal players.

The full-screen player binds the keys; the plain player accepts the keys and
the words. Help screens, the README and the player's guide list the same
commands, and a test holds them to this table.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["COMMANDS", "Command", "command_for"]


class Command(NamedTuple):
    """One thing the player can ask for, by key or by word."""

    key: str
    """The single key that does it (in plain mode, typed and followed by Enter)."""
    word: str
    """The word that does it in plain mode; also the name of its action."""
    summary: str
    """What it does, in a few words, for the help screens."""
    argument: str = ""
    """The argument the plain player accepts after the word, if any (e.g. ``NAME``)."""


COMMANDS: tuple[Command, ...] = (
    Command("c", "codex", "this event's history note; the glossary, reading groups", "TOPIC"),
    Command("i", "status", "all qualities and the delegates' shares"),
    Command("t", "timeline", "your decisions so far, beside history"),
    Command("n", "news", "this turn's front page again"),
    Command("u", "undo", "take back the last decision"),
    Command("s", "save", "save the game under a name", "NAME"),
    Command("?", "help", "this list of commands"),
    Command("q", "quit", "save and leave"),
)


def command_for(text: str) -> Command | None:
    """The command a typed key or word names, or None (case does not matter)."""
    text = text.strip().lower()
    for command in COMMANDS:
        if text in (command.key, command.word):
            return command
    return None
