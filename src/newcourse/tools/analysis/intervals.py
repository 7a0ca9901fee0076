"""Interval reasoning over expression trees.

A *box* gives every name the set of values it can take: an ``Interval`` for
numbers (qualities, faction shares, ``year``, ``quarter``, ``turn``) and a set
of truth values for flags. ``evaluate`` runs an expression over a box and
returns every value it could have; ``refine`` narrows a box to the part where a
condition comes out true (or false), or returns None when no part does. Both
over-approximate, so "never true" is a proof and "may be true" is only a hint.

State values are whole numbers, so a name's interval is rounded inwards when it
is narrowed: ``x < 5`` leaves ``x`` at most 4. That is what lets
``x < 5 and x >= 5`` be seen as impossible.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ...content.limits import MAX_NUMBER
from ...engine.expressions import Binary, Call, Expr, Literal, Name, Not, Type
from ...engine.expressions.compiling import NEVER
from ...engine.expressions.people import PEOPLE_FUNCTIONS
from ...engine.figures import ATTRIBUTES

__all__ = [
    "BOTH",
    "Box",
    "Interval",
    "Truth",
    "Value",
    "can_be",
    "evaluate",
    "hull",
    "join",
    "refine",
    "truth",
]

INF = math.inf
Truth = frozenset[bool]
BOTH: Truth = frozenset((True, False))


@dataclass(frozen=True, slots=True)
class Interval:
    """The closed range ``lo..hi`` of a number (bounds may be infinite)."""

    lo: float
    hi: float

    @classmethod
    def point(cls, value: float) -> Interval:
        return cls(value, value)

    @property
    def is_point(self) -> bool:
        return self.lo == self.hi

    def meet(self, other: Interval) -> Interval | None:
        lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
        return Interval(lo, hi) if lo <= hi else None

    def join(self, other: Interval) -> Interval:
        return Interval(min(self.lo, other.lo), max(self.hi, other.hi))

    def __contains__(self, value: float) -> bool:
        return self.lo <= value <= self.hi

    @property
    def span(self) -> str:
        """``lo..hi``, even when they are equal (for declared ranges)."""
        return f"{_number(self.lo)}..{_number(self.hi)}"

    def __str__(self) -> str:
        return _number(self.lo) if self.is_point else self.span


Value = Interval | Truth
Box = Mapping[str, Value]


def _number(value: float) -> str:
    if math.isinf(value):
        return "-inf" if value < 0 else "inf"
    return f"{value:g}"


def truth(value: Value) -> Truth:
    if isinstance(value, Interval):  # pragma: no cover - ruled out by type checking
        raise TypeError("a number where a truth value was expected")
    return value


def number(value: Value) -> Interval:
    if not isinstance(value, Interval):  # pragma: no cover - ruled out by type checking
        raise TypeError("a truth value where a number was expected")
    return value


def join(first: Value, second: Value) -> Value:
    """The smallest value set holding both."""
    if isinstance(first, Interval):
        return first.join(number(second))
    return first | truth(second)


def hull(
    first: dict[str, Value] | None, second: dict[str, Value] | None
) -> dict[str, Value] | None:
    """The smallest box holding both boxes (None is the empty box)."""
    if first is None:
        return second
    if second is None:
        return first
    return {name: join(value, second[name]) for name, value in first.items()}


# ---------------------------------------------------------------- evaluating


def is_integral(expr: Expr) -> bool:
    """Whether the expression can only give whole numbers (names are whole, '/' is not)."""
    if isinstance(expr, Literal):
        return not isinstance(expr.value, bool) and float(expr.value).is_integer()
    if isinstance(expr, Name):
        return True
    if isinstance(expr, Call):
        return all(is_integral(arg) for arg in expr.args)
    if isinstance(expr, Binary) and expr.op in ("+", "-", "*"):
        return is_integral(expr.left) and is_integral(expr.right)
    return False


def evaluate(expr: Expr, box: Box) -> Value:
    """Every value ``expr`` can take in ``box``."""
    if isinstance(expr, Literal):
        if isinstance(expr.value, bool):
            return frozenset((expr.value,))
        return Interval.point(float(expr.value))
    if isinstance(expr, Name):
        return box[expr.name]
    if isinstance(expr, Not):
        return frozenset(not v for v in truth(evaluate(expr.operand, box)))
    if isinstance(expr, Call) and expr.function in PEOPLE_FUNCTIONS:
        return _person_call(expr)
    if isinstance(expr, Call) and expr.function == "since":
        return Interval(0.0, float(NEVER))  # turns since a flag was set; NEVER if it was not
    if isinstance(expr, Call):
        return _call(expr, [number(evaluate(arg, box)) for arg in expr.args])
    return _binary(expr, box)


def _person_call(expr: Call) -> Value:
    """What a people function can give: its whole range (people are not tracked)."""
    if PEOPLE_FUNCTIONS[expr.function][1] is Type.BOOL:
        return frozenset((True, False))
    if expr.function == "count_camp":
        return Interval(0.0, float(MAX_NUMBER))
    low, high = ATTRIBUTES[expr.function]
    return Interval(float(low), float(high))


def _call(expr: Call, args: list[Interval]) -> Interval:
    if expr.function == "min":
        return Interval(min(a.lo for a in args), min(a.hi for a in args))
    if expr.function == "max":
        return Interval(max(a.lo for a in args), max(a.hi for a in args))
    if expr.function == "abs":
        (a,) = args
        if a.lo >= 0:
            return a
        if a.hi <= 0:
            return Interval(-a.hi, -a.lo)
        return Interval(0.0, max(-a.lo, a.hi))
    x, low, high = args  # clamp(x, low, high) = max(low, min(high, x))
    inner = Interval(min(high.lo, x.lo), min(high.hi, x.hi))
    return Interval(max(low.lo, inner.lo), max(low.hi, inner.hi))


def _binary(expr: Binary, box: Box) -> Value:
    op = expr.op
    if op in ("and", "or"):
        left, right = truth(evaluate(expr.left, box)), truth(evaluate(expr.right, box))
        if op == "and":
            return frozenset(a and b for a in left for b in right)
        return frozenset(a or b for a in left for b in right)
    a, b = evaluate(expr.left, box), evaluate(expr.right, box)
    if op in ("==", "!=") and not isinstance(a, Interval):
        same = frozenset(x == y for x in a for y in truth(b))
        return same if op == "==" else frozenset(not v for v in same)
    x, y = number(a), number(b)
    if op == "+":
        return Interval(x.lo + y.lo, x.hi + y.hi)
    if op == "-":
        return Interval(x.lo - y.hi, x.hi - y.lo)
    if op == "*":
        return _times(x, y)
    if op == "/":
        return _divide(x, y, is_integral(expr.right))
    return _compare(op, x, y)


def _product(a: float, b: float) -> float:
    return 0.0 if a == 0 or b == 0 else a * b


def _times(x: Interval, y: Interval) -> Interval:
    products = [_product(a, b) for a in (x.lo, x.hi) for b in (y.lo, y.hi)]
    return Interval(min(products), max(products))


def _divide(x: Interval, y: Interval, whole: bool) -> Interval:
    """The engine's division: ``x / y``, or 0 where ``y`` is 0."""
    if y.lo > 0 or y.hi < 0:
        return _times(x, Interval(1 / y.hi if y.hi else -INF, 1 / y.lo if y.lo else INF))
    if x.lo == x.hi == 0 or y.lo == y.hi == 0:
        return Interval.point(0.0)
    if not whole:
        return Interval(-INF, INF)
    result = Interval.point(0.0)  # y == 0 gives 0; otherwise |y| >= 1
    if y.hi >= 1:
        result = result.join(_divide(x, Interval(1.0, y.hi), True))
    if y.lo <= -1:
        result = result.join(_divide(x, Interval(y.lo, -1.0), True))
    return result


