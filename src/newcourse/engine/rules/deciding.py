"""A decision: the option checked, its outcome drawn or its vote counted, its
effects applied and recorded, the events it made lapse dropped, and the turn
carried on (or closed when nothing is left to decide)."""

from __future__ import annotations

from collections.abc import Mapping

from .. import schedule
from ..dice import Dice
from ..errors import EngineError, Refusal
from ..expressions import Scope
from ..index import LapseReads
from ..model import Campaign, Event, Option, Outcome
from ..people import cast_of
from ..state import Draft, Entry, GameState, Resolution, Tally
from ..text import Render, render
from ..tracks import fill_clocks
from ..votes import count_vote
from .reading import is_available, is_visible, outcome_odds, reading_scope
from .turns import end_of_queue, with_bulletins

__all__ = ["choose"]


def choose(campaign: Campaign, dice: Dice, state: GameState, option_id: str) -> GameState:
    """Decide the current event with one of its options; returns the next state."""
    if state.over:
        raise Refusal("the game is over; there is nothing left to decide")
    if not state.queue:
        raise EngineError("a game that is not over has no event to decide")
    event = campaign.events[state.queue[0]]
    option = event.option(option_id)
    index = campaign.index
    builtins = index.turn(state.turn).builtins  # effects never change built-ins
    scope = Scope(dict(state.values), set(state.flags), builtins, state.marks, dict(state.people))
    if event.cast:
        scope.cast = cast_of(event.cast, scope.people) or {}
    if option is None or not is_visible(option, scope):
        numbers = ", ".join(o.id for o in event.options if is_visible(o, scope))
        raise Refusal(f"{event.title!r} has no option {option_id!r}; the options are: {numbers}")
    if not is_available(option, scope):
        raise Refusal(f"that option is not available: {option.unavailable}")

    outcome: Outcome | None = None
    tally: Tally | None = None
    if option.vote is not None:
        tally = count_vote(campaign, option.vote, scope, event, option, state.elections)
        outcome = option.vote.passed if tally.passed else option.vote.failed
    elif option.outcomes:
        odds = outcome_odds(option, scope)
        pick = dice.stream("outcome", state.step).random()
        outcome = odds[-1][0]
        for candidate, chance in odds:
            pick -= chance
            if pick < 0:
                outcome = candidate
                break

    texts = index.texts
    chosen = render(texts, option.text, scope) if texts else option.text
    if option.effects is not None:
        option.effects.apply(scope)
    if outcome is not None and outcome.effects is not None:
        outcome.effects.apply(scope)
    minority = _minority(option, tally, scope) if tally is not None else ""
    fills = fill_clocks(index.clocks, index.levelled, scope) if index.clocks else ()

    values = scope.values
    flags = state.flags if scope.flags == state.flags else frozenset(scope.flags)
    historical = None
    if index.historical[event.id]:
        historical = option.historical and (
            option.history_outcome is None
            or (outcome is not None and outcome.id == option.history_outcome)
        )
    outcome_id = outcome.id if outcome is not None else None
    told = chosen if "{" in option.text else None
    entry = Entry(state.turn, event.id, option.id, outcome_id, historical, told)
    draft = Draft(state)
    draft.last = Resolution(
        event.id,
        option.id,
        chosen,
        outcome_id,
        outcome.label if outcome else "",
        _result(texts, option, outcome, minority, scope),
        tally,
        state.values,
        values,
        state.flags,
        flags,
        historical,
        index.history[event.id] if historical is False else "",
        index.factions,
        fills,
    )
    draft.values, draft.flags = values, flags
    if state.people:
        draft.people = scope.people
    draft.queue = state.queue[1:]
    draft.step += 1
    draft.bulletins = ()
    draft.timeline = (*state.timeline, entry)
    if flags is not state.flags:
        schedule.mark_flags(draft, state.flags, state.turn)
    if event.arc is not None or option.follow_ups or (outcome is not None and outcome.follow_ups):
        schedule.after_decision(draft, event, option, outcome)
    if draft.queue:
        _drop_lapsed(campaign, state, draft)
    if not draft.queue:
        end_of_queue(campaign, dice, draft)
    elif not draft.over:
        with_bulletins(campaign, draft)
    return draft.freeze()


def _drop_lapsed(campaign: Campaign, before: GameState, state: Draft) -> None:
    """Events queued at the turn's start whose condition, premise or cast no longer
    holds after the decision from ``before`` are dropped. Only an event whose
    conditions or cast read something the decision changed is looked at again (see
    ``_touched``): the others held when they were last looked at, and still do."""
    lapsing = campaign.index.lapsing
    if lapsing.isdisjoint(state.queue):
        return  # nothing queued can lapse
    reads, events = campaign.index.lapse_reads, campaign.events
    flipped = state.flags ^ before.flags if state.flags is not before.flags else frozenset()
    scope: Scope | None = None
    lapsed = set()
    for event_id in state.queue:
        if event_id in lapsing and _touched(reads[event_id], before, state, flipped):
            if scope is None:
                scope = reading_scope(campaign, state)
            if not _still_due(events[event_id], scope):
                lapsed.add(event_id)
    if lapsed:
        state.queue = tuple(e for e in state.queue if e not in lapsed)
        state.fired = state.fired - lapsed


def _touched(reads: LapseReads, before: GameState, after: Draft, flipped: frozenset[str]) -> bool:
    """Whether a decision from ``before`` to ``after`` (which set or cleared the flags
    ``flipped``) changed what a queued event's lapsing depends on (``reads``).

    A cast is made from the people alone: once looked at after the turn's first
    decision (a follow-up or a stand-in is queued without it), it changes only when
    they do."""
    if reads.casts and (not before.timeline or before.timeline[-1].turn != before.turn):
        return True
    values_before, values_after = before.values, after.values
    for name in reads.values:
        if values_before[name] != values_after[name]:
            return True
    if flipped and not reads.flags.isdisjoint(flipped):
        return True
    return (reads.people or reads.casts) and after.people != before.people


def _still_due(event: Event, scope: Scope) -> bool:
    """Whether a queued event's condition, premise and cast still hold."""
    return (
        (event.when is None or bool(event.when.test(scope)))
        and (event.premise is None or bool(event.premise.test(scope)))
        and (not event.cast or cast_of(event.cast, scope.people) is not None)
    )


def _minority(option: Option, tally: Tally | None, scope: Scope) -> str:
    """A defeated motion whose minority reached its threshold wins what the vote
    says: its effects apply, and its prose is returned."""
    if tally is None or tally.breakdown is None or not tally.breakdown.minority_reached:
        return ""
    minority = option.vote.minority if option.vote is not None else None
    if minority is None:
        return ""
    if minority.effects is not None:
        minority.effects.apply(scope)
    return minority.result


def _result(
    texts: Mapping[str, Render],
    option: Option,
    outcome: Outcome | None,
    minority: str,
    scope: Scope,
) -> str:
    """The decision's prose: the option's result, the outcome's, and the minority's."""
    result = render(texts, option.result, scope) if texts else option.result
    if outcome is not None:
        result = _joined(result, render(texts, outcome.result, scope))
    return _joined(result, minority) if minority else result


def _joined(first: str, second: str) -> str:
    """The option's and the outcome's prose, as paragraphs (either may be empty)."""
    if first and second:
        return f"{first}\n\n{second}"
    return first or second
