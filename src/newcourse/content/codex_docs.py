"""Writing the campaign's glossary and reading groups' guide into docs/, from its codex.

The glossary and the guide live as codex notes (``kind: glossary`` and ``kind:
reading``), which the players open from the codex screen. Run ``python -m
newcourse.content.codex_docs`` (or ``make codex-docs``) after editing them: it
writes ``docs/glossary.md`` and ``docs/reading-groups.md`` from the same notes,
and a test fails while either file is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..engine.model import CodexEntry
from . import DEFAULT_CAMPAIGN, builtin_campaign_path
from .codex import codex_document, read_codex
from .diagnostics import CampaignError, Diagnostic

__all__ = ["DOCUMENTS", "read_notes", "render_documents", "write_documents"]

DOCUMENTS = {"glossary.md": "glossary", "reading-groups.md": "reading"}
"""Each file in docs/ and the kind of codex notes it is made from."""

_HEADER = (
    "<!-- Made by `make codex-docs` from the codex notes of kind {kind!r} in "
    "src/newcourse/campaigns/{campaign}/codex/: edit those notes, not this file. -->"
)


def read_notes(folder: Path) -> tuple[dict[str, CodexEntry], list[Diagnostic]]:
    """The codex notes in ``folder``/codex, by id, and any problem reading them."""
    notes: dict[str, CodexEntry] = {}
    problems: list[Diagnostic] = []
    for path in sorted((folder / "codex").glob("*.md")):
        entry, found = read_codex(path, f"codex/{path.name}")
        problems.extend(found)
        if entry is not None:
            notes[entry.id] = entry
    return notes, problems


def render_documents(campaign: str = DEFAULT_CAMPAIGN) -> dict[str, str]:
    """Each document's file name and its Markdown, from the named bundled campaign.

    Raises ``CampaignError`` (with file and line) if a codex note cannot be read.
    """
    notes, problems = read_notes(builtin_campaign_path(campaign))
    if problems:
        raise CampaignError(problems)
    return {
        name: _HEADER.format(kind=kind, campaign=campaign) + "\n\n" + codex_document(notes, kind)
        for name, kind in DOCUMENTS.items()
    }


def write_documents(folder: Path) -> list[Path]:
    """Write the documents into ``folder``; returns the paths written."""
    written = []
    for name, text in render_documents().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd() / "docs"
    for written_path in write_documents(root):
        sys.stdout.write(f"{written_path}\n")
