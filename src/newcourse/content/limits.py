"""What a campaign may make the loader do, and what it may ask of the engine.

A campaign is read from files anyone can write, so the loader bounds its own
work (file sizes, nesting, the number of values) and the numbers, dates and
texts it hands the engine. Every bound is far above what a real campaign
needs; a value beyond one is a content error with its file and line.
"""

from __future__ import annotations

import re

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "MAX_DEPTH",
    "MAX_EVENTS",
    "MAX_FILES",
    "MAX_FILE_BYTES",
    "MAX_NUMBER",
    "MAX_NUMBER_DIGITS",
    "MAX_TEXT",
    "MAX_TURNS",
    "MAX_VALUES",
    "control_character",
    "describe_character",
]

MAX_FILE_BYTES = 1_000_000
"""The largest campaign file, in bytes (the bundled campaign's largest is under 30 KB)."""

MAX_FILES = 1_000
"""The most files the loader reads from one folder of a campaign."""

MAX_DEPTH = 32
"""The deepest nesting of lists and mappings in a YAML file."""

MAX_VALUES = 100_000
"""The most values (scalars, lists and mappings) in one YAML file."""

MAX_TEXT = 20_000
"""The longest text, in characters, of one value or one codex note."""

MAX_NUMBER = 1_000_000
"""The largest size of a number written in a campaign."""

MAX_EVENTS = 100
"""The most events a campaign may ask for in one turn."""

MAX_NUMBER_DIGITS = 30
"""Integer literals longer than this are refused before they are converted."""

FIRST_YEAR, LAST_YEAR = 1900, 2100
"""The years a campaign may start and end in."""

MAX_TURNS = 400
"""The most turns (seasons) a campaign may last: a hundred years."""

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def control_character(text: str) -> int | None:
    """The offset of the first control character in ``text`` other than tab and newline."""
    found = _CONTROL.search(text)
    return found.start() if found else None


def describe_character(character: str) -> str:
    """A character as a writer can look it up: ``U+001B``."""
    return f"U+{ord(character):04X}"
