"""The checker's reasoning is sound: what it calls impossible never happens.

Interval reasoning over-approximates: for any state inside a box, the value an
expression really has must be among the values ``evaluate`` gives, and
``refine`` must keep that state. And every state a real game reaches must lie
inside the reach box.
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newcourse.content import load_campaign
from newcourse.engine import rules
from newcourse.engine.expressions import (
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
from newcourse.tools.analysis.context import Context
from newcourse.tools.analysis.intervals import BOTH, Interval, Value, evaluate, refine
from newcourse.tools.analysis.reach import compute_reach

NAMES = Namespace(
    {
        "x": NameKind.QUALITY,
        "y": NameKind.QUALITY,
        "f": NameKind.FLAG,
        "turn": NameKind.BUILTIN,
        "year": NameKind.BUILTIN,
        "quarter": NameKind.BUILTIN,
    }
)
BOX: dict[str, Value] = {
    "x": Interval(0, 10),
    "y": Interval(-5, 5),
    "f": BOTH,
    "turn": Interval(0, 0),
    "year": Interval(1923, 1923),
    "quarter": Interval(4, 4),
}

numbers = st.recursive(
    st.one_of(
        st.integers(-12, 12).map(lambda n: Literal(float(n))),
        st.sampled_from(["x", "y"]).map(Name),
    ),
    lambda inner: st.one_of(
        st.tuples(st.sampled_from("+-*/"), inner, inner).map(lambda t: Binary(*t)),
        st.tuples(st.sampled_from(["min", "max"]), inner, inner).map(
            lambda t: Call(t[0], (t[1], t[2]))
        ),
        inner.map(lambda a: Call("abs", (a,))),
        st.tuples(inner, inner, inner).map(lambda t: Call("clamp", t)),
    ),
    max_leaves=6,
)
conditions = st.recursive(
    st.one_of(
        st.just(Name("f")),
        st.tuples(st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), numbers, numbers).map(
            lambda t: Binary(*t)
        ),
    ),
    lambda inner: st.one_of(
        inner.map(Not),
        st.tuples(st.sampled_from(["and", "or"]), inner, inner).map(lambda t: Binary(*t)),
    ),
    max_leaves=5,
)


def _scope(x: int, y: int, f: bool) -> Scope:
    return Scope({"x": x, "y": y}, {"f"} if f else set(), {"turn": 0, "year": 1923, "quarter": 4})


def _contains(value: Value, concrete: float | bool) -> bool:
    if isinstance(value, Interval):
        return value.lo - 1e-9 <= float(concrete) <= value.hi + 1e-9
    return bool(concrete) in value


@settings(max_examples=400, deadline=None)
@given(numbers, st.integers(0, 10), st.integers(-5, 5), st.booleans())
def test_evaluate_holds_every_real_value(expr: Expr, x: int, y: int, f: bool) -> None:
    concrete = compile_expr(expr, NAMES)(_scope(x, y, f))
    assert _contains(evaluate(expr, BOX), concrete)


@settings(max_examples=400, deadline=None)
@given(conditions, st.integers(0, 10), st.integers(-5, 5), st.booleans())
def test_refine_keeps_every_state_where_the_condition_comes_out_so(
    expr: Expr, x: int, y: int, f: bool
) -> None:
    outcome = bool(compile_expr(expr, NAMES)(_scope(x, y, f)))
    narrowed = refine(expr, outcome, BOX)
    assert narrowed is not None
    assert x in narrowed["x"] and y in narrowed["y"]  # type: ignore[operator]
    assert f in narrowed["f"]  # type: ignore[operator]


def test_integer_narrowing_sees_a_contradiction() -> None:
    tree = Binary(
        "and", Binary("<", Name("x"), Literal(5.0)), Binary(">=", Name("x"), Literal(5.0))
    )
    assert refine(tree, True, BOX) is None
    assert refine(tree, False, BOX) is not None


def test_random_games_stay_inside_the_reach_box_and_timeline() -> None:
    folder = Path(__file__).resolve().parent / "broken" / "base"
    campaign = load_campaign(folder)
    ctx = Context(campaign)
    compute_reach(ctx)
    reach = ctx.reach
    for seed in range(30):
        pick = random.Random(seed)
        state = rules.start(campaign, rules.Dice(seed))
        while not state.over:
            now = ctx.timeline[state.turn]
            for name, value in state.values.items():
                assert value in reach[name], (name, value, reach[name])  # type: ignore[operator]
                assert value in now[name], (state.turn, name, value)  # type: ignore[operator]
            for name in campaign.flags:
                assert (name in state.flags) in reach[name]  # type: ignore[operator]
                assert (name in state.flags) in now[name]  # type: ignore[operator]
            event = rules.current_event(campaign, state)
            assert event is not None
            scope = rules.scope_of(campaign, state)
            usable = [o for o in event.options if rules.is_available(o, scope)]
            state = rules.choose(campaign, rules.Dice(seed), state, pick.choice(usable).id)
