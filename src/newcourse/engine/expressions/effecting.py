"""Effect statements to what runs during play: the code that changes a scope.

A single statement (``apparatus += 1``) runs as one small closure. A block of
several (``letter_public = true; known +%= 15; opposition += 5``) is written out
as the source of one function, every statement inline and in order, in the way
``generating`` writes an expression; an option's effects then take about half
the time they took as a closure per statement. Nothing from the campaign's
files is written into the source: names and numbers are passed in as constants.

Compiling a block's source costs about a tenth of a millisecond, and a campaign
has hundreds of blocks, most of which one game never runs; so a block is
compiled the first time it runs, not when the campaign loads (which would make
every start slower as the campaign grows).

Number results are rounded half to even and kept within the target's range
(``compiling.settled``); ``x +%= a`` and ``x -%= a`` are diminishing steps
(``diminishing``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

from .checking import Namespace
from .compiling import CALLS, Apply, Evaluate, Scope, compile_expr, settled
from .diminishing import diminished
from .generating import Writer
from .people import compile_people_statement
from .tree import Assign, Effect, Literal, NameKind

__all__ = ["compile_effects", "effects_source"]


def compile_effects(
    effects: Effect, names: Namespace, ranges: Mapping[str, tuple[int, int]]
) -> Apply:
    """Compile effect statements into one function that changes a Scope in place."""
    if len(effects) == 1:
        return _compile_statement(effects[0], names, ranges)
    run: Apply | None = None

    def apply(scope: Scope) -> None:
        nonlocal run
        if run is None:
            run = _generated(effects, names, ranges)
        run(scope)

    return apply


def _step(amount: float) -> int | float:
    """A literal amount to add: a whole number as an int, so that adding it to a value
    (always whole) needs no rounding."""
    return int(amount) if amount.is_integer() else amount


def _compile_statement(
    statement: Assign, names: Namespace, ranges: Mapping[str, tuple[int, int]]
) -> Apply:
    """One statement as a closure."""
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


def _diminishing(target: str, value: Evaluate, low: int, high: int, up: bool) -> Apply:
    """``target +%= value`` (``up``) or ``target -%= value``: see ``diminishing``."""

    def step(scope: Scope) -> None:
        values = scope.values
        values[target] = diminished(values[target], float(value(scope)), low, high, up)

    return step


def effects_source(
    effects: Effect, names: Namespace, ranges: Mapping[str, tuple[int, int]]
) -> tuple[str, dict[str, object]]:
    """The source of one function ``effects(scope)`` that applies the statements in
    order, as ``_compile_statement``'s closures would, and the constants it reads."""
    writer = Writer(names.kinds, partial(compile_expr, names=names), CALLS)
    writer.constants["_diminished"] = diminished
    lines = ["def effects(scope):", "values = scope.values", "flags = scope.flags"]
    for statement in effects:
        lines += _statement_lines(statement, names, ranges, writer)
    source = "\n    ".join(lines)
    return source, writer.constants


def _statement_lines(
    statement: Assign, names: Namespace, ranges: Mapping[str, tuple[int, int]], writer: Writer
) -> list[str]:
    target, op, value = statement.target, statement.op, statement.value
    if statement.args:  # a person's: one closure, called
        return [f"{writer.constant(_compile_statement(statement, names, ranges))}(scope)"]
    key = writer.constant(target)
    if names.kinds[target] is NameKind.FLAG:
        if isinstance(value, Literal):
            return [f"flags.{'add' if value.value else 'discard'}({key})"]
        test = writer.write(value)
        return [f"if {test}:", f"    flags.add({key})", "else:", f"    flags.discard({key})"]
    low, high = ranges[target]
    lo, hi = writer.constant(low), writer.constant(high)
    if op in ("+%=", "-%="):
        written, up = writer.write(value), op == "+%="
        return [f"values[{key}] = _diminished(values[{key}], float({written}), {lo}, {hi}, {up})"]
    if isinstance(value, Literal):
        amount = float(value.value)
        if op == "=":
            return [f"values[{key}] = {writer.constant(settled(amount, low, low, high))}"]
        step = _step(amount if op == "+=" else -amount)
        kept = "v" if isinstance(step, int) else "round(v)"  # a whole step: nothing to round
        return [
            f"v = values[{key}] + {writer.constant(step)}",
            f"values[{key}] = {hi} if v >= {hi} else {lo} if v <= {lo} else {kept}",
        ]
    lines = [f"c = values[{key}]", f"v = {writer.write(value)}"]
    if op in ("+=", "-="):
        lines.append(f"v = c {op[0]} v")
    # settled(v, c, low, high), written out: v == v is false only for NaN
    within = "round(v) if v == v else c"
    lines.append(f"values[{key}] = {hi} if v >= {hi} else {lo} if v <= {lo} else {within}")
    return lines


def _generated(
    effects: Effect, names: Namespace, ranges: Mapping[str, tuple[int, int]]
) -> Callable[[Scope], None]:
    source, constants = effects_source(effects, names, ranges)
    exec(compile(source, "<effects>", "exec"), constants)
    function: Callable[[Scope], None] = constants["effects"]  # type: ignore[assignment]
    return function
