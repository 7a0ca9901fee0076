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

from typing import NamedTuple

from .expressions import Literal, Scope
from .model import Campaign, Effects, Option

__all__ = ["Amount", "Preview", "option_preview"]

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


def option_preview(
    campaign: Campaign, option: Option, scope: Scope, recurring: bool = False
) -> Preview:
    """The costs of ``option`` in ``scope`` and, if ``recurring``, its effects.

    ``scope`` is read, not changed."""
    effects = option.effects
    if effects is None:
        return NOTHING
    shown = campaign.index.shown_qualities
    resources = {q.name for q, _ in shown if q.group == RESOURCES}
    touched = {s.target for s in effects.statements if not s.args}
    if not recurring and not touched & resources:
        return NOTHING
    after = _applied(effects, scope)
    before = scope.values
    written = _written_costs(effects, resources)
    costs: list[Amount] = []
    moved: list[Amount] = []
    for quality, _ in shown:
        name = quality.name
        if name not in touched:
            continue
        delta = after[name] - before[name]
        cost = written.get(name)
        if cost is not None and cost > 0:
            costs.append(Amount(name, quality.label, cost))
        elif name in resources and delta < 0:
            costs.append(Amount(name, quality.label, -delta))
        elif recurring and delta:
            moved.append(Amount(name, quality.label, delta))
    return Preview(tuple(costs), tuple(moved))


def _applied(effects: Effects, scope: Scope) -> dict[str, int]:
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
