"""Tree to text: an expression written back as a writer would write it.

Parentheses are written only where the tree needs them, so parsing the text
gives the same tree again (without labels; labels are for reading).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal

from .tree import Binary, Call, Effect, Expr, Literal, Name, Not

# How tightly each operator binds, as the parser reads them (higher binds tighter).
_OR, _AND, _NOT, _COMPARE, _SUM, _PRODUCT, _SIGN, _ATOM = range(8)
_BINDING = {
    "or": _OR,
    "and": _AND,
    **dict.fromkeys(("<", "<=", ">", ">=", "==", "!="), _COMPARE),
    "+": _SUM,
    "-": _SUM,
    "*": _PRODUCT,
    "/": _PRODUCT,
}


def describe(expr: Expr, labels: Mapping[str, str] | None = None) -> str:
    """Write an expression back as text, naming qualities by their labels if given."""
    return _write(expr, labels or {})[0]


def describe_effects(effects: Effect, labels: Mapping[str, str] | None = None) -> str:
    """Write effect statements back as text, one a line: ``opposition +%= 10``."""
    named = labels or {}
    return "\n".join(
        f"{named.get(s.target, s.target)} {s.op} {_write(s.value, named)[0]}" for s in effects
    )


def _is_sign(expr: Binary) -> bool:
    """``-x`` parses as ``0 - x`` with the 0 at the sign's own place."""
    left = expr.left
    return (
        expr.op == "-"
        and isinstance(left, Literal)
        and not isinstance(left.value, bool)
        and left.value == 0
        and (left.line, left.column) == (expr.line, expr.column)
    )


def _write(expr: Expr, labels: Mapping[str, str]) -> tuple[str, int]:
    """The text of ``expr`` and how tightly it binds."""
    if isinstance(expr, Literal):
        return _number(expr.value), _ATOM
    if isinstance(expr, Name):
        return labels.get(expr.name, expr.name), _ATOM
    if isinstance(expr, Call):
        args = ", ".join(_write(arg, labels)[0] for arg in expr.args)
        return f"{expr.function}({args})", _ATOM
    if isinstance(expr, Not):
        return f"not {_operand(expr.operand, labels, _NOT)}", _NOT
    if _is_sign(expr):
        return f"-{_operand(expr.right, labels, _SIGN)}", _SIGN
    binding = _BINDING[expr.op]
    # Operators group to the left; a comparison takes no comparison on either side.
    left = _operand(expr.left, labels, binding + (binding == _COMPARE))
    right = _operand(expr.right, labels, binding + 1)
    return f"{left} {expr.op} {right}", binding


def _operand(expr: Expr, labels: Mapping[str, str], least: int) -> str:
    """``expr`` as an operand that must bind at least as tightly as ``least``."""
    text, binding = _write(expr, labels)
    return text if binding >= least else f"({text})"


def _number(value: float | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if math.isfinite(value) and value == int(value):
        return str(int(value))
    return format(Decimal(repr(value)), "f")
