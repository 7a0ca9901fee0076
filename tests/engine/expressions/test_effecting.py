"""A block of effect statements runs as one generated function, compiled the first
time it runs: it must do exactly what its statements do one at a time."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newcourse.engine.expressions import (
    NameKind,
    Namespace,
    Scope,
    compile_effects,
    effecting,
    parse_effects,
)
from newcourse.engine.figures import PeopleNames, PersonState

NAMES = Namespace(
    {
        "q": NameKind.QUALITY,
        "r": NameKind.QUALITY,
        "f": NameKind.FACTION,
        "big": NameKind.QUALITY,
        "purged": NameKind.FLAG,
        "open": NameKind.FLAG,
        "turn": NameKind.BUILTIN,
    },
    PeopleNames(
        people=frozenset({"radek"}),
        camps=frozenset({"opposition", "majority"}),
        statuses=frozenset({"active", "capitulated"}),
        roles=frozenset({"it"}),
    ),
)
RANGES = {"q": (0, 100), "r": (-20, 20), "f": (0, 1000), "big": (0, 10**9)}
HUGE = "9" * 308


def scope_of(q: int = 50, r: int = 0, f: int = 500, flags: set[str] | None = None) -> Scope:
    people = {"radek": PersonState(frozenset(), "opposition", 1, 40, "active")}
    scope = Scope({"q": q, "r": r, "f": f, "big": 10**9}, flags or set(), {"turn": 4}, {}, people)
    scope.cast = {"it": "radek"}
    return scope


def one_at_a_time(text: str, scope: Scope) -> Scope:
    """The statements of ``text``, each compiled and run on its own, in order."""
    for statement in parse_effects(text):
        compile_effects((statement,), NAMES, RANGES)(scope)
    return scope


def as_a_block(text: str, scope: Scope) -> Scope:
    compile_effects(parse_effects(text), NAMES, RANGES)(scope)
    return scope


def state_of(scope: Scope) -> tuple[object, ...]:
    return (scope.values, sorted(scope.flags), scope.people)


@pytest.mark.parametrize(
    "text",
    [
        "q += 5; r -= 3; f += 10",  # whole literal steps
        "q += 2.5; r -= 0.5; q += 0.5",  # fractions, rounded half to even
        "q += 500; r -= 500",  # beyond the range: its ends
        "q = 7; r = 99; purged = true; open = false",
        "q +%= 20; r -%= 5; f +%= -10; q -%= 0",  # diminishing steps
        "q += (r - 10) / 3; f -= q * 2; r = max(q, f, 3) - min(1, 2)",
        "q = clamp(r * 4, 10, 60); f += abs(r - q); r += 0 / 0",
        "purged = q > 40 and not open; open = purged or r < -5",
        f"q += {HUGE} * 10; r = {HUGE} * 10 - {HUGE} * 10; f -= {HUGE} * 10",  # inf, NaN
        "q = " + " * ".join(["big"] * 40) + " + 0.5; r += 1",  # a huge power
        "trust(it) += 1; camp(radek) = majority; q += trust(radek)",  # people, in order
        "status(it) = capitulated; resolve(it) -= q / 4; purged = true",
        "q += since(purged); purged = true; r += turn",
    ],
)
def test_a_block_does_what_its_statements_do_one_at_a_time(text: str) -> None:
    for flags in (set(), {"purged"}, {"open", "purged"}):
        block, single = (
            as_a_block(text, scope_of(flags=set(flags))),
            one_at_a_time(text, scope_of(flags=set(flags))),
        )
        assert state_of(block) == state_of(single), text
        assert all(type(v) is int for v in block.values.values()), block.values


STATEMENTS = st.one_of(
    st.tuples(
        st.sampled_from(("q", "r", "f")),
        st.sampled_from(("=", "+=", "-=", "+%=", "-%=")),
        st.one_of(
            st.integers(-30, 120).map(str),
            st.sampled_from(("2.5", "0.5", "q / 3", "r - q", "max(q, r) * 1.5", "f / (r - r)")),
        ),
    ).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
    st.tuples(st.sampled_from(("purged", "open")), st.sampled_from(("true", "false", "q > r"))).map(
        lambda t: f"{t[0]} = {t[1]}"
    ),
)


@settings(max_examples=200, deadline=None)
@given(
    statements=st.lists(STATEMENTS, min_size=2, max_size=8),
    q=st.integers(0, 100),
    r=st.integers(-20, 20),
    f=st.integers(0, 1000),
)
def test_any_block_does_what_its_statements_do(
    statements: list[str], q: int, r: int, f: int
) -> None:
    text = "; ".join(statements)
    block, single = as_a_block(text, scope_of(q, r, f)), one_at_a_time(text, scope_of(q, r, f))
    assert state_of(block) == state_of(single), text


def test_a_block_is_compiled_when_it_first_runs_and_only_then(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made = []
    generate = effecting._generated

    def counted(*args: object) -> object:
        made.append(args)
        return generate(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(effecting, "_generated", counted)
    apply = compile_effects(parse_effects("q += 1; r -= 1"), NAMES, RANGES)
    assert made == []  # loading a campaign compiles no block
    scope = scope_of()
    apply(scope)
    apply(scope)
    assert len(made) == 1 and (scope.values["q"], scope.values["r"]) == (52, -2)


def test_nothing_of_the_campaign_is_written_into_a_blocks_source() -> None:
    source, constants = effecting.effects_source(
        parse_effects("q += 12345; purged = r > 7; f +%= 3"), NAMES, RANGES
    )
    for written in ("q", "purged", "12345", "7", "f +%="):
        assert f" {written} " not in f" {source} ".replace("(", " ").replace(")", " ")
    assert "q" in constants.values() and 12345 in constants.values()


def test_results_beyond_numbers_leave_a_value_as_the_rules_say() -> None:
    scope = as_a_block(
        f"q = {HUGE} * 10 - {HUGE} * 10; r = {HUGE} * 10; f = 0 - {HUGE} * 10", scope_of()
    )
    assert (scope.values["q"], scope.values["r"], scope.values["f"]) == (50, 20, 0)
    assert not math.isnan(scope.values["q"])
