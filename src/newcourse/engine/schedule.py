"""Time in a story: premises and variants, follow-ups, arcs and when flags were set.

- An event's **premise** is the history it assumes. When it fails as the event
  would be queued, a **variant** of the event (``variant_of``) whose own premise
  holds stands in for it, on the same date or in the same window; with none, the
  event does not fire. The original and its variants fire once between them.
- A **follow-up** schedules an undated event some turns after a decision; it is
  queued at that turn's season end, after the set pieces and before storylets,
  if its condition and premise hold then and it has not already fired (unless it
  is repeatable). An event past its ``expires`` day is never queued.
- An **arc** opens when an event of it is decided, and closes when an event,
  option or outcome that closes it is decided; a closed arc does not reopen.
- The state records the turn each flag was last set, which ``since(flag)`` reads.
"""

from __future__ import annotations

from collections.abc import Iterable

from .expressions import Scope
from .index import CampaignIndex
from .model import Campaign, Event, Option, Outcome
from .state import Draft

__all__ = ["after_decision", "due_follow_ups", "mark_flags", "stand_ins"]


def _assumed(event: Event, scope: Scope) -> bool:
    return event.premise is None or bool(event.premise.test(scope))


def stand_in(index: CampaignIndex, event: Event, scope: Scope) -> Event | None:
    """The event that fires in ``event``'s place: itself while its premise holds, else
    the first of its variants whose premise and condition hold, else none."""
    if _assumed(event, scope):
        return event
    for variant in index.variants.get(event.id, ()):
        if _assumed(variant, scope) and (variant.when is None or variant.when.test(scope)):
            return variant
    return None


def stand_ins(index: CampaignIndex, events: Iterable[Event], scope: Scope) -> list[Event]:
    """Each event, or what stands in for it; events with nothing to stand in are left out."""
    found = []
    for event in events:
        chosen = stand_in(index, event, scope)
        if chosen is not None:
            found.append(chosen)
    return found


def due_follow_ups(campaign: Campaign, state: Draft, scope: Scope) -> list[Event]:
    """The follow-ups due this turn that may fire, taken off the schedule."""
    turn = state.turn
    if not state.follow_ups or state.follow_ups[0][0] > turn:
        return []
    due = [event_id for when, event_id in state.follow_ups if when <= turn]
    state.follow_ups = tuple(item for item in state.follow_ups if item[0] > turn)
    first_day = campaign.index.turn(turn).first_day
    events, fired = campaign.events, state.fired
    found: list[Event] = []
    for event_id in dict.fromkeys(due):  # one event scheduled twice for a turn fires once
        event = events[event_id]
        if (
            (event.repeatable or event.id not in fired)
            and (event.expires is None or first_day <= event.expires)
            and (event.when is None or event.when.test(scope))
        ):
            chosen = stand_in(campaign.index, event, scope)
            if chosen is not None:
                found.append(chosen)
    return found


def fired_with(events: Iterable[Event]) -> set[str]:
    """The ids a queue of events marks as fired: a variant marks its original too."""
    ids: set[str] = set()
    for event in events:
        if not event.recurring:
            ids.add(event.id)
            if event.variant_of is not None:
                ids.add(event.variant_of)
    return ids


def after_decision(state: Draft, event: Event, option: Option, outcome: Outcome | None) -> None:
    """Schedule the decision's follow-ups and open or close its event's arc."""
    follow_ups = option.follow_ups + (outcome.follow_ups if outcome is not None else ())
    if follow_ups:
        scheduled = [*state.follow_ups, *((state.turn + f.after, f.event) for f in follow_ups)]
        state.follow_ups = tuple(sorted(scheduled, key=lambda item: item[0]))
    arc = event.arc
    if arc is None:
        return
    closes = event.closes_arc or option.closes_arc or (outcome is not None and outcome.closes_arc)
    if closes:
        if arc in state.arcs:
            state.arcs = tuple(a for a in state.arcs if a != arc)
        state.arcs_closed = state.arcs_closed | {arc}
    elif arc not in state.arcs and arc not in state.arcs_closed:
        state.arcs = (*state.arcs, arc)


def mark_flags(state: Draft, before: frozenset[str], turn: int) -> None:
    """Record ``turn`` for every flag set since ``before``."""
    new = state.flags - before
    if new:
        state.marks = {**state.marks, **dict.fromkeys(new, turn)}
