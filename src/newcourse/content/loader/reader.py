"""Reading a campaign's files: collecting diagnostics and reporting each file's shape."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostic, Severity
from ..files import NameOf, list_files
from ..places import describe_path, known_fields
from ..yaml_source import Document, Path_, read_yaml

__all__ = ["Model", "Reader"]

Model = TypeVar("Model", bound=BaseModel)


def _sentence(message: str) -> str:
    return message[:1].lower() + message[1:] if message else message


class Reader:
    """Reads the files of one campaign folder and collects every problem found."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.diagnostics: list[Diagnostic] = []
        self.name_of = NameOf(folder)

    def error(self, doc: Document | str, line: int, message: str) -> None:
        """Record an error in ``doc`` (or the file of that name) at ``line``."""
        name = doc.name if isinstance(doc, Document) else doc
        self.diagnostics.append(Diagnostic(Severity.ERROR, name, line, message))

    def warning(self, doc: Document | str, line: int, message: str) -> None:
        """Record a warning in ``doc`` (or the file of that name) at ``line``."""
        name = doc.name if isinstance(doc, Document) else doc
        self.diagnostics.append(Diagnostic(Severity.WARNING, name, line, message))

    def files(self, folder: str, suffixes: tuple[str, ...]) -> list[Path]:
        """The readable files of a folder of the campaign, reporting the others."""
        found, problems = list_files(self.folder / folder, suffixes, self.name_of)
        self.diagnostics.extend(problems)
        return found

    def open(self, relative: str, required: bool) -> Document | None:
        """Read one YAML file of the campaign, reporting a missing or unreadable one."""
        path = self.folder / relative
        name = self.name_of(Path(relative))
        if not path.exists() and not path.is_symlink():
            if required:
                self.error(name, 0, f"the campaign has no {relative} file")
            return None
        doc, problems = read_yaml(path, name)
        self.diagnostics.extend(problems)
        return doc

    def read(
        self, relative: str, model: type[Model], required: bool
    ) -> tuple[Document, Model] | None:
        """Read and validate a file that holds one mapping."""
        doc = self.open(relative, required)
        return None if doc is None else self.validate(doc, model)

    def validate(self, doc: Document, model: type[Model]) -> tuple[Document, Model] | None:
        """Validate a document's data against the model of its file."""
        data = doc.data
        if data is None:
            data = {}
        try:
            return doc, model.model_validate(data)
        except ValidationError as failure:
            for problem in failure.errors():
                self._report_shape(doc, problem)
            return None

    def read_items(
        self, relative: str, key: str, model: type[Model], required: bool
    ) -> tuple[Document, list[tuple[int, Model]]] | None:
        """Read a file holding one list (events, rules, ...), validating each item on its
        own, so that one malformed item does not hide the mistakes in the others."""
        doc = self.open(relative, required)
        if doc is None:
            return None
        data = doc.data if doc.data is not None else {}
        if not isinstance(data, dict) or not isinstance(data.get(key, []), list):
            self.error(doc, 1, f"the file should hold a list under the key {key!r}")
            return None
        for extra in sorted(set(data) - {key}, key=str):
            close = difflib.get_close_matches(str(extra), [key], n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            self.error(
                doc, doc.line((extra,)), f"unknown key {extra!r} at the top of the file{hint}"
            )
        if required and not data.get(key):
            self.error(doc, 1, f"the file has no {key}")
        items = []
        for index, item in enumerate(data.get(key) or []):
            try:
                items.append((index, model.model_validate(item)))
            except ValidationError as failure:
                for problem in failure.errors():
                    self._report_shape(doc, problem, prefix=(key, index))
        return doc, items

    def _report_shape(self, doc: Document, problem: Any, prefix: Path_ = ()) -> None:
        path: list[str | int] = list(prefix)
        loc = list(problem["loc"])
        for part in loc:
            candidate = (*path, part)
            if candidate in doc.lines or (
                problem["type"] in ("missing", "extra_forbidden") and part == loc[-1]
            ):
                path.append(part)
        kind = problem["type"]
        field = path[-1] if path else ""
        named = tuple(path[:-1]) if kind in ("missing", "extra_forbidden") else tuple(path)
        where = describe_path(doc.data, named)
        if kind == "missing":
            message = f"{where}: the required field {field!r} is missing"
            line = doc.line(tuple(path[:-1]))
        elif kind == "too_short":
            least = problem.get("ctx", {}).get("min_length", 1)
            message = f"{where}: {field!r} needs at least {least} item{'s' * (least != 1)}"
            line = doc.line(tuple(path))
        elif kind == "extra_forbidden":
            known = known_fields()
            close = difflib.get_close_matches(str(field), known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            message = f"{where}: unknown field {field!r}{hint}"
            line = doc.line(tuple(path))
        else:
            message = f"{where}: {_sentence(problem['msg'])}"
            line = doc.line(tuple(path))
        self.error(doc, line, message)
