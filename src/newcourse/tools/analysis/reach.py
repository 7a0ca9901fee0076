"""What play can reach: the values each quality, faction and flag can ever take.

Every place where effects apply is a *site*: an option (with one of its
outcomes or vote results) under its event's condition, or a world rule under
its own. Starting from the initial values, the sites' effects widen the box
until nothing changes: a flag nothing sets stays at its initial value, a
quality that only ever rises never falls below where it starts. A quality that
can rise at all may rise to its maximum (effects repeat from turn to turn).

Sites whose conditions can never hold in the box are dropped and the box is
computed again, until the set of live sites is stable. Each step only removes
sites that provably never apply, so the result still holds every state a game
can reach.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ...engine.expressions import Assign, Expr
from ...engine.model import Campaign, Effects, Source
from .context import Context, conjoin
from .intervals import Interval, Value, evaluate, number, refine, truth

__all__ = ["Site", "compute_reach", "sites"]

_ROUNDS = 40  # box updates before the remaining changes are widened to the full range


@dataclass(frozen=True)
class Site:
    """Effects applied together, and the condition that holds when they apply."""

    what: str
    guard: Expr
    turns: range
    effects: tuple[Effects, ...]
    source: Source
    event: str | None = None

    @property
    def statements(self) -> Iterator[Assign]:
        for effects in self.effects:
            yield from effects.statements


def sites(ctx: Context) -> list[Site]:
    campaign = ctx.campaign
    found: list[Site] = []
    for event in campaign.events.values():
        turns = ctx.turns_between(*event.window)
        for option in event.options:
            guard = conjoin(
                event.when.tree if event.when else None,
                option.visible.tree if option.visible else None,
                option.requires.tree if option.requires else None,
            )
            own = (option.effects,) if option.effects else ()
            results = list(option.outcomes)
            if option.vote is not None:
                results += [option.vote.passed, option.vote.failed]
            what = f"event {event.id!r}, option {option.id!r}"
            if not results:
                found.append(Site(what, guard, turns, own, option.source, event.id))
            for result in results:
                effects = own + ((result.effects,) if result.effects else ())
                found.append(Site(what, guard, turns, effects, result.source, event.id))
    for rule in campaign.rules:
        guard = conjoin(rule.when.tree if rule.when else None)
        found.append(Site(f"rule {rule.id!r}", guard, ctx.all_turns, (rule.effects,), rule.source))
    return found


def initial_box(campaign: Campaign) -> dict[str, Value]:
    box: dict[str, Value] = {}
    for name, quality in campaign.qualities.items():
        box[name] = Interval.point(quality.initial)
    for name, faction in campaign.factions.items():
        box[name] = Interval.point(faction.initial)
    for name, flag in campaign.flags.items():
        box[name] = frozenset((flag.initial,))
    return box


def compute_reach(ctx: Context) -> tuple[dict[str, Value], list[Site]]:
    """The reach box, and the sites that can apply (see the module's docstring)."""
    live = sites(ctx)
    while True:
        box = _widen(ctx, live)
        still = [s for s in live if s.turns and ctx.possible(s.guard, s.turns, box)]
        if len(still) == len(live):
            return box, live
        live = still


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
        if isinstance(before, Interval):
            grown = _grow(ctx, statement, before, number(after))
        else:
            grown = before | truth(after)
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
    if statement.op == "+=":
        amount = Interval(current.lo + amount.lo, current.hi + amount.hi)
    elif statement.op == "-=":
        amount = Interval(current.lo - amount.hi, current.hi - amount.lo)
    low, high = number(ctx.declared[statement.target]).lo, number(ctx.declared[statement.target]).hi
    clamp_lo = min(high, max(low, amount.lo))
    clamp_hi = min(high, max(low, amount.hi))
    return Interval(round(clamp_lo), round(clamp_hi))


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
