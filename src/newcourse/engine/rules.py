"""The turn rules: how a state and a decision make the next state.

A turn opens with the news, queues its events (dated set pieces, then storylets
drawn by weight, then recurring ones) and waits for a decision on each. When
the queue is empty the world rules run, final endings are checked, and the next
turn opens. All chance comes from ``Dice`` (``dice.py``): a stream per purpose
and step (the turn, or the number of decisions made), keyed by the game's seed,
so the same seed and decisions give the same game.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from . import schedule
from .congress import hold_stages
from .dice import Dice, Stream
from .errors import EngineError, Refusal
from .expressions import Scope
from .index import CampaignIndex, LapseReads, TurnIndex, history_outcome, history_text
from .model import Campaign, Condition, Ending, Event, Option, Outcome, Vote
from .people import cast_of, run_people_rules
from .state import Draft, Entry, GameState, NewsItem, Resolution, Tally
from .text import Render, render
from .tracks import crossings, fill_clocks
from .votes import count_vote

__all__ = [
    "Dice",
    "choose",
    "current_event",
    "history_outcome",
    "history_text",
    "is_available",
    "is_visible",
    "outcome_odds",
    "scope_of",
    "start",
    "vote_tally",
]


def scope_of(campaign: Campaign, state: GameState | Draft) -> Scope:
    """A scope on a copy of the state's values and flags: effects may change it."""
    builtins = campaign.index.turn(state.turn).builtins  # effects never change built-ins
    scope = Scope(dict(state.values), set(state.flags), builtins, state.marks, dict(state.people))
    if state.people and state.queue:  # the current event's cast, as it stands
        cast = campaign.events[state.queue[0]].cast
        if cast:
            scope.cast = cast_of(cast, scope.people) or {}
    return scope


def _reading(campaign: Campaign, state: Draft, turn: TurnIndex | None = None) -> Scope:
    """A scope on the state itself, for conditions and weights only: nothing may change it."""
    if turn is None:
        turn = campaign.index.turn(state.turn)
    return Scope(state.values, state.flags, turn.builtins, state.marks, state.people)  # type: ignore[arg-type]


def _holds(condition: Condition | None, scope: Scope) -> bool:
    return condition is None or bool(condition.test(scope))


# ---------------------------------------------------------------- starting and turns


def start(campaign: Campaign, dice: Dice) -> GameState:
    values = {name: q.initial for name, q in campaign.qualities.items()}
    values.update({name: f.initial for name, f in campaign.factions.items()})
    flags = frozenset(name for name, flag in campaign.flags.items() if flag.initial)
    state = GameState(
        turn=0,
        values=values,
        flags=flags,
        queue=(),
        fired=frozenset(),
        step=0,
        news=(),
        bulletins=(),
        headlines_done=0,
        streaks={},
        turn_before=values,
        turn_start=values,
        last=None,
        timeline=(),
        ending=None,
        marks=dict.fromkeys(flags, 0),
        people=campaign.roster.start(),
    )
    draft = Draft(state)
    _open_turn(campaign, dice, draft, news=())
    return draft.freeze()


def _open_turn(campaign: Campaign, dice: Dice, state: Draft, news: tuple[NewsItem, ...]) -> None:
    """Queue the turn's events; a turn with nothing to decide passes on by itself."""
    index = campaign.index
    events = campaign.events
    while True:
        turn = index.turn(state.turn)
        scope = _reading(campaign, state, turn)
        state.turn_before = state.turn_start
        queue = _queue_events(campaign, dice, state, scope, turn)
        first = events[queue[0]].date if queue else None
        moment = first if first is not None else turn.last_day
        headlines, state.headlines_done = _due_headlines(index, state.headlines_done, moment, scope)
        state.queue = queue
        if index.premised:
            state.fired = state.fired | schedule.fired_with(events[e] for e in queue)
        else:
            state.fired = state.fired | {e for e in queue if not events[e].recurring}
        state.news = news + headlines
        state.bulletins = ()
        state.turn_start = state.values
        if queue:
            return
        more = _close_turn(campaign, state)
        news = state.news + more  # a turn with nothing to decide hands its news on
        if state.over:
            return


def _queue_events(
    campaign: Campaign, dice: Dice, state: Draft, scope: Scope, turn: TurnIndex
) -> tuple[str, ...]:
    fired = state.fired
    dated = _eligible(turn.dated, fired, scope)
    recurring = _eligible(turn.recurring, fired, scope)
    pool = _eligible(turn.pool, fired, scope)
    index = campaign.index
    if index.premised:
        dated = schedule.stand_ins(index, dated, scope)
        recurring = schedule.stand_ins(index, recurring, scope)
        pool = schedule.stand_ins(index, pool, scope)
    if state.follow_ups:
        following = schedule.due_follow_ups(campaign, state, scope)
        if following:
            dated += following  # at the season's end, before the storylets
            ids = {e.id for e in following}
            pool = [e for e in pool if e.id not in ids]
    room = min(campaign.storylets_per_turn, campaign.max_events_per_turn - len(dated))
    drawn: list[Event] = []
    if pool and room > 0:  # a stream nobody draws from changes nothing
        drawn = _draw(pool, scope, room, dice.stream("draw", state.turn))
    return tuple(e.id for e in [*dated, *drawn, *recurring])


