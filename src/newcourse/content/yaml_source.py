"""Reading YAML while keeping the line of every value.

PyYAML's composer gives nodes with positions; we build the plain data from the
same nodes and remember, for each path of keys and indices, the line where its
value starts. Diagnostics use those lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic, Severity

try:
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

__all__ = ["Document", "Path_", "read_yaml"]

Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """One YAML file: its data and the line of each value in it."""

    name: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    block: set[Path_] = field(default_factory=set)  # values written as | or > blocks

    def line(self, path: Path_) -> int:
        """The line of the value at ``path``, or of its nearest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)

    def text_line(self, path: Path_) -> int:
        """The line where a text value's content begins (the line after ``|``)."""
        line = self.line(path)
        return line + 1 if tuple(path) in self.block else line


def read_yaml(path: Path, name: str) -> tuple[Document | None, list[Diagnostic]]:
    """Read a YAML file. Returns the document, or None with the reasons it failed."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [Diagnostic(Severity.ERROR, name, 0, "the file is not UTF-8 text")]
    except OSError as error:
        return None, [
            Diagnostic(Severity.ERROR, name, 0, f"cannot read the file: {error.strerror}")
        ]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(name, None), []
        diagnostics: list[Diagnostic] = []
        document = Document(name, loader.construct_document(node))
        _walk(node, (), document, diagnostics)
        return document, diagnostics
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        problem = error.problem or error.context or "the YAML does not parse"
        return None, [Diagnostic(Severity.ERROR, name, line, f"YAML syntax: {problem}")]
    except yaml.YAMLError as error:
        return None, [Diagnostic(Severity.ERROR, name, 0, f"YAML syntax: {error}")]
    finally:
        loader.dispose()


def _walk(node: yaml.Node, path: Path_, document: Document, out: list[Diagnostic]) -> None:
    document.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        document.block.add(path)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                out.append(
                    Diagnostic(
                        Severity.ERROR,
                        document.name,
                        key_node.start_mark.line + 1,
                        f"the key {key!r} appears twice here; the first would be lost",
                    )
                )
            seen.add(key)
            _walk(value_node, (*path, key), document, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), document, out)
