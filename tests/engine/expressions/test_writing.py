"""Writing a tree back as text: parentheses where the tree needs them, and the text
parses back into the same tree."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newcourse.content import builtin_campaign_path, load_campaign
from newcourse.engine.expressions import (
    Binary,
    Call,
    Expr,
    Literal,
    Name,
    Not,
    describe,
    parse_expr,
)


def shape(expr: Expr) -> object:
    """The tree without its places in the text (and with a value's type kept)."""
    if isinstance(expr, Literal):
        return (type(expr.value).__name__, expr.value)
    if isinstance(expr, Name):
        return expr.name
    if isinstance(expr, Not):
        return ("not", shape(expr.operand))
    if isinstance(expr, Call):
        return (expr.function, tuple(shape(a) for a in expr.args))
    return (expr.op, shape(expr.left), shape(expr.right))


@pytest.mark.parametrize(
    "text",
    [
        "(a + b) * c",
        "not (a and b)",
        "a - (b - c)",
        "a / (b * c)",
        "-(a * b)",
        "(a < b) == (c < d)",
        "a or (b or c)",
        "(a or b) and c",
        "not (a or b) and c",
        "min(a, b + 1) / (2 - c)",
        "a - -b",
        "0 - a",
        "0.1 + 1234567 + 0.0000001",
    ],
)
def test_parentheses_are_kept_where_the_tree_needs_them(text: str) -> None:
    assert describe(parse_expr(text)) == text


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("((a + b))", "a + b"),
        ("(a * b) + c", "a * b + c"),
        ("(not a) and b", "not a and b"),
        ("not (a < b)", "not a < b"),
    ],
)
def test_parentheses_the_tree_does_not_need_are_left_out(text: str, written: str) -> None:
    assert describe(parse_expr(text)) == written


_CAMPAIGN = load_campaign(builtin_campaign_path())
_NUMBER_NAMES = sorted([*_CAMPAIGN.qualities, *_CAMPAIGN.factions, "year", "quarter", "turn"])
_FLAG_NAMES = sorted(_CAMPAIGN.flags)

_numbers = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)


def _trees() -> st.SearchStrategy[Expr]:
    """Random trees over the real campaign's names (types are not checked here:
    writing and parsing do not depend on them)."""
    leaves = st.one_of(
        st.builds(Literal, _numbers),
        st.builds(Literal, st.booleans()),
        st.sampled_from(_NUMBER_NAMES + _FLAG_NAMES).map(Name),
    )

    def grow(children: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
        operators = ["or", "and", "<", "<=", ">", ">=", "==", "!=", "+", "-", "*", "/"]
        return st.one_of(
            st.builds(Not, children),
            st.builds(Binary, st.sampled_from(operators), children, children),
            st.builds(Binary, st.just("-"), st.just(Literal(0.0)), children),  # a sign
            st.builds(
                Call,
                st.sampled_from(["min", "max", "abs", "clamp"]),
                st.lists(children, min_size=1, max_size=3).map(tuple),
            ),
        )

    return st.recursive(leaves, grow, max_leaves=12)


@settings(max_examples=400, deadline=None)
@given(tree=_trees())
def test_parsing_the_description_gives_the_same_tree(tree: Expr) -> None:
    assert shape(parse_expr(describe(tree))) == shape(tree)


def test_labels_name_qualities_for_reading() -> None:
    tree = parse_expr("(democracy + press) * 2 >= 40")
    assert describe(tree, {"democracy": "Party democracy"}) == "(Party democracy + press) * 2 >= 40"