def _eligible(events: tuple[Event, ...], fired: frozenset[str], scope: Scope) -> list[Event]:
    """The events that can be queued: not yet fired (or that may fire again), with
    their condition holding and their parts cast."""
    return [
        e
        for e in events
        if (e.repeatable or e.recurring or e.id not in fired)
        and (e.when is None or e.when.test(scope))
        and (not e.cast or cast_of(e.cast, scope.people) is not None)
    ]


def _draw(pool: list[Event], scope: Scope, count: int, rng: Stream) -> list[Event]:
    """Draw up to ``count`` storylets by weight, without replacement (``pool`` is by id)."""
    weighted = [
        (e, w) for e in pool if (w := (weight_of(e.weight.value(scope)) if e.weight else 1.0)) > 0
    ]
    drawn: list[Event] = []
    while weighted and len(drawn) < count:
        total = sum([w for _, w in weighted])
        pick = rng.random() * total
        for index, (event, weight) in enumerate(weighted):
            pick -= weight
            if pick < 0 or index == len(weighted) - 1:
                drawn.append(event)
                del weighted[index]
                break
    return drawn


def _close_turn(campaign: Campaign, state: Draft) -> tuple[NewsItem, ...]:
    """Run the world rules, check final endings, and step the clock; returns the news."""
    scope = scope_of(campaign, state)
    index = campaign.index
    flags_before, turn_before = state.flags, state.turn
    due, state.headlines_done = _due_headlines(
        index, state.headlines_done, index.turn(state.turn).last_day, scope
    )
    news: list[NewsItem] = list(due)
    streaks: dict[str, int] = {}
    for rule in campaign.rules:
        if rule.when is None or rule.when.test(scope):
            rule.effects.apply(scope)
            # a rule that goes on applying says something new, or nothing
            run = state.streaks.get(rule.id, 0)
            if run < len(rule.news):
                news.append(NewsItem(render(index.texts, rule.news[run], scope)))
            streaks[rule.id] = run + 1
    if campaign.roster.rules:
        news += run_people_rules(campaign.roster, scope)
    if index.clocks or index.levelled:
        news += _track_news(index, state.values, scope)
    if index.stages and state.turn in index.stages:
        state.elections = hold_stages(campaign, state.elections, index.stages[state.turn], scope)
    ending = _ending(index.final_endings, scope)
    if ending is None and state.turn + 1 >= campaign.turns:
        ending = _ending(campaign.endings, scope)
        if ending is None:
            raise EngineError(f"campaign {campaign.id!r} has no ending that holds at its end")
    if ending is None:
        state.turn += 1
    else:
        state.ending = ending.id
    state.values, state.flags = scope.values, frozenset(scope.flags)
    if state.people:
        state.people = scope.people
    if state.flags != flags_before:
        schedule.mark_flags(state, flags_before, turn_before)
    state.queue = ()
    state.streaks = streaks
    return tuple(news)


def _track_news(index: CampaignIndex, before: Mapping[str, int], scope: Scope) -> list[NewsItem]:
    """The front page's lines on the tracks at a turn's end: the clocks the world
    rules filled, and the levels the turn's changes crossed."""
    fills = fill_clocks(index.clocks, index.levelled, scope) if index.clocks else ()
    lines = (*fills, *crossings(index.levelled, before, scope.values))
    return [NewsItem(line) for line in lines]


def _ending(endings: tuple[Ending, ...], scope: Scope) -> Ending | None:
    """The highest-priority ending that holds (the first of equals)."""
    best: Ending | None = None
    for ending in endings:
        if (best is None or ending.priority > best.priority) and (
            ending.when is None or ending.when.test(scope)
        ):
            best = ending
    return best


# ---------------------------------------------------------------- decisions


def current_event(campaign: Campaign, state: GameState) -> Event | None:
    event_id = state.current_event
    return campaign.events[event_id] if event_id is not None else None


def is_visible(option: Option, scope: Scope) -> bool:
    return _holds(option.visible, scope)


def is_available(option: Option, scope: Scope) -> bool:
    visible, requires = option.visible, option.requires
    return (visible is None or bool(visible.test(scope))) and (
        requires is None or bool(requires.test(scope))
    )


MOST_WEIGHT = 1e12
"""The largest a weight counts for: an infinite weight counts as this."""


