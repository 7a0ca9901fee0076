"""Turning the expressions of a campaign's files into the engine's conditions,
weights and effects, with every number bounded to what the engine handles."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from ...engine.calendar import Quarter
from ...engine.congress import Congress
from ...engine.errors import ExpressionError
from ...engine.expressions import (
    Assign,
    Binary,
    Call,
    Expr,
    Literal,
    Namespace,
    Not,
    Type,
    check_effects,
    check_type,
    compile_effects,
    compile_expr,
    parse_effects,
    parse_expr,
)
from ...engine.figures import Roster
from ...engine.model import Condition, Effects, Weight
from ..limits import MAX_NUMBER
from ..places import describe_path
from ..yaml_source import Document, Path_
from .reader import Reader

__all__ = ["Compiler", "constant"]


def constant(value: float) -> Weight:
    """A weight that is always ``value``."""
    return Weight(f"{value:g}", Literal(float(value)), lambda scope: value)


def _oversized(tree: Any) -> Literal | None:
    """The first number in an expression tree that the engine should not be given."""
    stack = list(tree) if isinstance(tree, tuple) else [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, Literal):
            if not isinstance(node.value, bool) and not _within(node.value):
                return node
        elif isinstance(node, Binary):
            stack += [node.right, node.left]
        elif isinstance(node, Not):
            stack.append(node.operand)
        elif isinstance(node, Call):
            stack += reversed(node.args)
        elif isinstance(node, Assign):
            stack.append(node.value)
    return None


class Compiler(Reader):
    """Reads files and compiles the expressions in them against the declared names."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.names: Namespace = Namespace({})
        self.roster = Roster()  # the people of people.yaml, once read
        self.ranges: dict[str, tuple[int, int]] = {}
        self.start = Quarter(1900, 0)
        self.end = Quarter(2100, 3)
        self.congress: Congress | None = None  # read before the events that use it

    def _parse(
        self, doc: Document, path: Path_, value: object, parse: Callable[[str], Any]
    ) -> tuple[str, Any] | None:
        if isinstance(value, float | int) and not isinstance(value, bool) and not _within(value):
            self._out_of_bounds(doc, path, value)
            return None
        text = str(value).lower() if isinstance(value, bool) else str(value)
        try:
            tree = parse(text)
        except ExpressionError as problem:
            self._expression_error(doc, path, problem)
            return None
        except RecursionError:
            self.error(
                doc,
                doc.text_line(path),
                f"{describe_path(doc.data, path)}: the expression nests too deeply to read",
            )
            return None
        big = _oversized(tree)
        if big is not None:
            self._expression_error(
                doc,
                path,
                ExpressionError(
                    _beyond(float(big.value)),
                    big.line,
                    big.column,
                ),
            )
            return None
        return text, tree

    def _out_of_bounds(self, doc: Document, path: Path_, value: float) -> None:
        where = describe_path(doc.data, path)
        self.error(doc, doc.line(path), f"{where}: {_beyond(float(value))}")

    def _expression_error(self, doc: Document, path: Path_, problem: ExpressionError) -> None:
        where = describe_path(doc.data, path)
        line = doc.text_line(path) + problem.line - 1
        self.error(doc, line, f"{where}: {problem.message} (column {problem.column})")

    def _checked(self, doc: Document, path: Path_, check: Callable[[], object]) -> bool:
        try:
            check()
        except ExpressionError as problem:
            self._expression_error(doc, path, problem)
            return False
        except RecursionError:
            where = describe_path(doc.data, path)
            self.error(doc, doc.text_line(path), f"{where}: the expression nests too deeply")
            return False
        return True

    def condition(self, doc: Document, path: Path_, value: object) -> Condition | None:
        """A condition from a file's value, or None (reported) when it is wrong."""
        typed = self._typed(
            doc,
            path,
            value,
            Type.BOOL,
            "a condition must be true or false, but this is a number; compare it, e.g. 'x >= 10'",
        )
        if typed is None:
            return None
        text, tree = typed
        return Condition(text, tree, compile_expr(tree, self.names))

    def weight(self, doc: Document, path: Path_, value: object) -> Weight | None:
        """A number expression from a file's value, or None (reported) when it is wrong."""
        typed = self._typed(doc, path, value, Type.NUMBER, "this must be a number, not true/false")
        if typed is None:
            return None
        text, tree = typed
        return Weight(text, tree, compile_expr(tree, self.names))

    def _typed(
        self, doc: Document, path: Path_, value: object, want: Type, mistake: str
    ) -> tuple[str, Expr] | None:
        """An expression of type ``want`` as its text and tree, or None (reported)."""
        if value is None:
            return None
        parsed = self._parse(doc, path, value, parse_expr)
        if parsed is None:
            return None
        tree = parsed[1]

        def check() -> None:
            if check_type(tree, self.names) is not want:
                raise ExpressionError(mistake, tree.line, tree.column)

        return parsed if self._checked(doc, path, check) else None

    def effects(self, doc: Document, path: Path_, value: str | list[str] | None) -> Effects | None:
        """Effect statements from a file's value (text or a list of texts)."""
        if value is None:
            return None
        if isinstance(value, list):
            statements: list[Any] = []
            texts = []
            for index, item in enumerate(value):
                parsed = self._parse(doc, (*path, index), item, parse_effects)
                if parsed is None:
                    continue
                if not self._checked(
                    doc, (*path, index), partial(check_effects, parsed[1], self.names)
                ):
                    continue
                texts.append(parsed[0])
                statements.extend(parsed[1])
            text, tree = "\n".join(texts), tuple(statements)
        else:
            parsed = self._parse(doc, path, value, parse_effects)
            if parsed is None:
                return None
            text, tree = parsed
            if not self._checked(doc, path, lambda: check_effects(tree, self.names)):
                return None
        return Effects(text, tree, compile_effects(tree, self.names, self.ranges))

    def date_in_campaign(self, doc: Document, path: Path_, date: dt.date) -> Quarter:
        """The quarter of a date, reporting a date outside the campaign."""
        quarter = Quarter.of(date)
        if not self.start <= quarter <= self.end:
            where = describe_path(doc.data, path)
            self.error(
                doc,
                doc.line(path),
                f"{where}: the date {date.isoformat()} falls outside the campaign "
                f"({self.start} to {self.end})",
            )
        return quarter


def _within(value: float) -> bool:
    return math.isfinite(value) and abs(value) <= MAX_NUMBER


def _beyond(value: float) -> str:
    """Why a number is refused, in a sentence."""
    shown = f"the number {value:g}" if math.isfinite(value) else "this number"
    return f"{shown} is out of bounds: a campaign's numbers lie within ±{MAX_NUMBER:,}"
