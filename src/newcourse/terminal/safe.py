"""Text from a campaign or a save, made safe for the full-screen player to show.

Campaign text reaches the screen through Textual, which writes what it is given:
an escape sequence in an event could retitle, clear or move about the terminal.
Every view, note and name the full-screen player shows passes through ``safe``
first: control characters go (newlines and tabs stay), and a text or a word
too long for any screen is bounded, so laying it out takes no time to speak of.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar, cast

from .plaintext import clean

__all__ = ["LONGEST_TEXT", "LONGEST_WORD", "safe", "safe_text"]

LONGEST_TEXT = 50_000
"""A text is cut after this many characters (campaign texts are far shorter)."""
LONGEST_WORD = 200
"""A run of characters with no space longer than this is broken, so it can wrap."""

_LONG_WORD = re.compile(rf"\S{{{LONGEST_WORD}}}(?=\S)")

T = TypeVar("T")


def safe_text(text: str) -> str:
    """``text`` without control characters, bounded in length and in word length."""
    if len(text) > LONGEST_TEXT:
        text = text[:LONGEST_TEXT] + "…"
    return _LONG_WORD.sub(lambda match: match.group() + " ", clean(text))


def safe(value: T) -> T:
    """``value`` with every text in it made safe: a string, or a tuple, list or
    frozen dataclass (a view, an entry) holding strings at any depth."""
    return cast(T, _safe(value))


def _safe(value: Any) -> Any:
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, tuple):
        items = tuple(_safe(item) for item in value)
        return type(value)(*items) if hasattr(value, "_fields") else items
    if isinstance(value, list):
        return [_safe(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            field.name: _safe(getattr(value, field.name))
            for field in dataclasses.fields(value)
            if field.init
        }
        return dataclasses.replace(value, **changes)
    return value
