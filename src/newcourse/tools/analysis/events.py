"""Events and options that can never happen, and events that can leave the player stuck.

One report per node: an event that can never fire says so once, and its
options are not examined (they would only repeat the news).
"""

from __future__ import annotations

from ...engine.expressions import Binary, Expr, Literal
from ...engine.model import Event, Option
from .context import Context, conjoin, negate, quoted
from .intervals import Value, evaluate, number, refine
from .timing import follow_up_targets, guard_of, turns_of
from .witness import describe_witness, find_witness

__all__ = ["check_events"]

_SEARCHED_TURNS = 4


def check_events(ctx: Context, stuck: set[str]) -> None:
    """Report on every event; ``stuck`` holds those random play already found stuck."""
    rooms = [_room(ctx, turn) for turn in ctx.all_turns]
    scheduled = set(follow_up_targets(ctx.campaign))
    for event in ctx.campaign.events.values():
        turns = turns_of(ctx, event)
        if not _can_fire(ctx, event, turns, rooms, event.id in scheduled):
            ctx.dead.add(event.id)
            continue
        if event.when is not None and ctx.always(event.when.tree, turns):
            ctx.note(
                event.source,
                f"event {event.id!r}: its condition {quoted(event.when.text)} is always true "
                "here; it can be left out",
            )
        _odd_fields(ctx, event)
        for option in event.options:
            _check_option(ctx, event, option, turns)
        if event.id not in stuck:
            _check_stuck(ctx, event, turns)


def _can_fire(ctx: Context, event: Event, turns: range, rooms: list[int], scheduled: bool) -> bool:
    where = f"event {event.id!r}"
    if not turns:  # the loader reports dates outside the campaign, and expiry too early
        return False
    if event.when is not None and not ctx.possible(event.when.tree, turns):
        why = ctx.why_never(event.when.tree, turns)
        ctx.warning(
            event.source,
            f"{where} can never fire: its condition {quoted(event.when.text)} "
            f"is never true ({why})",
        )
        return False
    if event.premise is not None:
        fires = guard_of(ctx.campaign, event)
        if fires is not None and not ctx.possible(fires, turns):
            ctx.warning(
                event.source,
                f"{where} can never fire: its premise {quoted(event.premise.text)} never holds "
                "when it could be queued",
            )
            return False
    if event.dated or event.recurring or scheduled:
        return True
    if ctx.campaign.storylets_per_turn == 0:
        ctx.warning(
            event.source,
            f"{where} is never drawn: the campaign's storylets_per_turn is 0",
        )
        return False
    if all(rooms[turn] <= 0 for turn in turns):
        ctx.warning(
            event.source,
            f"{where} is never drawn: dated events fill every turn of its window "
            f"(max_events_per_turn is {ctx.campaign.max_events_per_turn})",
        )
        return False
    when = event.when.tree if event.when else None
    if event.weight is not None and not _positive_somewhere(ctx, when, event.weight.tree, turns):
        ctx.warning(
            event.source,
            f"{where} is never drawn: its weight {quoted(event.weight.text)} is never above 0",
        )
        return False
    return True


def _room(ctx: Context, turn: int) -> int:
    """The most storylets a turn can draw: dated events that surely fire take room."""
    campaign = ctx.campaign
    quarter = campaign.quarter(turn)
    sure = sum(
        1
        for e in campaign.events.values()
        if e.date is not None
        and e.window[0] == quarter
        and (e.when is None or ctx.always(e.when.tree, range(turn, turn + 1)))
    )
    return min(campaign.storylets_per_turn, campaign.max_events_per_turn - sure)


def _odd_fields(ctx: Context, event: Event) -> None:
    where = f"event {event.id!r}"
    if event.dated and event.repeatable:
        ctx.note(
            event.source,
            f"{where}: a dated event fires in one quarter only; 'repeatable' does nothing",
        )
    if event.recurring and event.weight is not None:
        ctx.note(
            event.source, f"{where}: a recurring event is never drawn, so its weight is ignored"
        )


