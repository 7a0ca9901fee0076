"""Reading codex notes: Markdown files with YAML front matter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from pydantic import ValidationError

from ..engine.model import CodexEntry, Source
from .diagnostics import Diagnostic, Severity
from .files import read_text
from .limits import MAX_TEXT
from .schema import CodexFrontMatter
from .yaml_source import parse_yaml

__all__ = ["codex_document", "notes_of_kind", "read_codex"]


def read_codex(path: Path, name: str) -> tuple[CodexEntry | None, list[Diagnostic]]:
    """Read one codex note, or say (with lines) why it cannot be read."""

    def fail(line: int, message: str) -> tuple[None, list[Diagnostic]]:
        return None, [Diagnostic(Severity.ERROR, name, line, message)]

    text, problems = read_text(path, name)
    if text is None:
        return None, problems
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return fail(
            1,
            "a codex note starts with front matter between '---' lines (id, title, date, sources)",
        )
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        return fail(1, "the front matter is not closed with a '---' line")
    doc, problems = parse_yaml("\n".join(lines[1:close]), name, first_line=2)
    if doc is None or problems:
        return None, problems
    try:
        meta = CodexFrontMatter.model_validate(doc.data or {})
    except ValidationError as failure:
        found = []
        for problem in failure.errors():
            field = ".".join(str(p) for p in problem["loc"])
            message = problem["msg"][:1].lower() + problem["msg"][1:]
            if problem["type"] == "missing":
                message = "is missing"
            line = doc.line(tuple(problem["loc"])) if doc.lines else 1
            found.append(
                Diagnostic(Severity.ERROR, name, line, f"front matter field {field!r} {message}")
            )
        return None, found
    body = "\n".join(lines[close + 1 :]).strip()
    if not body:
        return fail(close + 1, f"codex note {meta.id!r} has no text after its front matter")
    if len(body) > MAX_TEXT:
        return fail(
            close + 2,
            f"the note is {len(body):,} characters long; "
            f"a codex note may hold at most {MAX_TEXT:,}",
        )
    date = meta.date.isoformat() if isinstance(meta.date, dt.date) else str(meta.date)
    see_also_line = doc.line(("see_also",)) if meta.see_also and doc.lines else 0
    entry = CodexEntry(
        meta.id,
        meta.title,
        date,
        tuple(meta.sources),
        body,
        Source(name, 1),
        meta.kind,
        tuple(meta.see_also),
        see_also_line,
    )
    return entry, []


def notes_of_kind(codex: Mapping[str, CodexEntry], kind: str) -> list[CodexEntry]:
    """The notes of one kind (``glossary``, ``reading``…) in the order of their ids.

    The first is the head of the document they make together: its title names it
    and its text opens it; later acts add notes whose ids sort after it.
    """
    return sorted((entry for entry in codex.values() if entry.kind == kind), key=lambda e: e.id)


def codex_document(codex: Mapping[str, CodexEntry], kind: str) -> str:
    """The notes of ``kind`` as one Markdown document, as docs/ keeps it and the players show it.

    The first note's title is the document's title and its text the opening;
    every further note is a section under its own title. Each part ends with
    its sources. Empty when the campaign has no note of the kind.
    """
    notes = notes_of_kind(codex, kind)
    parts: list[str] = []
    for number, entry in enumerate(notes):
        heading = "#" if number == 0 else "##"
        parts.append(f"{heading} {entry.title}")
        parts.append(entry.text.strip())
        if entry.sources:
            label = "Sources" if number == 0 else f"Sources for {entry.title}"
            parts.append(f"**{label}**\n\n" + "\n".join(f"- {s}" for s in entry.sources))
    return "\n\n".join(parts) + "\n" if parts else ""
