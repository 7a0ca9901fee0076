"""Endings nothing can reach, endings always beaten by another, and endings that end
every game at once.

Final endings are checked at the close of every turn; the others only at the
campaign's end. Of the endings that hold, the one with the highest priority
wins (on a tie, the one written first).
"""

from __future__ import annotations

from ...engine.expressions import Scope
from ...engine.model import Ending
from .context import Context, conjoin, listing, negate, quoted

__all__ = ["check_endings"]


def check_endings(ctx: Context) -> None:
    endings = ctx.campaign.endings
    broken = {e.id for e in endings if e.final and _always(ctx, e)}
    for index, ending in enumerate(endings):
        turns = ctx.all_turns if ending.final else ctx.last_turn
        where = f"ending {ending.id!r}"
        if ending.when is not None and not ctx.possible(ending.when.tree, turns):
            why = ctx.why_never(ending.when.tree, turns)
            ctx.warning(
                ending.source,
                f"{where} can never be reached: its condition {quoted(ending.when.text)} "
                f"is never true ({why})",
            )
            continue
        if ending.id in broken:
            ctx.error(
                ending.source,
                f"{where} is final and always holds, so every game ends after its first turn; "
                "give it a condition or drop 'final'",
            )
            continue
        if ending.final and ending.when is not None and _holds_at_start(ctx, ending):
            ctx.warning(
                ending.source,
                f"final {where} already holds at the start: unless the first turn changes "
                "that, the game ends after one turn",
            )
        _check_shadowed(ctx, index, ending, turns, broken)
        _check_summary(ctx, ending, turns)


def _always(ctx: Context, ending: Ending) -> bool:
    return ending.when is None or ctx.always(ending.when.tree, ctx.all_turns)


def _holds_at_start(ctx: Context, ending: Ending) -> bool:
    campaign = ctx.campaign
    values = {name: q.initial for name, q in campaign.qualities.items()}
    values.update({name: f.initial for name, f in campaign.factions.items()})
    flags = {name for name, flag in campaign.flags.items() if flag.initial}
    first = campaign.quarter(0)
    scope = Scope(values, flags, {"year": first.year, "quarter": first.number, "turn": 0})
    return ending.when is not None and bool(ending.when.test(scope))


def _outranks(other: Ending, other_index: int, ending: Ending, index: int) -> bool:
    if other.priority != ending.priority:
        return other.priority > ending.priority
    return other_index < index


def _check_shadowed(
    ctx: Context, index: int, ending: Ending, turns: range, broken: set[str]
) -> None:
    """An ending is shadowed when, wherever it holds, an ending that outranks it holds too
    (and is checked at the same moments). Endings already reported broken are no rivals."""
    rivals = [
        other
        for other_index, other in enumerate(ctx.campaign.endings)
        if other is not ending
        and other.id not in broken
        and _outranks(other, other_index, ending, index)
        and (other.final or not ending.final)
    ]
    mine = ending.when.tree if ending.when else None
    for rival in rivals:
        if rival.when is None or not ctx.possible(conjoin(mine, negate(rival.when.tree)), turns):
            ctx.note(
                ending.source,
                f"ending {ending.id!r} is never the one shown: whenever it holds, "
                f"ending {rival.id!r} holds too and outranks it",
            )
            return
    if len(rivals) > 1:
        beaten = conjoin(mine, *(negate(r.when.tree) for r in rivals if r.when is not None))
        if not ctx.possible(beaten, turns):
            ctx.note(
                ending.source,
                f"ending {ending.id!r} is never the one shown: whenever it holds, one of "
                f"{listing(r.id for r in rivals)} holds too and outranks it",
            )


def _check_summary(ctx: Context, ending: Ending, turns: range) -> None:
    mine = ending.when.tree if ending.when else None
    for line in ending.summary:
        if line.when is None:
            continue
        if not ctx.possible(conjoin(mine, line.when.tree), turns):
            why = ctx.why_never(line.when.tree, turns, mine, "the ending's condition")
            ctx.warning(
                line.source,
                f"ending {ending.id!r}: the summary line with condition {quoted(line.when.text)} "
                f"is never shown ({why})",
            )
