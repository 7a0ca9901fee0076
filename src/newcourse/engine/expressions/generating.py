"""Tree to one Python function: how a compound expression runs during play.

Compiled to closures, an expression such as ``10 + (50 - germany) / 4`` makes a
call for every node of its tree each time it is read, and the world rules and
the turn's storylets read dozens of conditions and weights a turn. Written out
as the source of one function instead (``lambda scope: k0 + (k1 -
scope.values[k2]) / k3``) and compiled once with the campaign, it runs as one
call. A division by anything but a number other than zero, and a call of
``min``, ``max``, ``abs`` or ``clamp``, are calls of the functions themselves
on their arguments; any other call (people, ``since``) calls its closure.

The function computes exactly what the closures of ``compiling.py`` computed:
the same operations on the same values in the same order (a division by zero
gives 0). Nothing from the
campaign's files is written into the source: every name and number is passed in
as a constant (``k0``, ``k1``, ...), so the source holds only generated names,
operators and brackets.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .tree import Binary, Call, Expr, Literal, Name, NameKind, Not

__all__ = ["Writer", "generated"]

_WRITTEN = frozenset(("+", "-", "<", "<=", ">", ">=", "==", "!=", "and", "or"))
"""Operators written as themselves; ``*`` and ``/`` have rules of their own."""


def _divide(a: float, b: float) -> float:
    """Division, where dividing by zero gives 0."""
    return a / b if b else 0.0


class Writer:
    """Writes an expression's source, collecting the constants it refers to.

    A call of one of ``calls`` (``min``, ``max``...) is written as a call of the
    function on its arguments' source; any other call (people, ``since``) as a
    call of its closure, compiled by ``closure``."""

    def __init__(
        self,
        kinds: Mapping[str, NameKind],
        closure: Callable[[Expr], Any],
        calls: Mapping[str, Callable[..., Any]] | None = None,
    ) -> None:
        self.kinds = kinds
        self.closure = closure
        self.calls = calls or {}
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
            function = self.calls.get(expr.function)
            if function is not None:
                args = ", ".join([self.write(arg) for arg in expr.args])
                return f"{self.constant(function)}({args})"
            return f"{self.constant(self.closure(expr))}(scope)"
        assert isinstance(expr, Binary)
        left, right = self.write(expr.left), self.write(expr.right)
        if expr.op in _WRITTEN:
            return f"({left} {expr.op} {right})"
        if expr.op == "*":  # whole numbers multiplied in a chain would grow without end
            return f"(float({left}) * {right})"
        if isinstance(expr.right, Literal) and expr.right.value:  # never by zero
            return f"({left} / {right})"
        return f"_divide({left}, {right})"


def generated(
    expr: Expr,
    kinds: Mapping[str, NameKind],
    closure: Callable[[Expr], Any],
    calls: Mapping[str, Callable[..., Any]] | None = None,
) -> Callable[[Any], Any]:
    """One function of a scope that computes ``expr``, a checked tree of operators
    over names, numbers and calls (see ``Writer``)."""
    writer = Writer(kinds, closure, calls)
    source = f"lambda scope: {writer.write(expr)}"
    function: Callable[[Any], Any] = eval(compile(source, "<expression>", "eval"), writer.constants)
    return function