def _compare(op: str, x: Interval, y: Interval) -> Truth:
    if op == "<":
        can_true, can_false = x.lo < y.hi, x.hi >= y.lo
    elif op == "<=":
        can_true, can_false = x.lo <= y.hi, x.hi > y.lo
    elif op == ">":
        can_true, can_false = x.hi > y.lo, x.lo <= y.hi
    elif op == ">=":
        can_true, can_false = x.hi >= y.lo, x.lo < y.hi
    else:
        overlap = x.meet(y) is not None
        single = x.is_point and y.is_point and x.lo == y.lo
        can_true, can_false = (overlap, not single) if op == "==" else (not single, overlap)
    return frozenset(v for v, possible in ((True, can_true), (False, can_false)) if possible)


# ---------------------------------------------------------------- narrowing

_NEGATED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
_MIRRORED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


def can_be(expr: Expr, wanted: bool, box: Box) -> bool:
    """Whether the condition can come out ``wanted`` somewhere in the box."""
    return refine(expr, wanted, box) is not None


def refine(expr: Expr, wanted: bool, box: Box) -> dict[str, Value] | None:
    """The part of the box where the condition comes out ``wanted`` (a box around it),
    or None if there is none. Narrowing is repeated a few times so that bounds
    learnt from one side of an ``and`` tighten the other."""
    current: dict[str, Value] | None = dict(box)
    for _ in range(3):
        if current is None:
            return None
        narrowed = _refine(expr, wanted, current)
        if narrowed == current:
            break
        current = narrowed
    if current is None or wanted not in truth(evaluate(expr, current)):
        return None
    return current


