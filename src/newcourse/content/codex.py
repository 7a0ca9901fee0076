"""Reading codex notes: Markdown files with YAML front matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..engine.model import CodexEntry, Source
from .diagnostics import Diagnostic, Severity
from .schema import CodexFrontMatter

__all__ = ["read_codex"]


def read_codex(path: Path, name: str) -> tuple[CodexEntry | None, list[Diagnostic]]:
    def fail(line: int, message: str) -> tuple[None, list[Diagnostic]]:
        return None, [Diagnostic(Severity.ERROR, name, line, message)]

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return fail(0, "cannot read the file as UTF-8 text")
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
    try:
        front = yaml.safe_load("\n".join(lines[1:close])) or {}
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 2 if error.problem_mark else 1
        return fail(line, f"YAML syntax in the front matter: {error.problem}")
    try:
        meta = CodexFrontMatter.model_validate(front)
    except ValidationError as failure:
        problems = []
        for problem in failure.errors():
            field = ".".join(str(p) for p in problem["loc"])
            message = problem["msg"][:1].lower() + problem["msg"][1:]
            if problem["type"] == "missing":
                message = "is missing"
            problems.append(
                Diagnostic(Severity.ERROR, name, 1, f"front matter field {field!r} {message}")
            )
        return None, problems
    body = "\n".join(lines[close + 1 :]).strip()
    if not body:
        return fail(close + 1, f"codex note {meta.id!r} has no text after its front matter")
    date = meta.date.isoformat() if isinstance(meta.date, dt.date) else str(meta.date)
    return CodexEntry(meta.id, meta.title, date, tuple(meta.sources), body, Source(name, 1)), []
