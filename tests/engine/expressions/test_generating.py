"""A tree of operators compiles to one generated function, which must compute what
the expression language says: checked here against a plain reading of the tree."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newcourse.engine.expressions import NameKind, Namespace, Scope, compile_expr, parse_expr
from newcourse.engine.expressions.tree import Binary, Call, Expr, Literal, Name, Not

NAMES = Namespace(
    {
        "q": NameKind.QUALITY,
        "r": NameKind.QUALITY,
        "f": NameKind.FACTION,
        "purged": NameKind.FLAG,
        "open": NameKind.FLAG,
        "turn": NameKind.BUILTIN,
    }
)
NUMBERS = ("q", "r", "f", "turn")
FLAGS = ("purged", "open")


def reference(expr: Expr, scope: Scope) -> float | bool:
    """The expression's value, read straight from its tree."""
    if isinstance(expr, Literal):
        return expr.value
    if isinstance(expr, Name):
        if expr.name in FLAGS:
            return expr.name in scope.flags
        return scope.builtins[expr.name] if expr.name == "turn" else scope.values[expr.name]
    if isinstance(expr, Not):
        return not reference(expr.operand, scope)
    if isinstance(expr, Call):
        args = [reference(a, scope) for a in expr.args]
        functions: dict[str, Callable[..., float]] = {"min": min, "max": max, "abs": abs}
        return functions[expr.function](*args)
    assert isinstance(expr, Binary)
    left, right = reference(expr.left, scope), reference(expr.right, scope)
    if expr.op == "and":
        return bool(left) and bool(right)
    if expr.op == "or":
        return bool(left) or bool(right)
    if expr.op == "*":
        return float(left) * right
    if expr.op == "/":
        return left / right if right else 0.0
    operations: dict[str, Callable[[float, float], float | bool]] = {
        "+": lambda a, b: a + b,
        "-": lambda a, b: a - b,
        "<": lambda a, b: a < b,
        "<=": lambda a, b: a <= b,
        ">": lambda a, b: a > b,
        ">=": lambda a, b: a >= b,
        "==": lambda a, b: a == b,
        "!=": lambda a, b: a != b,
    }
    return operations[expr.op](left, right)


def numbers(depth: int) -> st.SearchStrategy[str]:
    leaf = st.one_of(st.sampled_from(NUMBERS), st.integers(0, 60).map(str), st.just("2.5"))
    if depth == 0:
        return leaf
    smaller = numbers(depth - 1)
    return st.one_of(
        leaf,
        st.tuples(smaller, st.sampled_from("+-*/"), smaller).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
        st.tuples(st.sampled_from(("min", "max")), smaller, smaller).map(
            lambda t: f"{t[0]}({t[1]}, {t[2]})"
        ),
        smaller.map(lambda s: f"abs({s})"),
    )


def conditions(depth: int) -> st.SearchStrategy[str]:
    compare = st.tuples(
        numbers(2), st.sampled_from(("<", "<=", ">", ">=", "==", "!=")), numbers(2)
    ).map(lambda t: f"{t[0]} {t[1]} {t[2]}")
    leaf = st.one_of(compare, st.sampled_from(FLAGS))
    if depth == 0:
        return leaf
    smaller = conditions(depth - 1)
    return st.one_of(
        leaf,
        st.tuples(smaller, st.sampled_from(("and", "or")), smaller).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
        smaller.map(lambda s: f"not ({s})"),
    )


def scopes() -> st.SearchStrategy[Scope]:
    value = st.integers(-5, 100)
    return st.builds(
        lambda q, r, f, turn, flags: Scope({"q": q, "r": r, "f": f}, flags, {"turn": turn}),
        value,
        value,
        value,
        st.integers(0, 30),
        st.sets(st.sampled_from(FLAGS)),
    )


def same(a: float | bool, b: float | bool) -> bool:
    return a == b or (
        isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b)
    )


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(numbers(3), conditions(3)), scope=scopes())
def test_a_generated_function_computes_what_the_tree_says(text: str, scope: Scope) -> None:
    tree = parse_expr(text)
    assert same(compile_expr(tree, NAMES)(scope), reference(tree, scope)), text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10 + (50 - q) / 4", 10 + (50 - 30) / 4),
        ("(q - 30) / (r - 20)", 0.0),  # dividing by zero gives 0
        ("q * 2 + 1", 61.0),  # multiplied as a number with a fraction
        ("q >= 25 and (r < 10 or purged)", True),
        ("not (q > 10 and open)", True),
        ("max(q, r) - min(q, r) * 2 > 0", False),
        ("turn * 2 + q", 36.0),
    ],
)
def test_compound_expressions(text: str, expected: float | bool) -> None:
    scope = Scope({"q": 30, "r": 20, "f": 0}, {"purged"}, {"turn": 3})
    value = compile_expr(parse_expr(text), NAMES)(scope)
    assert value == expected and type(value) is type(expected)


def test_nothing_of_the_campaign_is_written_into_the_source() -> None:
    """Names and numbers are passed in as constants: a generated function's code
    holds none of them."""
    function = compile_expr(parse_expr("q + 12345 > r and not purged"), NAMES)
    code = function.__code__
    assert "q" not in code.co_names and "purged" not in code.co_names
    assert 12345 not in code.co_consts and "purged" not in code.co_consts
