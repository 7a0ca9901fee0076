"""The codex as the web shows it: searching its notes, and its documents.

The codex is the campaign's history, the same for every game and every player.
"""

from __future__ import annotations

from ..session import Codex, CodexNote

__all__ = ["search"]

MAX_RESULTS = 200


def search(codex: Codex, query: str) -> list[CodexNote]:
    """The notes that hold every word of ``query`` (in any case), title matches first;
    every note, in the codex's order, for an empty query."""
    words = query.lower().split()
    if not words:
        return list(codex.values())[:MAX_RESULTS]
    found: list[tuple[int, int, CodexNote]] = []
    for place, note in enumerate(codex.values()):
        title = note.title.lower()
        body = f"{title} {note.date.lower()} {note.text.lower()}"
        if all(word in body for word in words):
            in_title = sum(word in title for word in words)
            found.append((-in_title, place, note))
    found.sort(key=lambda item: item[:2])
    return [note for _, _, note in found[:MAX_RESULTS]]
