"""Looking for a concrete state where a condition holds.

Interval reasoning can prove a condition impossible but cannot prove it
possible: ``x < 5 or y > 3`` mixes names. Where it is not enough, we try real
values: the bounds of each name's range, the numbers written in the condition
and their neighbours, and some random ones; every combination when there are
few, a seeded random sample when there are many. The values are run through
the engine's own compiled expression, so a witness is a state the game itself
would judge so.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterable

from ...engine.expressions import (
    BUILTINS,
    Binary,
    Call,
    Expr,
    Literal,
    Name,
    Namespace,
    Not,
    Scope,
    compile_expr,
    names_in,
)
from .intervals import Interval, Value

__all__ = ["describe_witness", "find_witness"]

_EXHAUSTIVE = 1024
_SAMPLES = 400


def find_witness(
    expr: Expr, box: dict[str, Value], names: Namespace, seed: int = 0, limit: int = _EXHAUSTIVE
) -> tuple[dict[str, int | bool] | None, int]:
    """Values for the names in ``expr``, inside ``box`` (one turn's: year, quarter and
    turn are single values), that make it true, or None; trying at most ``limit``
    states. Also returns how many states were tried."""
    test = compile_expr(expr, names)
    constants = sorted(_constants(expr))
    variables = sorted(names_in(expr) - set(BUILTINS))
    rng = random.Random(seed)
    choices = [_candidates(box[name], constants, rng) for name in variables]
    builtins = {name: int(_point(box[name])) for name in BUILTINS}
    values = {name: int(v.lo) for name, v in box.items() if isinstance(v, Interval)}
    flags = {name for name, v in box.items() if not isinstance(v, Interval) and True in v}
    if math.prod(len(c) for c in choices) <= min(limit, _EXHAUSTIVE):
        combinations: Iterable[tuple[int | bool, ...]] = itertools.product(*choices)
    else:
        samples = min(limit, _SAMPLES)
        combinations = (tuple(rng.choice(c) for c in choices) for _ in range(samples))
    tried = 0
    for combination in combinations:
        tried += 1
        scope = Scope(dict(values), set(flags), builtins)
        for name, value in zip(variables, combination, strict=True):
            if isinstance(value, bool):
                if value:
                    scope.flags.add(name)
                else:
                    scope.flags.discard(name)
            else:
                scope.values[name] = value
        if test(scope):
            return dict(zip(variables, combination, strict=True)), tried
    return None, tried


def _point(value: Value) -> float:
    assert isinstance(value, Interval)
    return value.lo


def _candidates(value: Value, constants: list[float], rng: random.Random) -> list[int | bool]:
    if not isinstance(value, Interval):
        return sorted(value)
    low, high = int(value.lo), int(value.hi)
    picks: set[int] = {low, high}
    for constant in constants:
        for near in (math.floor(constant) - 1, math.floor(constant), math.ceil(constant) + 1):
            if low <= near <= high:
                picks.add(near)
        if low <= math.ceil(constant) <= high:
            picks.add(math.ceil(constant))
    for _ in range(3):
        picks.add(rng.randint(low, high))
    return sorted(picks)


def _constants(expr: Expr) -> set[float]:
    found: set[float] = set()
    if isinstance(expr, Literal):
        if not isinstance(expr.value, bool):
            found.add(float(expr.value))
    elif isinstance(expr, Not):
        found |= _constants(expr.operand)
    elif isinstance(expr, Binary):
        found |= _constants(expr.left) | _constants(expr.right)
    elif isinstance(expr, Call):
        for arg in expr.args:
            found |= _constants(arg)
    elif isinstance(expr, Name):
        pass
    return found


def describe_witness(witness: dict[str, int | bool]) -> str:
    parts = []
    for name, value in witness.items():
        if isinstance(value, bool):
            parts.append(name if value else f"not {name}")
        else:
            parts.append(f"{name} = {value}")
    return ", ".join(parts)
