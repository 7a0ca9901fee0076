"""Checking what members write: names, arguments, reports and platforms."""

from __future__ import annotations

from collections.abc import Iterable

from . import phrases
from .refusals import CouncilRefusal

__all__ = ["checked_name", "checked_text"]


def checked_text(text: str, what: str, longest: int) -> str:
    """``text`` stripped; a refusal when it is empty, too long or holds control characters."""
    text = text.strip()
    if not text:
        raise CouncilRefusal("bad_text", phrases.empty(what))
    if len(text) > longest:
        raise CouncilRefusal("bad_text", phrases.too_long(what, longest))
    if any((ord(c) < 32 and c not in "\n\t") or ord(c) == 127 for c in text):
        raise CouncilRefusal("bad_text", phrases.CONTROL)
    return text


def checked_name(name: str, taken: Iterable[str]) -> str:
    """A display name, its spaces tidied; a refusal when it is not one or is taken."""
    try:
        name = " ".join(checked_text(name, "display name", phrases.LONGEST_NAME).split())
    except CouncilRefusal as refusal:
        raise CouncilRefusal("bad_name", refusal.message) from None
    if name.casefold() in {t.casefold() for t in taken}:
        raise CouncilRefusal("bad_name", phrases.NAME_TAKEN)
    return name
