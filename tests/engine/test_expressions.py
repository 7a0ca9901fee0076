"""The expression language: parsing, checking, compiling, and its error messages."""

from __future__ import annotations

import pytest

from newcourse.engine.errors import ExpressionError
from newcourse.engine.expressions import (
    NameKind,
    Namespace,
    Scope,
    Type,
    check_effects,
    check_type,
    compile_effects,
    compile_expr,
    describe,
    names_in,
    parse_effects,
    parse_expr,
)

NAMES = Namespace(
    {
        "democracy": NameKind.QUALITY,
        "apparatus": NameKind.QUALITY,
        "left": NameKind.FACTION,
        "purged": NameKind.FLAG,
        "year": NameKind.BUILTIN,
    }
)
RANGES = {"democracy": (0, 100), "apparatus": (0, 100), "left": (0, 1000)}


def scope(**values: int) -> Scope:
    base = {"democracy": 30, "apparatus": 60, "left": 10}
    base.update(values)
    return Scope(base, set(), {"year": 1924})


def evaluate(text: str, at: Scope | None = None) -> float | bool:
    tree = parse_expr(text)
    check_type(tree, NAMES)
    return compile_expr(tree, NAMES)(at or scope())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("-democracy + 40", 10),
        ("democracy / 0", 0),
        ("max(democracy, apparatus, 5)", 60),
        ("min(democracy, 10)", 10),
        ("clamp(apparatus, 0, 50)", 50),
        ("abs(democracy - apparatus)", 30),
        ("democracy < apparatus and not purged", True),
        ("democracy >= 30 or purged", True),
        ("not (democracy == 30)", False),
        ("year == 1924", True),
        ("true != false", True),
    ],
)
def test_expressions_evaluate(text: str, expected: float | bool) -> None:
    assert evaluate(text) == expected


def test_flags_read_from_the_scope() -> None:
    at = Scope({"democracy": 0, "apparatus": 0, "left": 0}, {"purged"}, {"year": 1923})
    assert evaluate("purged and democracy == 0", at) is True


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("democracy >", "expected a value but found the end of the expression", 12),
        ("democracy = 3", "use '==' to compare", 11),
        ("1 < democracy < 5", "comparisons cannot be chained", 15),
        ("democracy $ 3", "unexpected character '$'", 11),
        ("(democracy + 1", "expected ')'", 15),
        ("democracy 3", "unexpected '3' after a complete expression", 11),
        ("", "the expression is empty", 1),
    ],
)
def test_syntax_errors_name_the_place(text: str, message: str, column: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse_expr(text)
    assert message in caught.value.message
    assert caught.value.column == column


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("democrasy > 3", "unknown name 'democrasy'; did you mean 'democracy'?"),
        ("democracy and purged", "'and' needs a true/false value, not a number"),
        ("purged + 1", "'+' needs a number value, not a true/false"),
        ("purged == 1", "'==' compares a true/false with a number"),
        ("maxx(1, 2)", "unknown function 'maxx'; did you mean 'max'?"),
        ("clamp(1, 2)", "clamp() takes 3 argument(s), not 2"),
        ("not democracy", "'not' needs a true/false value"),
    ],
)
def test_checking_errors(text: str, message: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        check_type(parse_expr(text), NAMES)
    assert message in caught.value.message


def test_types() -> None:
    assert check_type(parse_expr("democracy * 2"), NAMES) is Type.NUMBER
    assert check_type(parse_expr("democracy > 2"), NAMES) is Type.BOOL


def test_effects_apply_in_order_round_and_clamp() -> None:
    effects = parse_effects(
        "democracy += 5\ndemocracy = democracy * 2; apparatus -= 100.6\npurged = true"
    )
    check_effects(effects, NAMES)
    at = scope()
    compile_effects(effects, NAMES, RANGES)(at)
    assert at.values["democracy"] == 70
    assert at.values["apparatus"] == 0
    assert "purged" in at.flags


def test_effects_round_half_to_even() -> None:
    effects = parse_effects("democracy = 2.5; apparatus = 3.5")
    at = scope()
    compile_effects(effects, NAMES, RANGES)(at)
    assert (at.values["democracy"], at.values["apparatus"]) == (2, 4)


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("year = 3", "'year' is a built-in value and cannot be changed", 1),
        ("purged += 1", "flag 'purged' can only be set with '= true' or '= false'", 1),
        ("democracy += 1\npurged = 3", "flag 'purged' needs a true/false value", 2),
        ("democracy = purged", "quality 'democracy' needs a number value", 1),
        ("democracy", "expected '=', '+=', '-=', '+%=' or '-%=' after 'democracy'", 1),
        ("democracy += 1 apparatus += 2", "put each effect on its own line", 1),
    ],
)
def test_effect_errors(text: str, message: str, line: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        check_effects(parse_effects(text), NAMES)
    assert message in caught.value.message
    assert caught.value.line == line


def test_names_in_and_describe() -> None:
    tree = parse_expr("democracy >= 40 and not purged")
    assert names_in(tree) == {"democracy", "purged"}
    assert names_in(parse_effects("left += apparatus / 2")) == {"apparatus"}
    assert (
        describe(tree, {"democracy": "Party democracy"}) == "Party democracy >= 40 and not purged"
    )
