"""The codex as every front-end shows it: notes by id, and the documents notes make.

A view names the notes it points to (``PublicView.codex``); a front-end opens
one here. The codex is the campaign's history, the same for every game, so it
holds nothing a game hides.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from ..engine import Campaign, CodexEntry
from ..engine.timeline import MONTHS

__all__ = ["DOCUMENTS", "Codex", "CodexNote"]

DOCUMENTS = {"glossary": "glossary", "reading": "reading"}
"""The documents the codex makes of its notes: the word that opens one, and the kind of
notes it gathers."""


class CodexNote(NamedTuple):
    """A codex note: its id, title, date, Markdown text, sources and the notes it points to."""

    id: str
    title: str
    date: str
    text: str
    sources: tuple[str, ...]
    kind: str
    see_also: tuple[str, ...]


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTH = re.compile(r"\b(?:(\d{1,2})(?:\s*[–-]\s*\d{1,2})? )?(" + "|".join(MONTHS) + r")\b")


def chronological(date: str) -> tuple[int, int, int]:
    """Where a note's ``date`` ("16 March 1921; made public in 1924", "April or May 1925",
    "1923–1925") begins: its first year, with the month and day written before it
    (0 when there are none); notes with no year come last."""
    year = _YEAR.search(date)
    if year is None:
        return (9999, 0, 0)
    month = _MONTH.search(date, 0, year.start())
    if month is None:
        return (int(year.group(1)), 0, 0)
    day = int(month.group(1)) if month.group(1) else 0
    return (int(year.group(1)), MONTHS.index(month.group(2)) + 1, day)


def _note(entry: CodexEntry) -> CodexNote:
    return CodexNote(
        entry.id, entry.title, entry.date, entry.text, entry.sources, entry.kind, entry.see_also
    )


class Codex(Mapping[str, CodexNote]):
    """The notes of a campaign by id, in the order of their dates (then titles), and its
    documents (the glossary, the reading guide)."""

    def __init__(self, campaign: Campaign) -> None:
        self._entries = campaign.codex
        ordered = sorted(campaign.codex.values(), key=lambda e: (chronological(e.date), e.title))
        self._notes = {entry.id: _note(entry) for entry in ordered}

    def __getitem__(self, key: str) -> CodexNote:
        return self._notes[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._notes)

    def __len__(self) -> int:
        return len(self._notes)

    def linked(self, note: CodexNote) -> list[CodexNote]:
        """The notes ``note`` points to (its ``see_also``) that the codex has."""
        return [self._notes[key] for key in note.see_also if key in self._notes]

    def document(self, word: str) -> str:
        """The document ``word`` names (a key of ``DOCUMENTS``) as Markdown, or ""."""
        kind = DOCUMENTS.get(word)
        if not kind:
            return ""
        from ..content.codex import codex_document  # with the loader's modules: when asked

        return codex_document(self._entries, kind)

    def documents(self) -> list[str]:
        """The words of the documents this campaign's codex has, in ``DOCUMENTS`` order."""
        kinds = {entry.kind for entry in self._entries.values()}
        return [word for word, kind in DOCUMENTS.items() if kind in kinds]
