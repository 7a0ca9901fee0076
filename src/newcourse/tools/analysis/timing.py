"""When and under what condition an event can fire, time and premises counted.

The engine queues an event only in the seasons its window and its ``expires``
day allow, and only while its condition and premise hold; a variant fires in
its original's place when the original's condition holds and its premise does
not; a follow-up queues an undated event some turns after the decision that
schedules it, whatever its window. The analyses ask here rather than read an
event's window and condition themselves.
"""

from __future__ import annotations

from collections.abc import Mapping

from ...engine.expressions import Expr
from ...engine.model import Campaign, Event
from .context import Context, conjoin, negate

__all__ = ["follow_up_targets", "guard_of", "turns_of"]


def follow_up_targets(campaign: Campaign) -> Mapping[str, list[tuple[str, int]]]:
    """For each event some decision schedules, the (event, turns after) that schedule it."""
    found: dict[str, list[tuple[str, int]]] = {}
    for event in campaign.events.values():
        for option in event.options:
            results = [*option.outcomes]
            if option.vote is not None:
                results += [option.vote.passed, option.vote.failed]
            for follow_up in option.follow_ups + tuple(f for r in results for f in r.follow_ups):
                found.setdefault(follow_up.event, []).append((event.id, follow_up.after))
    return found


def _expired(ctx: Context, event: Event, turns: range) -> range:
    """``turns`` without the seasons that begin after the event's ``expires`` day."""
    if event.expires is None:
        return turns
    campaign = ctx.campaign
    kept = [t for t in turns if campaign.quarter(t).first_day <= event.expires]
    return range(kept[0], kept[-1] + 1) if kept else range(0)


def turns_of(ctx: Context, event: Event, _seen: frozenset[str] = frozenset()) -> range:
    """The turns in which ``event`` can be queued: its window (or, for an event only
    a follow-up queues, the turns the follow-ups fall in), cut at its expiry."""
    campaign = ctx.campaign
    own = ctx.turns_between(*event.window)
    scheduled = follow_up_targets(campaign).get(event.id, [])
    drawable = event.dated or event.recurring or campaign.storylets_per_turn > 0
    spans = [own] if drawable or not scheduled else []
    for origin, after in scheduled:
        if origin in _seen:
            continue
        before = turns_of(ctx, campaign.events[origin], _seen | {event.id})
        if before:
            first = min(campaign.turns - 1, before[0] + after)
            last = min(campaign.turns - 1, before[-1] + after)
            spans.append(range(first, last + 1))
    spans = [s for s in spans if s]
    if not spans:
        return range(0)
    return _expired(ctx, event, range(min(s[0] for s in spans), max(s[-1] for s in spans) + 1))


def guard_of(campaign: Campaign, event: Event) -> Expr | None:
    """What must hold for ``event`` to fire: its condition and premise; for a variant,
    also its original's condition, and its original's premise failing."""
    parts = [
        event.when.tree if event.when else None,
        event.premise.tree if event.premise else None,
    ]
    original = campaign.events.get(event.variant_of or "")
    if original is not None:
        parts.append(original.when.tree if original.when else None)
        if original.premise is not None:
            parts.append(negate(original.premise.tree))
    if all(part is None for part in parts):
        return None
    return conjoin(*parts)
