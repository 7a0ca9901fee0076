"""What play can reach: the values each quality, faction and flag can ever take.

Every place where effects apply is a *site*: an option (with one of its
outcomes or vote results) under its event's condition, or a world rule under
its own. Starting from the initial values, the sites' effects widen the box
until nothing changes: a flag nothing sets stays at its initial value, a
quality that only ever rises never falls below where it starts. A quality that
can rise at all may rise to its maximum (effects repeat from turn to turn).

The *timeline* then gives each turn its own box: the initial values joined
with whatever the sites whose window has begun by that turn can write. A flag
set only by a 1924 event is false throughout 1923.

Sites whose conditions can never hold (in their turns' boxes) are dropped and
both are computed again, until the set of live sites is stable. Each step only
removes sites that provably never apply, so the boxes still hold every state a
game can reach.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ...engine.expressions import Assign, Binary, Expr, Literal, Name
from ...engine.model import Campaign, Effects, Source
from .context import Context, conjoin
from .intervals import Interval, Value, evaluate, join, number, refine, truth
from .timing import guard_of, turns_of

__all__ = ["Site", "compute_reach", "sites"]

_ROUNDS = 40  # box updates before the remaining changes are widened to the full range


@dataclass(frozen=True)
class Site:
    """Effects applied together, and the condition that holds when they apply."""

    guard: Expr
    turns: range
    effects: tuple[Effects, ...]
    source: Source

    @property
    def statements(self) -> Iterator[Assign]:
        for effects in self.effects:
            yield from (s for s in effects.statements if not s.args)  # people: not tracked


def sites(ctx: Context) -> list[Site]:
    """Every place where effects apply: each option's result (under its event's condition
    and premise, in the turns it can be queued), and each world rule."""
    campaign = ctx.campaign
    found: list[Site] = []
    for event in campaign.events.values():
        turns = turns_of(ctx, event)
        fires = guard_of(campaign, event)
        for option in event.options:
            guard = conjoin(
                fires,
                option.visible.tree if option.visible else None,
                option.requires.tree if option.requires else None,
            )
            own = (option.effects,) if option.effects else ()
            results = list(option.outcomes)
            if option.vote is not None:
                results += [option.vote.passed, option.vote.failed]
            if not results:
                found.append(Site(guard, turns, own, option.source))
            for result in results:
                effects = own + ((result.effects,) if result.effects else ())
                found.append(Site(guard, turns, effects, result.source))
            minority = option.vote.minority if option.vote is not None else None
            if minority is not None and minority.effects is not None:
                failed = option.vote.failed.effects if option.vote else None
                effects = own + ((failed,) if failed else ()) + (minority.effects,)
                found.append(Site(guard, turns, effects, minority.source))
    for rule in campaign.rules:
        guard = conjoin(rule.when.tree if rule.when else None)
        found.append(Site(guard, ctx.all_turns, (rule.effects,), rule.source))
    found += clock_sites(ctx)
    return found


def clock_sites(ctx: Context) -> list[Site]:
    """Each clock's fill, which applies whenever the clock is full."""
    return [
        Site(
            Binary(">=", Name(clock.name), Literal(float(clock.segments))),
            ctx.all_turns,
            (clock.fill,),
            clock.source,
        )
        for clock in ctx.campaign.clocks
    ]


def initial_box(campaign: Campaign) -> dict[str, Value]:
    box: dict[str, Value] = {}
    for name, quality in campaign.qualities.items():
        box[name] = Interval.point(quality.initial)
    for name, faction in campaign.factions.items():
        box[name] = Interval.point(faction.initial)
    for name, flag in campaign.flags.items():
        box[name] = frozenset((flag.initial,))
    return box


def compute_reach(ctx: Context) -> list[Site]:
    """Set the context's reach box and timeline; return the sites that can apply.

    See the module's docstring. Each round only drops sites that are shown never
    to apply, so the boxes of every round hold every state a game can reach.
    """
    live = sites(ctx)
    while True:
        ctx.reach = _widen(ctx, live)
        ctx.timeline = _timeline(ctx, live)
        still = [s for s in live if s.turns and ctx.possible(s.guard, s.turns)]
        if len(still) == len(live):
            return live
        live = still


