"""Declared names that nothing uses, reads or changes.

A name is *read* by any condition, premise, weight, vote, effect value or tag
of a text (``{if rising}``; strategies count: the playtester reads them), by
the congress cycle (a constituency's support, the packing, an argument's fit),
and by the fronts abroad (a front's quality and clock, its states' conditions);
it is *written* by an effect that assigns it, a minority's effects among them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ...engine.expressions import Assign, Expr, names_in
from ...engine.model import Campaign, Condition, Effects, Weight
from .context import Context
from .intervals import evaluate, truth

__all__ = ["Usage", "check_usage", "usage_of"]


@dataclass
class Usage:
    reads: set[str] = field(default_factory=set)
    writes: set[str] = field(default_factory=set)
    sets_true: set[str] = field(default_factory=set)  # flags some effect can make true
    sets_false: set[str] = field(default_factory=set)


def _expressions(campaign: Campaign) -> Iterator[Condition | Weight | None]:
    yield campaign.vote_packing
    congress = campaign.congress
    if congress is not None:
        yield congress.packing
        yield from (argument.fit for argument in congress.arguments.values())
    for event in campaign.events.values():
        yield event.when
        yield event.premise
        yield event.weight
        for option in event.options:
            yield option.visible
            yield option.requires
            yield from (o.weight for o in option.outcomes)
            if option.vote is not None:
                yield option.vote.swing
    for rule in campaign.rules:
        yield rule.when
    for headline in campaign.headlines:
        yield headline.when
    for ending in campaign.endings:
        yield ending.when
        yield from (line.when for line in ending.summary)
    yield from (s.score for s in campaign.strategies.values())
    for front in campaign.fronts:
        yield from (state.when for state in front.states)
    yield from (rule.when for rule in campaign.roster.rules)


def _effects(campaign: Campaign) -> Iterator[Effects | None]:
    for event in campaign.events.values():
        for option in event.options:
            yield option.effects
            yield from (o.effects for o in option.outcomes)
            if option.vote is not None:
                yield option.vote.passed.effects
                yield option.vote.failed.effects
                if option.vote.minority is not None:
                    yield option.vote.minority.effects
    for rule in campaign.rules:
        yield rule.effects
    for people_rule in campaign.roster.rules:
        yield people_rule.effects
    for clock in campaign.clocks:
        yield clock.fill


def usage_of(ctx: Context) -> Usage:
    campaign = ctx.campaign
    usage = Usage()
    trees: list[Expr] = [e.tree for e in _expressions(campaign) if e is not None]
    trees += [tree for template in campaign.texts for tree, _, _ in template.expressions()]
    for tree in trees:
        usage.reads |= names_in(tree)
    if campaign.congress is not None:
        usage.reads |= {place.support for place in campaign.congress.constituencies}
        usage.reads.add(campaign.congress.opposition)
    for front in campaign.fronts:  # a front shows its quality and clock
        usage.reads.add(front.quality)
        if front.clock is not None:
            usage.reads.add(front.clock)
    for event in campaign.events.values():
        for option in event.options:
            if option.vote is not None:
                usage.reads |= set(option.vote.supporters) | set(option.vote.opponents)
    everywhere = ctx.at(ctx.declared, ctx.all_turns)
    statements: list[Assign] = [
        s
        for effects in _effects(campaign)
        if effects is not None
        for s in effects.statements
        if not s.args  # people effects change people, not qualities or flags
    ]
    for statement in statements:
        usage.reads |= names_in(statement.value)
        usage.writes.add(statement.target)
        if statement.target in campaign.flags:
            values = truth(evaluate(statement.value, everywhere))
            if True in values:
                usage.sets_true.add(statement.target)
            if False in values:
                usage.sets_false.add(statement.target)
    return usage


def check_usage(ctx: Context) -> None:
    campaign = ctx.campaign
    usage = usage_of(ctx)
    for name, quality in campaign.qualities.items():
        read, written = name in usage.reads, name in usage.writes
        if not read and not written:
            ctx.warning(
                quality.source,
                f"quality {name!r} is declared but never used: "
                "no condition, weight or effect names it",
            )
        elif written and not read and not quality.shown:
            ctx.warning(
                quality.source,
                f"quality {name!r} is hidden and nothing reads it: its changes have no effect "
                "and players never see them",
            )
        elif read and not written:
            ctx.note(
                quality.source,
                f"quality {name!r} never changes: no effect names it, "
                f"so it stays at {quality.initial}",
            )
    for name, flag in campaign.flags.items():
        read, written = name in usage.reads, name in usage.writes
        if not read and not written:
            ctx.warning(
                flag.source,
                f"flag {name!r} is declared but never used: no condition or effect names it",
            )
        elif read and not flag.initial and name not in usage.sets_true:
            ctx.warning(
                flag.source,
                f"flag {name!r} is read but no effect ever sets it, so it is always false",
            )
        elif read and flag.initial and name not in usage.sets_false:
            ctx.warning(
                flag.source,
                f"flag {name!r} is read but no effect ever clears it, so it is always true",
            )
        elif written and not read:
            ctx.note(flag.source, f"flag {name!r} is set but no condition reads it")
