"""What an option costs and does, shown before it is chosen.

The preview is read from the option's own effects, never from its outcomes
(their odds are shown apart) and never from anything hidden:

- **costs**: the shown qualities of the group ``resources`` (cadres, press)
  that the effects take away. A cost written as a number (``cadres -= 2``) is
  shown as written, so an option the player cannot yet afford still says what
  it would take; any other cost is what the effects would take now.
- **effects**: for the options of a recurring event (the season's standing
  work, where the player weighs the same choices season after season), every
  shown quality the effects would move now, and by how much, with the
  diminishing steps and the scaling the effects read from the state. Set
  pieces show their costs only: what they do is told in their prose.

Hidden qualities, factions and flags never appear, and nothing is changed: the
effects run on a copy of the scope.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from .expressions import Literal, Scope

if TYPE_CHECKING:
    from .model import Campaign, Clock, Effects, Option, Quality

__all__ = ["Amount", "Plan", "Preview", "option_preview", "plan_of"]

RESOURCES = "resources"
"""The group of the qualities an option spends."""


class Amount(NamedTuple):
    """A shown quality and how much an option moves it (a cost: how much it takes)."""

    name: str
    label: str
    amount: int


class Preview(NamedTuple):
    """An option's costs and, for the standing work, its effects on shown qualities."""

    costs: tuple[Amount, ...] = ()
    effects: tuple[Amount, ...] = ()


NOTHING = Preview()


class Touched(NamedTuple):
    """A shown quality an option's effects set, as the preview reads it."""

    name: str
    label: str
    written: int | None  # a resource's cost as written (see ``_written_costs``), or None
    resource: bool


class Plan(NamedTuple):
    """What of an option's preview can be known from the campaign alone, worked out
    once (``CampaignIndex.plans``): most options' previews are the same in every
    state, and a view of a set piece then makes none (a view took about 4 µs an
    option to work one out here, most of it the sets and costs below)."""

    fixed: Preview | None  # the preview in every state, or None: run the effects
    touched: tuple[Touched, ...]  # the shown qualities the effects set, in shown order
    recurring: bool


def plan_of(
    option: Option, recurring: bool, shown: tuple[tuple[Quality, Clock | None], ...]
) -> Plan:
    """The ``Plan`` of ``option`` (of a recurring event if ``recurring``), given the
    campaign's shown qualities."""
    effects = option.effects
    if effects is None:
        return Plan(NOTHING, (), recurring)
    resources = {q.name for q, _ in shown if q.group == RESOURCES}
    touched = {s.target for s in effects.statements if not s.args}
    if not recurring and not touched & resources:
        return Plan(NOTHING, (), recurring)
    written = _written_costs(effects, resources)
    reads = tuple(
        Touched(q.name, q.label, written.get(q.name), q.name in resources)
        for q, _ in shown
        if q.name in touched
    )
    fixed = None
    if not recurring and all(t.written is not None and t.written > 0 for t in reads if t.resource):
        # a set piece that takes only what it says: a cost as written is shown as
        # written, whatever the state, and nothing else of it is shown
        fixed = Preview(tuple(Amount(t.name, t.label, t.written or 0) for t in reads if t.resource))
    return Plan(fixed, reads, recurring)


def option_preview(
    campaign: Campaign,
    option: Option,
    scope: Scope,
    recurring: bool = False,
    plan: Plan | None = None,
) -> Preview:
    """The costs of ``option`` in ``scope`` and, if ``recurring``, its effects.
    ``plan`` is the option's ``Plan``, if already worked out.

    ``scope`` is read, not changed."""
    if plan is None:
        plan = plan_of(option, recurring, campaign.index.shown_qualities)
    if plan.fixed is not None:
        return plan.fixed
    assert option.effects is not None  # an option without effects has a fixed preview
    after = _applied(option.effects, scope)
    before = scope.values
    costs: list[Amount] = []
    moved: list[Amount] = []
    for name, label, cost, resource in plan.touched:
        delta = after[name] - before[name]
        if cost is not None and cost > 0:
            costs.append(Amount(name, label, cost))
        elif resource and delta < 0:
            costs.append(Amount(name, label, -delta))
        elif plan.recurring and delta:
            moved.append(Amount(name, label, delta))
    return Preview(tuple(costs), tuple(moved))


def _applied(effects: Effects, scope: Scope) -> Mapping[str, int]:
    """The values after ``effects``, run on a copy of ``scope``."""
    copy = Scope(
        dict(scope.values),
        set(scope.flags),
        scope.builtins,
        scope.marks,
        dict(scope.people),
        scope.cast,
    )
    effects.apply(copy)
    return copy.values


def _written_costs(effects: Effects, resources: set[str]) -> dict[str, int]:
    """For each resource moved only by numbers added or taken away (``cadres -= 2``),
    what the effects take in all (negative: what they give)."""
    costs: dict[str, int] = {}
    other: set[str] = set()
    for statement in effects.statements:
        target = statement.target
        if target not in resources or statement.args:
            continue
        if statement.op not in ("+=", "-=") or not isinstance(statement.value, Literal):
            other.add(target)
            continue
        amount = float(statement.value.value)
        costs[target] = costs.get(target, 0) + round(amount if statement.op == "-=" else -amount)
    return {name: cost for name, cost in costs.items() if name not in other}