def _check_option(ctx: Context, event: Event, option: Option, turns: range) -> None:
    where = f"event {event.id!r}, option {option.id!r}"
    when = event.when.tree if event.when else None
    if option.visible is not None:
        shown = conjoin(when, option.visible.tree)
        if not ctx.possible(shown, turns):
            why = ctx.why_never(option.visible.tree, turns, when, "the event's condition")
            ctx.warning(
                option.source,
                f"{where} is never shown: its 'if' {quoted(option.visible.text)} is never true "
                f"when the event fires ({why})",
            )
            return
    if option.requires is not None:
        usable = conjoin(
            when, option.visible.tree if option.visible else None, option.requires.tree
        )
        if not ctx.possible(usable, turns):
            given = conjoin(when, option.visible.tree if option.visible else None)
            what = " and ".join(
                name
                for name, present in (("the event's condition", when), ("its 'if'", option.visible))
                if present is not None
            )
            why = ctx.why_never(option.requires.tree, turns, given, what)
            ctx.warning(
                option.source,
                f"{where} is never available: its 'requires' {quoted(option.requires.text)} "
                f"is never true when the event fires ({why})",
            )
            return
        if ctx.always(option.requires.tree, turns, _given(ctx, when, turns)):
            ctx.note(
                option.source,
                f"{where}: its 'requires' {quoted(option.requires.text)} always holds when the "
                "event fires; it can be left out",
            )
    _check_outcomes(ctx, event, option, turns)


def _given(ctx: Context, guard: Expr | None, turns: range) -> dict[str, Value] | None:
    """The reach box narrowed by a guard (None: the reach box itself)."""
    if guard is None:
        return None
    return refine(guard, True, ctx.at(ctx.reach, turns))


def _check_outcomes(ctx: Context, event: Event, option: Option, turns: range) -> None:
    if len(option.outcomes) < 2:
        return
    guard = conjoin(
        event.when.tree if event.when else None,
        option.visible.tree if option.visible else None,
        option.requires.tree if option.requires else None,
    )
    box = refine(guard, True, ctx.at(ctx.reach, turns))
    if box is None:
        return
    weights = {o.id: number(evaluate(o.weight.tree, box)) for o in option.outcomes}
    if all(w.hi <= 0 for w in weights.values()):
        return  # all zero: the engine makes them equally likely
    for outcome in option.outcomes:
        weight = weights[outcome.id]
        if weight.hi <= 0 and not _positive_somewhere(ctx, guard, outcome.weight.tree, turns):
            ctx.warning(
                outcome.source,
                f"event {event.id!r}, option {option.id!r}: outcome {outcome.id!r} never "
                f"happens: its weight {quoted(outcome.weight.text)} is never above 0",
            )


def _positive_somewhere(ctx: Context, guard: Expr | None, weight: Expr, turns: range) -> bool:
    return ctx.possible(conjoin(guard, Binary(">", weight, Literal(0.0))), turns)


def _check_stuck(ctx: Context, event: Event, turns: range) -> None:
    """Can every option be unavailable at once while the event is up?"""
    if any(o.visible is None and o.requires is None for o in event.options):
        return
    unavailable = [
        negate(
            conjoin(o.visible.tree if o.visible else None, o.requires.tree if o.requires else None)
        )
        for o in event.options
    ]
    stuck = conjoin(event.when.tree if event.when else None, *unavailable)
    if not ctx.possible(stuck, turns):
        return
    names = ctx.namespace
    boxes = [(t, refine(stuck, True, ctx.at(ctx.box_at(t), [t]))) for t in turns]
    candidates = [(t, box) for t, box in boxes if box is not None]
    step = max(1, len(candidates) // _SEARCHED_TURNS)  # a few turns, spread out: it is costly
    for turn, box in candidates[::step][:_SEARCHED_TURNS]:
        if ctx.witness_budget <= 0:
            return  # the search is a bonus; the random games look for stuck events too
        witness, tried = find_witness(stuck, box, names, turn, ctx.witness_budget)
        ctx.witness_budget -= tried
        if witness is None:
            continue
        kind = "recurring event" if event.recurring else "event"
        when = ctx.describe_turns([turn])
        example = f"in {when} with {describe_witness(witness)}" if witness else f"in {when}"
        ctx.warning(
            event.source,
            f"{kind} {event.id!r} can leave the player with no available option "
            f"(for example {example}); give one option no 'if' or 'requires'",
        )
        return
