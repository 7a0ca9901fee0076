"""Expression trees to closures: what conditions and weights run during play."""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from functools import partial

from ..figures import PersonState
from .checking import Namespace
from .generating import generated
from .people import PEOPLE_FUNCTIONS, compile_people_call
from .tree import Call, Expr, Literal, Name, NameKind, Not

NO_MARKS: Mapping[str, int] = {}

NEVER = 1000
"""What ``since(flag)`` gives for a flag never set: more turns than any campaign has."""


class Scope:
    """What compiled code reads and writes: number values, flags and built-ins."""

    __slots__ = ("builtins", "cast", "flags", "marks", "people", "values")

    def __init__(
        self,
        values: dict[str, int],
        flags: set[str],
        builtins: Mapping[str, int],
        marks: Mapping[str, int] = NO_MARKS,
        people: dict[str, PersonState] | None = None,
        cast: Mapping[str, str] | None = None,
    ) -> None:
        self.values = values
        self.flags = flags
        self.builtins = builtins
        self.marks = marks  # the turn each flag was last set, for since()
        self.people: dict[str, PersonState] = {} if people is None else people
        self.cast: Mapping[str, str] = {} if cast is None else cast  # role -> person id


Evaluate = Callable[[Scope], "float | bool"]

_ARITHMETIC: dict[str, Callable[[float, float], float | bool]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": lambda a, b: float(a) * b,  # whole numbers multiplied in a chain would grow without end
    "/": lambda a, b: a / b if b else 0.0,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


def _clamp(x: float, low: float, high: float) -> float:
    return max(low, min(high, x))


CALLS: Mapping[str, Callable[..., float]] = {"min": min, "max": max, "abs": abs, "clamp": _clamp}
"""The functions of the expression language that are plain Python functions of their arguments."""


def compile_expr(expr: Expr, names: Namespace) -> Evaluate:
    """Turn a checked tree into a closure over a Scope.

    Division by zero gives 0. Results beyond the range of numbers are infinite or,
    where two infinities meet, not a number (NaN); nothing raises. Whoever uses a
    result decides what such a number means (effects: ``settled``)."""
    if isinstance(expr, Literal):
        value = expr.value
        return lambda scope: value
    if isinstance(expr, Name):
        key, kind = expr.name, names.kinds[expr.name]
        if kind is NameKind.FLAG:
            return lambda scope: key in scope.flags
        if kind is NameKind.BUILTIN:
            return lambda scope: scope.builtins[key]
        return lambda scope: scope.values[key]
    if isinstance(expr, Not):
        if isinstance(expr.operand, Name) and names.kinds[expr.operand.name] is NameKind.FLAG:
            flag = expr.operand.name  # "not purged", the commonest negation: one call
            return lambda scope: flag not in scope.flags
        return generated(expr, names.kinds, partial(compile_expr, names=names), CALLS)
    if isinstance(expr, Call) and expr.function == "since":
        return _since(expr)
    if isinstance(expr, Call) and expr.function in PEOPLE_FUNCTIONS:
        return compile_people_call(expr, names.people)
    if isinstance(expr, Call):
        function = CALLS[expr.function]
        args = [compile_expr(arg, names) for arg in expr.args]
        return lambda scope: function(*(arg(scope) for arg in args))
    if not (isinstance(expr.left, Literal | Name) and isinstance(expr.right, Literal | Name)):
        # A tree of operators runs as one function written for it (``generating``):
        # the world rules' conditions and the storylets' weights then take about a
        # fifth less time, 4.5% fewer instructions in a playtest. Two leaves and an
        # operator stay a closure, which is as fast and costs nothing to compile.
        return generated(expr, names.kinds, partial(compile_expr, names=names), CALLS)
    left = compile_expr(expr.left, names)
    right = compile_expr(expr.right, names)
    # both sides are checked to be true/false, so 'and' and 'or' give true/false
    if expr.op == "and":
        return lambda scope: left(scope) and right(scope)
    if expr.op == "or":
        return lambda scope: left(scope) or right(scope)
    operation = _ARITHMETIC[expr.op]
    # The common shapes (a quality against a number, say) read their leaves directly,
    # saving a call per leaf; the result is the same.
    left_key, right_key = _value_name(expr.left, names), _value_name(expr.right, names)
    if isinstance(expr.left, Name) and isinstance(expr.right, Literal) and expr.op in _COMPARED:
        builtin = names.kinds[expr.left.name] is NameKind.BUILTIN
        if left_key is not None or builtin:
            return _compared(expr.op, expr.left.name, expr.right.value, builtin)
    if left_key is not None and isinstance(expr.right, Literal):
        constant = expr.right.value
        return lambda scope: operation(scope.values[left_key], constant)
    if left_key is not None and right_key is not None:
        return lambda scope: operation(scope.values[left_key], scope.values[right_key])
    if left_key is not None:
        return lambda scope: operation(scope.values[left_key], right(scope))
    if isinstance(expr.right, Literal):
        constant = expr.right.value
        return lambda scope: operation(left(scope), constant)
    return lambda scope: operation(left(scope), right(scope))


_COMPARED = frozenset(("<", "<=", ">", ">=", "==", "!="))


def _compared(op: str, key: str, constant: float, builtin: bool) -> Evaluate:
    """``democracy < 35`` or ``quarter == 2``, the commonest conditions, as one call:
    the comparison written out, where ``operator.lt`` would be a second call."""
    if builtin:
        if op == "<":
            return lambda scope: scope.builtins[key] < constant
        if op == "<=":
            return lambda scope: scope.builtins[key] <= constant
        if op == ">":
            return lambda scope: scope.builtins[key] > constant
        if op == ">=":
            return lambda scope: scope.builtins[key] >= constant
        if op == "==":
            return lambda scope: scope.builtins[key] == constant
        return lambda scope: scope.builtins[key] != constant
    if op == "<":
        return lambda scope: scope.values[key] < constant
    if op == "<=":
        return lambda scope: scope.values[key] <= constant
    if op == ">":
        return lambda scope: scope.values[key] > constant
    if op == ">=":
        return lambda scope: scope.values[key] >= constant
    if op == "==":
        return lambda scope: scope.values[key] == constant
    return lambda scope: scope.values[key] != constant


def _since(expr: Call) -> Evaluate:
    """``since(flag)``: turns since the flag was last set (0 in the turn it was set);
    ``NEVER`` if it has not been set in this game."""
    flag = expr.args[0].name if isinstance(expr.args[0], Name) else ""

    def since(scope: Scope) -> float:
        turn = scope.marks.get(flag)
        return NEVER if turn is None else scope.builtins["turn"] - turn

    return since


def _value_name(expr: Expr, names: Namespace) -> str | None:
    """The name, if ``expr`` is a quality or a faction (read from ``Scope.values``)."""
    if isinstance(expr, Name) and names.kinds[expr.name] in (NameKind.QUALITY, NameKind.FACTION):
        return expr.name
    return None


Apply = Callable[[Scope], None]
"""What effects compile to: a function that changes a Scope in place (``effecting``)."""


def settled(result: float, current: int, low: int, high: int) -> int:
    """A number result as a value within ``low..high``: rounded half to even, and
    beyond the range (an infinite result too) the nearest end of it. A result that
    is not a number (NaN, from infinity minus infinity, say) changes nothing:
    the value stays ``current``."""
    if result >= high:
        return high
    if result <= low:
        return low
    if result == result:  # false only for NaN (math.isnan would refuse a huge whole number)
        return round(result)
    return current