def weight_of(value: float) -> float:
    """A weight as the rules read it: below zero, or not a number (NaN), it counts as
    zero; above ``MOST_WEIGHT`` (infinity too), as ``MOST_WEIGHT``."""
    if value > 0:
        return value if value < MOST_WEIGHT else MOST_WEIGHT
    return 0.0


def share_of(value: float) -> float:
    """A share (a swing, say) as the rules read it: kept within 0..1; NaN counts as 0."""
    if value >= 1:
        return 1.0
    return float(value) if value > 0 else 0.0


def outcome_odds(option: Option, scope: Scope) -> list[tuple[Outcome, float]]:
    """Each outcome with its chance (0..1). Weights are read by ``weight_of``;
    if every weight is zero, the outcomes are equally likely."""
    weights = [weight_of(o.weight.value(scope)) for o in option.outcomes]
    total = sum(weights)
    if total <= 0:
        return [(o, 1 / len(option.outcomes)) for o in option.outcomes]
    return [(o, w / total) for o, w in zip(option.outcomes, weights, strict=True)]


def vote_tally(
    campaign: Campaign,
    vote: Vote,
    scope: Scope,
    event: Event | None = None,
    option: Option | None = None,
    held: Mapping[str, tuple[tuple[float, ...], ...]] | None = None,
) -> Tally:
    """The vote as the state makes it (see ``votes.count_vote``): faction shares,
    the swing of the free delegates, and the apparatus packing the delegations;
    with ``event``, ``option`` and the elections ``held``, the congress cycle too.

    The delegates vote as whole delegates, and the motion is decided on those
    counts: it passes with more votes for than against, so a tie fails."""
    return count_vote(campaign, vote, scope, event, option, held)


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
    entry = Entry(state.turn, event.id, option.id, outcome_id, historical)
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
        _end_of_queue(campaign, dice, draft)
    elif not draft.over:
        _with_bulletins(campaign, draft)
    return draft.freeze()


def _due_headlines(
    index: CampaignIndex, done: int, moment: dt.date, scope: Scope
) -> tuple[tuple[NewsItem, ...], int]:
    """Headlines dated up to ``moment`` that have not come due yet; a headline whose
    condition fails when it comes due is passed over for good."""
    headlines = index.headlines
    items = []
    while done < len(headlines) and headlines[done].date <= moment:
        headline = headlines[done]
        if headline.when is None or headline.when.test(scope):
            items.append(NewsItem(render(index.texts, headline.text, scope), headline.codex))
        done += 1
    return tuple(items), done


def _with_bulletins(campaign: Campaign, state: Draft) -> None:
    """Within a turn, the headlines dated up to the next set piece come due; storylets
    and recurring events, which have no date, stand at the season's end."""
    index = campaign.index
    done, headlines = state.headlines_done, index.headlines
    if done >= len(headlines):
        return
    date = campaign.events[state.queue[0]].date or index.turn(state.turn).last_day
    if headlines[done].date > date:
        return
    state.bulletins, state.headlines_done = _due_headlines(
        index, done, date, _reading(campaign, state)
    )


def _drop_lapsed(campaign: Campaign, before: GameState, state: Draft) -> None:
    """Events queued at the turn's start whose condition, premise or cast no longer
    holds after the decision from ``before`` are dropped. Only an event that casts,
    or whose conditions read something the decision changed, is looked at again:
    the others held when they were queued or last looked at, and still do."""
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
                scope = _reading(campaign, state)
            if not _still_due(events[event_id], scope):
                lapsed.add(event_id)
    if lapsed:
        state.queue = tuple(e for e in state.queue if e not in lapsed)
        state.fired = state.fired - lapsed


def _touched(reads: LapseReads, before: GameState, after: Draft, flipped: frozenset[str]) -> bool:
    """Whether a decision from ``before`` to ``after`` (which set or cleared the flags
    ``flipped``) changed what a queued event's lapsing depends on (``reads``)."""
    if reads.casts:
        return True
    values_before, values_after = before.values, after.values
    for name in reads.values:
        if values_before[name] != values_after[name]:
            return True
    if flipped and not reads.flags.isdisjoint(flipped):
        return True
    return reads.people and after.people != before.people


def _still_due(event: Event, scope: Scope) -> bool:
    """Whether a queued event's condition, premise and cast still hold."""
    return (
        (event.when is None or bool(event.when.test(scope)))
        and (event.premise is None or bool(event.premise.test(scope)))
        and (not event.cast or cast_of(event.cast, scope.people) is not None)
    )


def _end_of_queue(campaign: Campaign, dice: Dice, state: Draft) -> None:
    news = _close_turn(campaign, state)
    if not state.over:
        _open_turn(campaign, dice, state, news)


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
