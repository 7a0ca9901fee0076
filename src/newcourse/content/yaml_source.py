"""Reading YAML while keeping the line of every value, within bounds.

libyaml composes the nodes, which carry positions; one walk over them records,
for each path of keys and indices, the line where its value starts, and checks
what a campaign file may hold: no aliases or merge keys, no tags beyond the
core schema's, bounded nesting, number of values, text length and integer
size, and no control characters. Only a file that passes is built into data.
The walk visits each node once, so a file of aliases cannot make it work
more than the file is long.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic, Severity
from .files import read_text
from .limits import (
    MAX_DEPTH,
    MAX_NUMBER_DIGITS,
    MAX_TEXT,
    MAX_VALUES,
    control_character,
    describe_character,
)
from .yaml_rules import CORE_TAGS, CampaignLoader

__all__ = ["Document", "Path_", "parse_yaml", "read_yaml"]

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
    text, problems = read_text(path, name)
    if text is None:
        return None, problems
    return parse_yaml(text, name)


def parse_yaml(
    text: str, name: str, first_line: int = 1
) -> tuple[Document | None, list[Diagnostic]]:
    """Parse YAML text that starts on line ``first_line`` of the file ``name``."""
    loader = CampaignLoader(text)
    shift = first_line - 1
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(name, None), []
        walk = _Walk(Document(name, None), shift)
        walk.run(node)
        if walk.fatal:
            return None, walk.found
        walk.document.data = loader.construct_document(node)
        return walk.document, walk.found
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + shift if mark else 0
        problem = error.problem or error.context or "the YAML does not parse"
        return None, [Diagnostic(Severity.ERROR, name, line, f"YAML syntax: {problem}")]
    except yaml.YAMLError as error:
        return None, [Diagnostic(Severity.ERROR, name, 0, f"YAML syntax: {error}")]
    finally:
        loader.dispose()


class _Walk:
    """One pass over a composed YAML file: lines, duplicate keys and the file's bounds."""

    def __init__(self, document: Document, shift: int) -> None:
        self.document = document
        self.shift = shift
        self.found: list[Diagnostic] = []
        self.fatal = False
        self.seen: set[int] = set()
        self.aliased = False

    def error(self, line: int, message: str, fatal: bool = False) -> None:
        self.found.append(Diagnostic(Severity.ERROR, self.document.name, line, message))
        self.fatal = self.fatal or fatal

    def line_of(self, node: yaml.Node) -> int:
        return int(node.start_mark.line) + 1 + self.shift

    def run(self, root: yaml.Node) -> None:
        stack: list[tuple[yaml.Node, Path_, int]] = [(root, (), self.line_of(root))]
        while stack:
            node, path, used_at = stack.pop()
            if id(node) in self.seen:
                self.alias(node, used_at)
                continue
            self.seen.add(id(node))
            if len(self.seen) > MAX_VALUES:
                self.error(used_at, f"the file holds more than {MAX_VALUES:,} values", fatal=True)
                return
            if len(path) > MAX_DEPTH:
                self.error(
                    used_at, f"lists and mappings nest more than {MAX_DEPTH} deep", fatal=True
                )
                return
            self.document.lines[path] = self.line_of(node)
            if node.tag not in CORE_TAGS:
                self.error(
                    self.line_of(node),
                    f"the tag {node.tag!r} is not used in campaign files; "
                    "write the value without it",
                    fatal=True,
                )
            elif isinstance(node, yaml.ScalarNode):
                self.scalar(node, path)
            elif isinstance(node, yaml.MappingNode):
                stack.extend(reversed(self.mapping(node, path)))
            elif isinstance(node, yaml.SequenceNode):
                line = self.line_of(node)
                items = [(item, (*path, i), line) for i, item in enumerate(node.value)]
                stack.extend(reversed(items))

    def alias(self, node: yaml.Node, used_at: int) -> None:
        if not self.aliased:
            self.error(
                used_at,
                "YAML aliases ('*name') are not used in campaign files; write the value out "
                f"(it is first given on line {self.line_of(node)})",
                fatal=True,
            )
        self.aliased = True

    def scalar(self, node: yaml.ScalarNode, path: Path_) -> None:
        value = str(node.value)
        line = self.line_of(node)
        if node.style in ("|", ">"):
            self.document.block.add(path)
            line += 1
        offset = control_character(value)
        if offset is not None:
            character = describe_character(value[offset])
            self.error(line, f"text contains a control character ({character})")
        if len(value) > MAX_TEXT:
            self.error(
                line,
                f"this text is {len(value):,} characters long; "
                f"a text may hold at most {MAX_TEXT:,}",
                fatal=True,
            )
        if node.tag == "tag:yaml.org,2002:int" and len(value) > MAX_NUMBER_DIGITS:
            self.error(
                line,
                f"the number {value[:12]}... has more digits than any count in a campaign",
                fatal=True,
            )

    def mapping(self, node: yaml.MappingNode, path: Path_) -> list[tuple[yaml.Node, Path_, int]]:
        seen: set[str] = set()
        children: list[tuple[yaml.Node, Path_, int]] = []
        for key_node, value_node in node.value:
            line = self.line_of(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(line, "a key must be a name, not a list or a mapping", fatal=True)
                continue
            key = str(key_node.value)
            if control_character(key) is not None:
                self.error(line, "a key contains a control character", fatal=True)
                continue
            if key == "<<" and not key_node.style:
                self.error(
                    line,
                    "YAML merge keys ('<<') are not used in campaign files; "
                    "write the keys out in full",
                    fatal=True,
                )
                continue
            if key in seen:
                self.error(line, f"the key {key!r} appears twice here; the first would be lost")
            seen.add(key)
            children.append((value_node, (*path, key), line))
        return children