def _refine(expr: Expr, wanted: bool, box: dict[str, Value]) -> dict[str, Value] | None:
    if isinstance(expr, Literal):
        return box if expr.value is wanted else None
    if isinstance(expr, Name):
        values = truth(box[expr.name]) & {wanted}
        return {**box, expr.name: values} if values else None
    if isinstance(expr, Not):
        return _refine(expr.operand, not wanted, box)
    if isinstance(expr, Binary) and expr.op in ("and", "or"):
        if (expr.op == "and") == wanted:  # both sides must come out `wanted`
            left = _refine(expr.left, wanted, box)
            return None if left is None else _refine(expr.right, wanted, left)
        return hull(_refine(expr.left, wanted, box), _refine(expr.right, wanted, box))
    if isinstance(expr, Binary) and expr.op in _NEGATED:
        op = expr.op if wanted else _NEGATED[expr.op]
        return _compare_refine(op, expr.left, expr.right, box)
    return box if wanted in truth(evaluate(expr, box)) else None  # pragma: no cover


def _compare_refine(
    op: str, left: Expr, right: Expr, box: dict[str, Value]
) -> dict[str, Value] | None:
    a, b = evaluate(left, box), evaluate(right, box)
    if not isinstance(a, Interval):  # truth values compared with == or !=
        if isinstance(right, Literal) and isinstance(right.value, bool):
            return _refine(left, right.value is (op == "=="), box)
        if isinstance(left, Literal) and isinstance(left.value, bool):
            return _refine(right, left.value is (op == "=="), box)
        return box if True in _binary(Binary(op, left, right), box) else None
    narrowed = _project(left, _bound(op, number(b)), box)
    if narrowed is None:
        return None
    x = number(evaluate(left, narrowed))
    return _project(right, _bound(_MIRRORED[op], x), narrowed)


def _bound(op: str, other: Interval) -> Interval:
    """Where a value ``v`` may lie for ``v op w`` to hold for some ``w`` in ``other``."""
    if op == "<":
        return Interval(-INF, math.nextafter(other.hi, -INF))
    if op == "<=":
        return Interval(-INF, other.hi)
    if op == ">":
        return Interval(math.nextafter(other.lo, INF), INF)
    if op == ">=":
        return Interval(other.lo, INF)
    if op == "==":
        return other
    return Interval(-INF, INF)  # != rules out one value at most


def _project(expr: Expr, target: Interval, box: dict[str, Value]) -> dict[str, Value] | None:
    """Narrow the box so that ``expr`` can fall inside ``target``."""
    if isinstance(expr, Name):
        current = number(box[expr.name])
        met = current.meet(target)
        if met is None:
            return None
        lo, hi = _whole(met.lo, math.ceil), _whole(met.hi, math.floor)  # state values are whole
        return {**box, expr.name: Interval(lo, hi)} if lo <= hi else None
    value = number(evaluate(expr, box))
    if value.meet(target) is None:
        return None
    if not isinstance(expr, Binary):
        return box
    x, y = number(evaluate(expr.left, box)), number(evaluate(expr.right, box))
    if expr.op == "+":
        narrowed = _project(expr.left, Interval(target.lo - y.hi, target.hi - y.lo), box)
        if narrowed is None:
            return None
        x = number(evaluate(expr.left, narrowed))
        return _project(expr.right, Interval(target.lo - x.hi, target.hi - x.lo), narrowed)
    if expr.op == "-":
        narrowed = _project(expr.left, Interval(target.lo + y.lo, target.hi + y.hi), box)
        if narrowed is None:
            return None
        x = number(evaluate(expr.left, narrowed))
        return _project(expr.right, Interval(x.lo - target.hi, x.hi - target.lo), narrowed)
    if expr.op == "*" and _usable(y):
        return _project(expr.left, _scaled(target, y.lo, divide=True), box)
    if expr.op == "*" and _usable(x):
        return _project(expr.right, _scaled(target, x.lo, divide=True), box)
    if expr.op == "/" and _usable(y):
        return _project(expr.left, _scaled(target, y.lo, divide=False), box)
    return box


def _whole(value: float, rounding: Callable[[float], int]) -> float:
    return value if math.isinf(value) else float(rounding(value))


def _usable(factor: Interval) -> bool:
    return factor.is_point and factor.lo != 0 and not math.isinf(factor.lo)


def _scaled(target: Interval, factor: float, *, divide: bool) -> Interval:
    """``target / factor`` or ``target * factor``; dividing (not multiplying by the
    inverse) keeps whole bounds exact, so rounding inwards stays sound."""
    if divide:
        ends = (target.lo / factor, target.hi / factor)
    else:
        ends = (_product(target.lo, factor), _product(target.hi, factor))
    return Interval(min(ends), max(ends))
