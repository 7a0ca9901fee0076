"""Parsing: expressions over several lines inside parentheses, and the limits on how
deep and how long an expression may be."""

from __future__ import annotations

import pytest

from newcourse.engine.errors import ExpressionError
from newcourse.engine.expressions import (
    NameKind,
    Namespace,
    Scope,
    check_type,
    compile_expr,
    describe,
    parse_effects,
    parse_expr,
)
from newcourse.engine.expressions.parser import MAX_DEPTH, MAX_PARTS

NAMES = Namespace({"a": NameKind.QUALITY, "b": NameKind.QUALITY, "f": NameKind.FLAG})


def test_an_expression_may_span_lines_inside_parentheses() -> None:
    assert describe(parse_expr("(a +\n   b) * 2")) == "(a + b) * 2"
    assert describe(parse_expr("clamp(a,\n  0,\n  10)")) == "clamp(a, 0, 10)"
    effects = parse_effects("a += (b +\n 1)\nb -= 2")
    assert [s.target for s in effects] == ["a", "b"]


def test_outside_parentheses_a_line_ends_the_expression() -> None:
    with pytest.raises(ExpressionError, match="expected a value but found the end of the line"):
        parse_expr("a +\n b > 1")
    with pytest.raises(ExpressionError) as caught:
        parse_expr("a + b\n* 2")
    assert caught.value.line == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("(" * 109 + "a" + ")" * 109, f"nests too deep: the most is {MAX_DEPTH} levels"),
        (" + ".join(["a"] * 500), f"nests 500 levels deep; the most is {MAX_DEPTH}"),
        (" and ".join(["f"] * 500), f"nests 500 levels deep; the most is {MAX_DEPTH}"),
        ("not " * 500 + "f", f"nests 501 levels deep; the most is {MAX_DEPTH}"),
        ("-" * 500 + "a", f"nests 501 levels deep; the most is {MAX_DEPTH}"),
        ("min(" * 200 + "a" + ")" * 200, f"the most is {MAX_DEPTH}"),
    ],
)
def test_too_deep_an_expression_is_refused_with_a_place(text: str, message: str) -> None:
    with pytest.raises(ExpressionError, match=message) as caught:
        parse_expr(text)
    assert caught.value.line == 1 and caught.value.column >= 1


def test_too_deep_an_effect_is_refused() -> None:
    with pytest.raises(ExpressionError, match="levels deep"):
        parse_effects("a += " + " + ".join(["b"] * 300))


def test_too_long_an_expression_is_refused() -> None:
    text = "min(" + ", ".join(["a"] * MAX_PARTS) + ")"
    with pytest.raises(ExpressionError, match=f"more than {MAX_PARTS} names, numbers"):
        parse_expr(text)


def test_a_number_too_large_for_the_engine_is_refused() -> None:
    with pytest.raises(ExpressionError, match=r"the number 999999…999 \(400 digits\) is too large"):
        parse_expr("a + " + "9" * 400)


def test_the_deepest_expression_allowed_goes_through_every_stage() -> None:
    """Checking, compiling, running and writing walk the tree: none of them runs out of
    stack at the limit, even with a deep call stack of its own."""
    chain = parse_expr(" + ".join(["a"] * MAX_DEPTH))
    nested = parse_expr("(" * (MAX_DEPTH - 1) + "a" + " + 1)" * (MAX_DEPTH - 1))
    nots = parse_expr("not " * (MAX_DEPTH - 1) + "f")

    def at_depth(levels: int) -> None:
        if levels:
            at_depth(levels - 1)
            return
        for tree, value in ((chain, MAX_DEPTH), (nested, MAX_DEPTH), (nots, MAX_DEPTH % 2 == 0)):
            check_type(tree, NAMES)
            scope = Scope({"a": 1, "b": 0}, set(), {})
            assert compile_expr(tree, NAMES)(scope) == value
            assert describe(parse_expr(describe(tree))) == describe(tree)

    at_depth(200)
