"""The turn's course: the game's start, a turn opening (its news and its queue of
events), headlines coming due within it, and its close (the world rules, the
tracks, the congress stages and the endings)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from .. import schedule
from ..congress import hold_stages
from ..dice import Dice, Stream
from ..errors import EngineError
from ..expressions import Scope
from ..index import CampaignIndex, TurnIndex
from ..model import Campaign, Ending, Event
from ..people import cast_of, run_people_rules
from ..state import Draft, GameState, NewsItem
from ..text import render
from ..tracks import crossings, fill_clocks
from .reading import reading_scope, scope_of, weight_of

__all__ = ["end_of_queue", "start", "with_bulletins"]


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
        scope = reading_scope(campaign, state, turn)
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


def with_bulletins(campaign: Campaign, state: Draft) -> None:
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
        index, done, date, reading_scope(campaign, state)
    )


def end_of_queue(campaign: Campaign, dice: Dice, state: Draft) -> None:
    news = _close_turn(campaign, state)
    if not state.over:
        _open_turn(campaign, dice, state, news)
