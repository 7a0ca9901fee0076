"""Which way a condition pulls its names, and which way an effect pushes them.

A condition *needs* ``(name, +1)`` when raising the quality (or setting the
flag) can make it true, and ``(name, -1)`` when lowering (clearing) can. An
effect *moves* ``(name, +1)`` when it raises a quality or sets a flag. The
analysis walks the expression trees with a sign: ``not`` and the right side of
``-`` flip it; ``a >= b`` needs ``a`` up and ``b`` down; where the direction
cannot be told (``==``, ``abs``, a product of two names) both directions count.
"""

from __future__ import annotations

from collections.abc import Mapping

from ...engine.expressions import Assign, Binary, Call, Effect, Expr, Literal, Name, Not, names_in

__all__ = ["Direction", "moves", "needs", "raises"]

Direction = tuple[str, int]  # (name, +1 up / true, -1 down / false)

_UP_IF_LEFT = {">": 1, ">=": 1, "<": -1, "<=": -1}
_IGNORED = frozenset({"year", "quarter", "turn"})


def needs(expr: Expr, sign: int = 1) -> set[Direction]:
    """The changes that can make ``expr`` true (``sign`` -1: that can make it false)."""
    found: set[Direction] = set()
    _truth(expr, sign, found)
    return {d for d in found if d[0] not in _IGNORED}


def raises(expr: Expr) -> set[Direction]:
    """The changes that raise the number ``expr`` (a weight, a vote's swing)."""
    found: set[Direction] = set()
    _amount(expr, 1, found)
    return {d for d in found if d[0] not in _IGNORED}


def _truth(expr: Expr, sign: int, found: set[Direction]) -> None:
    if isinstance(expr, Name):
        found.add((expr.name, sign))  # a flag: true wanted when sign is +1
    elif isinstance(expr, Not):
        _truth(expr.operand, -sign, found)
    elif isinstance(expr, Binary) and expr.op in ("and", "or"):
        _truth(expr.left, sign, found)
        _truth(expr.right, sign, found)
    elif isinstance(expr, Binary) and expr.op in _UP_IF_LEFT:
        up = _UP_IF_LEFT[expr.op] * sign
        _amount(expr.left, up, found)
        _amount(expr.right, -up, found)
    elif isinstance(expr, Binary | Call):  # == and != and anything else: either way
        for name in names_in(expr):
            found |= {(name, 1), (name, -1)}


def _amount(expr: Expr, sign: int, found: set[Direction]) -> None:
    """Names whose rise raises (sign +1) or lowers (-1) the number ``expr``."""
    if isinstance(expr, Name):
        found.add((expr.name, sign))
    elif isinstance(expr, Binary) and expr.op in ("+", "-"):
        _amount(expr.left, sign, found)
        _amount(expr.right, sign if expr.op == "+" else -sign, found)
    elif isinstance(expr, Binary) and expr.op in ("*", "/") and _constant_sign(expr.right):
        _amount(expr.left, sign * _constant_sign(expr.right), found)
    elif isinstance(expr, Binary) and expr.op == "*" and _constant_sign(expr.left):
        _amount(expr.right, sign * _constant_sign(expr.left), found)
    elif isinstance(expr, Call) and expr.function in ("min", "max"):
        for arg in expr.args:
            _amount(arg, sign, found)
    elif isinstance(expr, Call) and expr.function == "clamp":
        _amount(expr.args[0], sign, found)
    elif not isinstance(expr, Literal):
        for name in names_in(expr):
            found |= {(name, 1), (name, -1)}


def _constant_sign(expr: Expr) -> int:
    """+1 or -1 for a non-zero number literal (or its negation), 0 otherwise."""
    if isinstance(expr, Literal) and not isinstance(expr.value, bool) and expr.value:
        return 1 if expr.value > 0 else -1
    if (
        isinstance(expr, Binary)
        and expr.op == "-"
        and isinstance(expr.left, Literal)
        and expr.left.value == 0
    ):
        return -_constant_sign(expr.right)
    return 0


def _value_sign(expr: Expr, ranges: Mapping[str, tuple[int, int]]) -> int:
    """+1 if ``expr`` is never negative (and can be positive), -1 if never positive, else 0."""
    if isinstance(expr, Literal):
        return _constant_sign(expr)
    if isinstance(expr, Name):
        low, high = ranges.get(expr.name, (-1, 1))
        return 1 if low >= 0 and high > 0 else -1 if high <= 0 and low < 0 else 0
    if isinstance(expr, Binary) and expr.op == "-" and isinstance(expr.left, Literal):
        return -_value_sign(expr.right, ranges) if expr.left.value == 0 else 0
    if isinstance(expr, Binary) and expr.op in ("*", "/"):
        return _value_sign(expr.left, ranges) * _value_sign(expr.right, ranges)
    if isinstance(expr, Binary) and expr.op == "+":
        left, right = _value_sign(expr.left, ranges), _value_sign(expr.right, ranges)
        return left if left == right else 0
    if isinstance(expr, Call) and expr.function in ("min", "max"):
        signs = {_value_sign(arg, ranges) for arg in expr.args}
        return signs.pop() if len(signs) == 1 else 0
    if isinstance(expr, Call) and expr.function == "abs":
        return 1
    return 0


def moves(
    effects: Effect, flags: set[str] | frozenset[str], ranges: Mapping[str, tuple[int, int]]
) -> set[Direction]:
    """The names ``effects`` change, and which way."""
    found: set[Direction] = set()
    for statement in effects:
        if not statement.args:  # people effects move no quality or flag
            found |= _move(statement, flags, ranges)
    return found


def _move(
    statement: Assign, flags: set[str] | frozenset[str], ranges: Mapping[str, tuple[int, int]]
) -> set[Direction]:
    target, value = statement.target, statement.value
    if target in flags:
        if isinstance(value, Literal) and isinstance(value.value, bool):
            return {(target, 1 if value.value else -1)}
        return {(target, 1), (target, -1)}
    if statement.op in ("+=", "-=", "+%=", "-%="):
        sign = _value_sign(value, ranges) * (1 if statement.op in ("+=", "+%=") else -1)
    else:  # target = target + x, or a new value altogether
        sign = _self_step(target, value, ranges)
    return {(target, sign)} if sign else {(target, 1), (target, -1)}


def _self_step(target: str, value: Expr, ranges: Mapping[str, tuple[int, int]]) -> int:
    if isinstance(value, Binary) and value.op in ("+", "-"):
        if isinstance(value.left, Name) and value.left.name == target:
            step = _value_sign(value.right, ranges)
            return step if value.op == "+" else -step
        if value.op == "+" and isinstance(value.right, Name) and value.right.name == target:
            return _value_sign(value.left, ranges)
    return 0
