"""The codex as every front-end shows it: notes by id, and the documents notes make.

A view names the notes it points to (``PublicView.codex``); a front-end opens
one here. The codex is the campaign's history, the same for every game, so it
holds nothing a game hides.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import NamedTuple

from ..engine import Campaign, CodexEntry

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


def _note(entry: CodexEntry) -> CodexNote:
    return CodexNote(
        entry.id, entry.title, entry.date, entry.text, entry.sources, entry.kind, entry.see_also
    )


class Codex(Mapping[str, CodexNote]):
    """The notes of a campaign by id, and its documents (the glossary, the reading guide)."""

    def __init__(self, campaign: Campaign) -> None:
        self._entries = campaign.codex
        self._notes = {key: _note(entry) for key, entry in campaign.codex.items()}

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
