"""Tree to one Python function: how a compound expression runs during play.

Compiled to closures, an expression such as ``10 + (50 - germany) / 4`` makes a
call for every node of its tree each time it is read, and the world rules and
the turn's storylets read dozens of conditions and weights a turn. Written out
as the source of one function instead (``lambda scope: k0 + _divide(k1 -
scope.values[k2], k3)``) and compiled once with the campaign, it runs as one
call.

The function computes exactly what the closures of ``compiling.py`` computed:
the same operations on the same values in the same order. Nothing from the
campaign's files is written into the source: every name and number is passed in
as a constant (``k0``, ``k1``, ...), so the source holds only generated names,
operators and brackets.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .tree import Binary, Call, Expr, Literal, Name, NameKind, Not

__all__ = ["generated"]

_WRITTEN = frozenset(("+", "-", "<", "<=", ">", ">=", "==", "!=", "and", "or"))
"""Operators written as themselves; ``*`` and ``/`` have rules of their own."""


def _divide(a: float, b: float) -> float:
    """Division, where dividing by zero gives 0."""
    return a / b if b else 0.0


class _Writer:
    """Writes an expression's source, collecting the constants it refers to."""

    def __init__(self, kinds: Mapping[str, NameKind], closure: Callable[[Expr], Any]) -> None:
        self.kinds = kinds
        self.closure = closure  # compiles a call the source makes (people, since, min...)
        self.constants: dict[str, object] = {"_divide": _divide}
        self.count = 0

    def constant(self, value: object) -> str:
        name = f"k{self.count}"
        self.count += 1
        self.constants[name] = value
        return name

    def write(self, expr: Expr) -> str:
        if isinstance(expr, Literal):
            return self.constant(expr.value)
        if isinstance(expr, Name):
            key, kind = self.constant(expr.name), self.kinds[expr.name]
            if kind is NameKind.FLAG:
                return f"({key} in scope.flags)"
            if kind is NameKind.BUILTIN:
                return f"scope.builtins[{key}]"
            return f"scope.values[{key}]"
        if isinstance(expr, Not):
            return f"(not {self.write(expr.operand)})"
        if isinstance(expr, Call):
            return f"{self.constant(self.closure(expr))}(scope)"
        assert isinstance(expr, Binary)
        left, right = self.write(expr.left), self.write(expr.right)
        if expr.op in _WRITTEN:
            return f"({left} {expr.op} {right})"
        if expr.op == "*":  # whole numbers multiplied in a chain would grow without end
            return f"(float({left}) * {right})"
        return f"_divide({left}, {right})"


def generated(
    expr: Expr, kinds: Mapping[str, NameKind], closure: Callable[[Expr], Any]
) -> Callable[[Any], Any]:
    """One function of a scope that computes ``expr``, a checked tree of operators
    over names, numbers and calls; ``closure`` compiles each call in it."""
    writer = _Writer(kinds, closure)
    source = f"lambda scope: {writer.write(expr)}"
    function: Callable[[Any], Any] = eval(compile(source, "<expression>", "eval"), writer.constants)
    return function