def _timeline(ctx: Context, live: Sequence[Site]) -> list[dict[str, Value]]:
    """The box of each turn: the initial values joined with what the sites that can
    have applied by then (their window has begun) can produce. A flag set only by
    a 1924 event is false throughout 1923."""
    produced: dict[int, list[dict[str, Value]]] = {}
    for site in live:
        if site.turns:
            produced.setdefault(site.turns[0], []).append(_outputs(ctx, site, ctx.reach))
    current = initial_box(ctx.campaign)
    boxes = []
    for turn in ctx.all_turns:
        for outputs in produced.get(turn, []):
            for name, value in outputs.items():
                current[name] = join(current[name], value)
        boxes.append(dict(current))
    return boxes


def _outputs(ctx: Context, site: Site, box: dict[str, Value]) -> dict[str, Value]:
    """The values a site's effects can write, from states in ``box``."""
    local = refine(site.guard, True, ctx.at(box, site.turns))
    written: dict[str, Value] = {}
    if local is None:
        return written
    for statement in site.statements:
        after = _after(ctx, statement, local)
        local[statement.target] = after
        old = written.get(statement.target)
        written[statement.target] = after if old is None else join(old, after)
    return written


def _widen(ctx: Context, live: Sequence[Site]) -> dict[str, Value]:
    box = initial_box(ctx.campaign)
    for _ in range(_ROUNDS):
        changed: set[str] = set()
        for site in live:
            changed |= _apply(ctx, site, box)
        if not changed:
            return box
    for site in live:  # not settled: give every name still moving its whole range
        for name in _apply(ctx, site, box):
            box[name] = ctx.declared[name]
    return box


def _apply(ctx: Context, site: Site, box: dict[str, Value]) -> set[str]:
    """Apply a site's effects to ``box`` once (widening it); return the names that grew."""
    if not site.turns:
        return set()
    local = refine(site.guard, True, ctx.at(box, site.turns))
    if local is None:
        return set()
    changed: set[str] = set()
    for statement in site.statements:
        target = statement.target
        after = _after(ctx, statement, local)
        local[target] = after
        before = box[target]
        grown: Value = (
            _grow(ctx, statement, before, number(after))
            if isinstance(before, Interval)
            else before | truth(after)
        )
        if grown != before:
            box[target] = grown
            changed.add(target)
    return changed


def _after(ctx: Context, statement: Assign, local: dict[str, Value]) -> Value:
    """The values a target can hold right after the statement runs."""
    value = evaluate(statement.value, local)
    if not isinstance(ctx.declared[statement.target], Interval):
        return truth(value)
    amount = number(value)
    current = number(local[statement.target])
    if statement.op in ("+%=", "-%="):
        amount = _diminished(statement.op, amount, current)
    elif statement.op == "+=":
        amount = Interval(current.lo + amount.lo, current.hi + amount.hi)
    elif statement.op == "-=":
        amount = Interval(current.lo - amount.hi, current.hi - amount.lo)
    low, high = number(ctx.declared[statement.target]).lo, number(ctx.declared[statement.target]).hi
    clamp_lo = min(high, max(low, amount.lo))
    clamp_hi = min(high, max(low, amount.hi))
    return Interval(round(clamp_lo), round(clamp_hi))


def _diminished(op: str, amount: Interval, current: Interval) -> Interval:
    """Where a diminishing step can take ``current``: by at most the amount (at least 1)
    either way the amount's sign allows; the range's ends are applied after."""
    most = max(1.0, abs(amount.lo), abs(amount.hi))
    up, down = (amount.hi > 0, amount.lo < 0) if op == "+%=" else (amount.lo < 0, amount.hi > 0)
    return Interval(current.lo - (most if down else 0), current.hi + (most if up else 0))


def _grow(ctx: Context, statement: Assign, before: Interval, after: Interval) -> Interval:
    """Join the new values in; a change by steps (+= or -=) that moves a bound can
    repeat, so it takes that bound to the end of the declared range."""
    grown = before.join(after)
    if statement.op == "=" or grown == before:
        return grown
    full = number(ctx.declared[statement.target])
    low = full.lo if grown.lo < before.lo else grown.lo
    high = full.hi if grown.hi > before.hi else grown.hi
    return Interval(low, high)
