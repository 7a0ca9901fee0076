"""How far a state is from making a condition true: the greedy ending heuristic.

``compile_distance`` turns a condition's tree into a function of the state that
is 0 when the condition holds and grows with the change still needed: for
``democracy >= 60`` at 45 it is 15; ``and`` adds its parts, ``or`` takes the
nearest; ``not`` is pushed inwards (De Morgan), and a flag with the wrong value
costs a fixed ``FLAG_COST``, as much as a large swing of a quality.
"""

from __future__ import annotations

from collections.abc import Callable

from ...engine.expressions import (
    Binary,
    Call,
    Expr,
    Literal,
    Name,
    NameKind,
    Namespace,
    Not,
    Scope,
    compile_expr,
)

__all__ = ["FLAG_COST", "Distance", "compile_distance"]

FLAG_COST = 25.0

Distance = Callable[[Scope], float]

_NEGATED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}


def compile_distance(expr: Expr, names: Namespace, want: bool = True) -> Distance:
    """The distance from ``expr`` being ``want`` (0 when it already is)."""
    if isinstance(expr, Literal):
        cost = 0.0 if bool(expr.value) == want else FLAG_COST * 4
        return lambda scope: cost
    if isinstance(expr, Not):
        return compile_distance(expr.operand, names, not want)
    if isinstance(expr, Name) and names.kinds.get(expr.name) is NameKind.FLAG:
        flag = expr.name
        if want:
            return lambda scope: 0.0 if flag in scope.flags else FLAG_COST
        return lambda scope: FLAG_COST if flag in scope.flags else 0.0
    if isinstance(expr, Binary) and expr.op in ("and", "or"):
        left = compile_distance(expr.left, names, want)
        right = compile_distance(expr.right, names, want)
        if (expr.op == "and") == want:  # all parts are needed
            return lambda scope: left(scope) + right(scope)
        return lambda scope: min(left(scope), right(scope))
    if isinstance(expr, Binary) and expr.op in _NEGATED and _numeric(expr.left, names):
        op = expr.op if want else _NEGATED[expr.op]
        return _comparison(op, compile_expr(expr.left, names), compile_expr(expr.right, names))
    # Anything else (a comparison of two conditions, say): right or wrong, nothing between.
    test = compile_expr(expr, names)
    return lambda scope: 0.0 if bool(test(scope)) == want else FLAG_COST


def _numeric(expr: Expr, names: Namespace) -> bool:
    if isinstance(expr, Literal):
        return not isinstance(expr.value, bool)
    if isinstance(expr, Name):
        return names.kinds.get(expr.name) is not NameKind.FLAG
    return isinstance(expr, Call) or (isinstance(expr, Binary) and expr.op in ("+", "-", "*", "/"))


def _comparison(
    op: str, left: Callable[[Scope], float | bool], right: Callable[[Scope], float | bool]
) -> Distance:
    def gap(scope: Scope) -> float:
        return float(left(scope)) - float(right(scope))

    if op == ">=":
        return lambda scope: max(0.0, -gap(scope))
    if op == ">":
        return lambda scope: max(0.0, 1.0 - gap(scope))
    if op == "<=":
        return lambda scope: max(0.0, gap(scope))
    if op == "<":
        return lambda scope: max(0.0, gap(scope) + 1.0)
    if op == "==":
        return lambda scope: abs(gap(scope))
    return lambda scope: 1.0 if gap(scope) == 0 else 0.0
