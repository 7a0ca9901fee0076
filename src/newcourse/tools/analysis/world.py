"""World rules that never apply, headlines never printed, codex notes nobody can open,
and effects that write a value outside its range."""

from __future__ import annotations

from ...engine.calendar import Quarter
from ...engine.model import Effects, Source
from .context import Context, quoted
from .intervals import Interval, evaluate, number

__all__ = ["check_codex", "check_effect_values", "check_headlines", "check_rules"]


def check_rules(ctx: Context) -> None:
    for rule in ctx.campaign.rules:
        if rule.when is None:
            continue
        where = f"world rule {rule.id!r}"
        if not ctx.possible(rule.when.tree, ctx.all_turns):
            why = ctx.why_never(rule.when.tree, ctx.all_turns)
            ctx.warning(
                rule.source,
                f"{where} never applies: its condition {quoted(rule.when.text)} "
                f"is never true ({why})",
            )
        elif ctx.always(rule.when.tree, ctx.all_turns):
            ctx.note(
                rule.source,
                f"{where}: its condition {quoted(rule.when.text)} is always true; "
                "it can be left out",
            )


def check_headlines(ctx: Context) -> None:
    for headline in ctx.campaign.headlines:
        if headline.when is None:
            continue
        turns = ctx.turns_between(Quarter.of(headline.date), Quarter.of(headline.date))
        if turns and not ctx.possible(headline.when.tree, turns):
            why = ctx.why_never(headline.when.tree, turns)
            ctx.warning(
                headline.source,
                f"the headline of {headline.date.isoformat()} is never printed: its condition "
                f"{quoted(headline.when.text)} is never true ({why})",
            )


OPENED_FROM_THE_CODEX = ("glossary", "reading")
"""The kinds of note the codex screen opens by itself, whatever links to them."""


def check_codex(ctx: Context) -> None:
    """Notes no player can reach: not linked from an event or headline, nor (through
    ``see_also``) from a note that is, nor of a kind the codex screen opens itself."""
    campaign = ctx.campaign
    linked = {e.codex for e in campaign.events.values()} | {h.codex for h in campaign.headlines}
    linked |= {e.id for e in campaign.codex.values() if e.kind in OPENED_FROM_THE_CODEX}
    reached = [note for note in linked if note is not None and note in campaign.codex]
    while reached:
        for target in campaign.codex[reached.pop()].see_also:
            if target not in linked and target in campaign.codex:
                linked.add(target)
                reached.append(target)
    for entry in campaign.codex.values():
        if entry.id not in linked:
            ctx.warning(
                entry.source,
                f"codex entry {entry.id!r} is not linked from any event or headline "
                "(nor from a note they link to), so players can never open it",
            )


def check_effect_values(ctx: Context) -> None:
    """Effects that set a value outside the target's range, or step by more than all of it."""
    campaign = ctx.campaign
    places: list[tuple[str, Effects | None, Source]] = []
    for event in campaign.events.values():
        for option in event.options:
            where = f"event {event.id!r}, option {option.id!r}"
            places.append((where, option.effects, option.source))
            results = list(option.outcomes)
            if option.vote is not None:
                results += [option.vote.passed, option.vote.failed]
            for result in results:
                places.append((f"{where}, {result.id}", result.effects, result.source))
    places += [(f"world rule {r.id!r}", r.effects, r.source) for r in campaign.rules]
    for where, effects, source in places:
        if effects is None:
            continue
        for statement in effects.statements:
            if statement.args:  # a person's trust, camp or post: the engine keeps it in range
                continue
            declared = ctx.declared[statement.target]
            if not isinstance(declared, Interval):
                continue
            value = number(evaluate(statement.value, ctx.at(ctx.declared, ctx.all_turns)))
            if statement.op == "=" and (value.lo > declared.hi or value.hi < declared.lo):
                kept = declared.hi if value.lo > declared.hi else declared.lo
                ctx.warning(
                    source,
                    f"{where}: '{statement.target} = ...' gives {value}, outside its range "
                    f"{declared.span}; it will always be {kept:g}",
                )
            elif (
                statement.op != "=" and value.is_point and abs(value.lo) > declared.hi - declared.lo
            ):
                ctx.warning(
                    source,
                    f"{where}: '{statement.target} {statement.op} {value.lo:g}' steps by more "
                    f"than the whole range {declared.span}",
                )
