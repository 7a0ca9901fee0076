"""Tree to closures: what runs during play."""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from functools import partial

from ..figures import PersonState
from .checking import Namespace
from .diminishing import diminished
from .generating import generated
from .people import PEOPLE_FUNCTIONS, compile_people_call, compile_people_statement
from .tree import Assign, Call, Effect, Expr, Literal, Name, NameKind, Not

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


_FUNCTIONS: dict[str, Callable[..., float]] = {"min": min, "max": max, "abs": abs, "clamp": _clamp}


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
        return generated(expr, names.kinds, partial(compile_expr, names=names))
    if isinstance(expr, Call) and expr.function == "since":
        return _since(expr)
    if isinstance(expr, Call) and expr.function in PEOPLE_FUNCTIONS:
        return compile_people_call(expr, names.people)
    if isinstance(expr, Call):
        function = _FUNCTIONS[expr.function]
        args = [compile_expr(arg, names) for arg in expr.args]
        return lambda scope: function(*(arg(scope) for arg in args))
    if not (isinstance(expr.left, Literal | Name) and isinstance(expr.right, Literal | Name)):
        # A tree of operators runs as one function written for it (``generating``):
        # the world rules' conditions and the storylets' weights then take about a
        # fifth less time, 4.5% fewer instructions in a playtest. Two leaves and an
        # operator stay a closure, which is as fast and costs nothing to compile.
        return generated(expr, names.kinds, partial(compile_expr, names=names))
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


def compile_effects(
    effects: Effect, names: Namespace, ranges: Mapping[str, tuple[int, int]]
) -> Apply:
    """Compile effect statements into one closure that changes a Scope in place.

    Number results are rounded half to even and kept within the target's range
    (see ``settled``).
    """
    people = any(statement.args for statement in effects)
    additions = None if people else _literal_additions(effects, names, ranges)
    if additions is not None and len(additions) > 1:  # "a += 2; b -= 1": one loop, no calls
        whole = [(t, step, low, high) for t, step, low, high in additions if isinstance(step, int)]
        if len(whole) == len(additions):

            def add_whole(scope: Scope) -> None:  # whole steps: nothing to round
                values = scope.values
                for target, step, low, high in whole:
                    result = values[target] + step
                    values[target] = high if result >= high else low if result <= low else result

            return add_whole

        def add_all(scope: Scope) -> None:
            values = scope.values
            for target, step, low, high in additions:
                result = values[target] + step
                values[target] = high if result >= high else low if result <= low else round(result)

        return add_all
    steps: list[Callable[[Scope], None]] = [
        _compile_statement(statement, names, ranges) for statement in effects
    ]
    if len(steps) == 1:
        return steps[0]

    def apply(scope: Scope) -> None:
        for step in steps:
            step(scope)

    return apply


def _step(amount: float) -> int | float:
    """A literal amount to add: a whole number as an int, so that adding it to a value
    (always whole) needs no rounding: ``democracy += 5`` then takes about 0.35 µs
    instead of 0.7 (timed here), and a decision runs several such statements."""
    return int(amount) if amount.is_integer() else amount


def _literal_additions(
    effects: Effect, names: Namespace, ranges: Mapping[str, tuple[int, int]]
) -> tuple[tuple[str, int | float, int, int], ...] | None:
    """(target, amount, low, high) for each statement, if every one adds or takes away
    a number to a quality or faction; None otherwise."""
    additions = []
    for statement in effects:
        value = statement.value
        if (
            statement.op not in ("+=", "-=")
            or names.kinds[statement.target] is NameKind.FLAG
            or not isinstance(value, Literal)
        ):
            return None
        amount = float(value.value)
        low, high = ranges[statement.target]
        step = _step(amount if statement.op == "+=" else -amount)
        additions.append((statement.target, step, low, high))
    return tuple(additions)


def _compile_statement(
    statement: Assign, names: Namespace, ranges: Mapping[str, tuple[int, int]]
) -> Callable[[Scope], None]:
    target = statement.target
    if statement.args:
        number = compile_expr(statement.value, names) if target in ("trust", "resolve") else None
        return compile_people_statement(statement, names.people, number)
    value = compile_expr(statement.value, names)
    if names.kinds[target] is NameKind.FLAG:

        def set_flag(scope: Scope) -> None:
            if value(scope):
                scope.flags.add(target)
            else:
                scope.flags.discard(target)

        return set_flag
    low, high = ranges[target]
    op = statement.op
    if op in ("+%=", "-%="):
        return _diminishing(target, value, low, high, up=op == "+%=")
    if isinstance(statement.value, Literal):  # the common "democracy += 5"
        amount = float(statement.value.value)
        if op == "=":
            fixed = settled(amount, low, low, high)

            def set_value(scope: Scope) -> None:
                scope.values[target] = fixed

            return set_value
        step = _step(amount if op == "+=" else -amount)
        if isinstance(step, int):

            def add_whole(scope: Scope) -> None:  # a whole step: nothing to round
                values = scope.values
                result = values[target] + step
                values[target] = high if result >= high else low if result <= low else result

            return add_whole

        def add_literal(scope: Scope) -> None:
            values = scope.values
            result = values[target] + step
            values[target] = high if result >= high else low if result <= low else round(result)

        return add_literal

    def assign(scope: Scope) -> None:
        current = scope.values[target]
        result = value(scope)
        if op == "+=":
            result = current + result
        elif op == "-=":
            result = current - result
        scope.values[target] = settled(result, current, low, high)

    return assign


def _diminishing(
    target: str, value: Evaluate, low: int, high: int, up: bool
) -> Callable[[Scope], None]:
    """``target +%= value`` (``up``) or ``target -%= value``: see ``diminishing``."""

    def step(scope: Scope) -> None:
        values = scope.values
        values[target] = diminished(values[target], float(value(scope)), low, high, up)

    return step


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
