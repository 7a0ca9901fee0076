"""Running compiled expressions and effects: results beyond the range of numbers
never crash, and effects read them in a stated way."""

from __future__ import annotations

import math

import pytest

from newcourse.engine.expressions import (
    NameKind,
    Namespace,
    Scope,
    compile_effects,
    compile_expr,
    parse_effects,
    parse_expr,
)
from newcourse.engine.expressions.compiling import settled

NAMES = Namespace({"q": NameKind.QUALITY, "big": NameKind.QUALITY})
RANGES = {"q": (0, 100), "big": (0, 10**9)}
HUGE = "9" * 308  # the largest a number may be written is about 1.8e308


def run(effect: str, q: int = 50, big: int = 10**9) -> int:
    scope = Scope({"q": q, "big": big}, set(), {})
    compile_effects(parse_effects(effect), NAMES, RANGES)(scope)
    return scope.values["q"]


@pytest.mark.parametrize(
    ("effect", "expected"),
    [
        (f"q = {HUGE} * 10", 100),  # infinite: the top of the range
        (f"q = 0 - {HUGE} * 10", 0),  # minus infinite: the bottom
        (f"q += {HUGE} * 10", 100),
        (f"q -= {HUGE} * 10", 0),
        (f"q = {HUGE} * 10 - {HUGE} * 10", 50),  # not a number: unchanged
        (f"q += {HUGE} * 10 - {HUGE} * 10", 50),
        (f"q = ({HUGE} * 10) / ({HUGE} * 10)", 50),
        ("q = 0 / 0", 0),  # division by zero gives 0
        ("q = " + " * ".join(["big"] * 40) + " + 0.5", 100),  # a huge power
        ("q = " + " * ".join(["big"] * 40) + " - " + " * ".join(["big"] * 40), 50),
        (f"q += {HUGE}; q -= 1", 99),
    ],
)
def test_results_beyond_numbers_do_not_crash_an_effect(effect: str, expected: int) -> None:
    assert run(effect) == expected


@pytest.mark.parametrize(
    ("effect", "expected"),
    [
        ("q += 5", 55),
        ("q -= 60", 0),
        ("q += 2.5", 52),  # rounded half to even
        ("q += 3.5", 54),
        ("q += 5; big -= 1", 55),  # whole steps in one loop
        ("q += 0.5; big -= 1", 50),  # a fraction among them
    ],
)
def test_a_literal_step_leaves_a_whole_value(effect: str, expected: int) -> None:
    value = run(effect)
    assert value == expected and type(value) is int


def test_a_huge_power_is_a_number_not_an_endless_whole_number() -> None:
    power = compile_expr(parse_expr(" * ".join(["big"] * 40)), NAMES)
    assert power(Scope({"q": 0, "big": 10**9}, set(), {})) == math.inf


def test_settled_rounds_clamps_and_keeps_the_value_for_nan() -> None:
    assert settled(2.5, 7, 0, 10) == 2
    assert settled(math.inf, 7, 0, 10) == 10
    assert settled(-math.inf, 7, 0, 10) == 0
    assert settled(math.nan, 7, 0, 10) == 7
    assert settled(10**400, 7, 0, 10) == 10
