"""The one command table: what the player can ask for, by name, key or word.

Every front-end takes its commands from here: the full-screen player binds the
keys, the plain player accepts the keys and the names, and both build their
help from the same rows. The README and the player's guide list the same
commands, and a test holds them to this table.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["CHOOSE", "COMMANDS", "Command", "command_for", "command_named"]


class Command(NamedTuple):
    """One thing the player can ask for, by key or by name."""

    name: str
    """Its name: the word the plain player accepts, and the name of its action."""
    key: str
    """The single key that does it (in plain mode, typed and followed by Enter)."""
    help: str
    """What it does, in a few words, for the help."""
    argument: str = ""
    """The argument it takes after its name, if any (e.g. ``NAME``); "" for none."""


CHOOSE = Command("choose", "1-9", "choose that option", "NUMBER")
"""Choosing an option: by its number (typed alone, with no name before it)."""

COMMANDS: tuple[Command, ...] = (
    Command("codex", "c", "this event's history note; the glossary, reading groups", "TOPIC"),
    Command("status", "i", "all qualities and the delegates' shares"),
    Command("timeline", "t", "your decisions so far, beside history"),
    Command("news", "n", "this turn's front page again"),
    Command("undo", "u", "take back the last decision"),
    Command("save", "s", "save the game under a name", "NAME"),
    Command("help", "?", "this list of commands"),
    Command("quit", "q", "save and leave"),
)
"""Every command besides choosing, in the order the help lists them."""


def command_for(text: str) -> Command | None:
    """The command a typed key or name stands for, or None (case does not matter)."""
    text = text.strip().lower()
    for command in COMMANDS:
        if text in (command.key, command.name):
            return command
    return None


def command_named(name: str) -> Command:
    """The command called ``name``; a KeyError for a name the table does not hold."""
    for command in COMMANDS:
        if command.name == name:
            return command
    raise KeyError(name)
