"""The turn rules: how a state and a decision make the next state.

A turn opens with the news, queues its events (dated set pieces, then storylets
drawn by weight, then recurring ones) and waits for a decision on each. When
the queue is empty the world rules run, final endings are checked, and the next
turn opens. All chance comes from ``Dice``, seeded by the game's seed and the
number of decisions made, so the same seed and decisions give the same game.
"""

from __future__ import annotations

import random
from dataclasses import replace

from .errors import EngineError, Refusal
from .expressions import Scope
from .model import Campaign, Condition, Ending, Event, Option, Outcome, Vote
from .state import Change, Entry, GameState, NewsItem, Resolution, Tally

__all__ = [
    "Dice",
    "choose",
    "current_event",
    "is_available",
    "is_visible",
    "outcome_odds",
    "scope_of",
    "start",
    "vote_tally",
]


class Dice:
    """The game's only source of chance: a seeded generator per purpose and step."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def stream(self, purpose: str, step: int) -> random.Random:
        return random.Random(f"{self.seed}:{purpose}:{step}")


def scope_of(campaign: Campaign, state: GameState) -> Scope:
    quarter = campaign.quarter(state.turn)
    builtins = {"year": quarter.year, "quarter": quarter.number, "turn": state.turn}
    return Scope(dict(state.values), set(state.flags), builtins)


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
        news_changes=(),
        turn_start=values,
        last=None,
        timeline=(),
        ending=None,
    )
    return _open_turn(campaign, dice, state, news=())


def _open_turn(
    campaign: Campaign, dice: Dice, state: GameState, news: tuple[NewsItem, ...]
) -> GameState:
    """Queue the turn's events; a turn with nothing to decide passes on by itself."""
    while True:
        scope = scope_of(campaign, state)
        quarter = campaign.quarter(state.turn)
        headlines = tuple(
            NewsItem(h.text, h.codex)
            for h in campaign.headlines
            if quarter.year == h.date.year
            and (h.date.month - 1) // 3 == quarter.index
            and _holds(h.when, scope)
        )
        changes = tuple(
            Change(name, state.turn_start[name], value)
            for name, value in state.values.items()
            if value != state.turn_start[name]
        )
        queue = _queue_events(campaign, dice, state, scope)
        state = replace(
            state,
            queue=queue,
            fired=state.fired | {e for e in queue if not campaign.events[e].recurring},
            news=headlines + news,
            news_changes=changes,
            turn_start=state.values,
        )
        if queue:
            return state
        state, news = _close_turn(campaign, state)
        if state.over:
            return state


def _queue_events(
    campaign: Campaign, dice: Dice, state: GameState, scope: Scope
) -> tuple[str, ...]:
    quarter = campaign.quarter(state.turn)

    def eligible(event: Event) -> bool:
        if event.id in state.fired and not (event.repeatable or event.recurring):
            return False
        return _holds(event.when, scope)

    dated = sorted(
        (
            e
            for e in campaign.events.values()
            if e.date is not None and e.window[0] == quarter and eligible(e)
        ),
        key=lambda e: (e.date, e.id),
    )
    recurring = [
        e
        for e in campaign.events.values()
        if e.recurring and e.window[0] <= quarter <= e.window[1] and eligible(e)
    ]
    pool = [
        e
        for e in campaign.events.values()
        if e.date is None
        and not e.recurring
        and e.window[0] <= quarter <= e.window[1]
        and eligible(e)
    ]
    room = min(campaign.storylets_per_turn, campaign.max_events_per_turn - len(dated))
    drawn = _draw(pool, scope, max(0, room), dice.stream("draw", state.turn))
    return tuple(e.id for e in [*dated, *drawn, *recurring])


def _draw(pool: list[Event], scope: Scope, count: int, rng: random.Random) -> list[Event]:
    """Draw up to ``count`` storylets by weight, without replacement."""
    weighted = [(e, max(0.0, float(e.weight.value(scope))) if e.weight else 1.0) for e in pool]
    weighted = [(e, w) for e, w in sorted(weighted, key=lambda item: item[0].id) if w > 0]
    drawn: list[Event] = []
    while weighted and len(drawn) < count:
        total = sum(w for _, w in weighted)
        pick = rng.random() * total
        for index, (event, weight) in enumerate(weighted):
            pick -= weight
            if pick < 0 or index == len(weighted) - 1:
                drawn.append(event)
                del weighted[index]
                break
    return drawn


def _close_turn(campaign: Campaign, state: GameState) -> tuple[GameState, tuple[NewsItem, ...]]:
    """Run the world rules, check final endings, and step the clock."""
    scope = scope_of(campaign, state)
    news: list[NewsItem] = []
    for rule in campaign.rules:
        if _holds(rule.when, scope):
            rule.effects.apply(scope)
            if rule.news:
                news.append(NewsItem(rule.news))
    state = replace(state, values=scope.values, flags=frozenset(scope.flags), queue=())
    ending = _ending(campaign, scope, final_only=True)
    if ending is None and state.turn + 1 >= campaign.turns:
        ending = _ending(campaign, scope, final_only=False)
        if ending is None:
            raise EngineError(f"campaign {campaign.id!r} has no ending that holds at its end")
    if ending is not None:
        return replace(state, ending=ending.id), tuple(news)
    return replace(state, turn=state.turn + 1), tuple(news)


def _ending(campaign: Campaign, scope: Scope, *, final_only: bool) -> Ending | None:
    candidates = [
        e for e in campaign.endings if (e.final or not final_only) and _holds(e.when, scope)
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda e: e.priority)


# ---------------------------------------------------------------- decisions


def current_event(campaign: Campaign, state: GameState) -> Event | None:
    event_id = state.current_event
    return campaign.events[event_id] if event_id is not None else None


def is_visible(option: Option, scope: Scope) -> bool:
    return _holds(option.visible, scope)


def is_available(option: Option, scope: Scope) -> bool:
    return _holds(option.visible, scope) and _holds(option.requires, scope)


def outcome_odds(option: Option, scope: Scope) -> list[tuple[Outcome, float]]:
    """Each outcome with its chance (0..1). Weights below zero count as zero;
    if every weight is zero, the outcomes are equally likely."""
    weights = [max(0.0, float(o.weight.value(scope))) for o in option.outcomes]
    total = sum(weights)
    if total <= 0:
        return [(o, 1 / len(option.outcomes)) for o in option.outcomes]
    return [(o, w / total) for o, w in zip(option.outcomes, weights, strict=True)]


def vote_tally(campaign: Campaign, vote: Vote, scope: Scope) -> Tally:
    """The vote as the state makes it: faction shares, the swing of the free
    delegates, and the apparatus packing the delegations."""
    shares = {name: max(0, scope.values[name]) for name in campaign.factions}
    total = sum(shares.values()) or 1
    yes = sum(shares[f] for f in vote.supporters) / total
    no = sum(shares[f] for f in vote.opponents) / total
    free = max(0.0, 1.0 - yes - no)
    if campaign.vote_packing is not None:
        packed = min(free, max(0.0, float(campaign.vote_packing.value(scope))) / 100)
        free -= packed
        no += packed
    swing = min(1.0, max(0.0, float(vote.swing.value(scope))))
    yes += free * swing
    yes_count = round(yes * vote.delegates)
    return Tally(vote.body, vote.delegates, yes_count, vote.delegates - yes_count, yes)


def choose(campaign: Campaign, dice: Dice, state: GameState, option_id: str) -> GameState:
    """Decide the current event with one of its options; returns the next state."""
    if state.over:
        raise Refusal("the game is over; there is nothing left to decide")
    event = current_event(campaign, state)
    if event is None:
        raise EngineError("a game that is not over has no event to decide")
    option = event.option(option_id)
    scope = scope_of(campaign, state)
    if option is None or not is_visible(option, scope):
        numbers = ", ".join(o.id for o in event.options if is_visible(o, scope))
        raise Refusal(f"{event.title!r} has no option {option_id!r}; the options are: {numbers}")
    if not is_available(option, scope):
        raise Refusal(f"that option is not available: {option.unavailable}")

    outcome: Outcome | None = None
    tally: Tally | None = None
    if option.vote is not None:
        tally = vote_tally(campaign, option.vote, scope)
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

    if option.effects is not None:
        option.effects.apply(scope)
    if outcome is not None and outcome.effects is not None:
        outcome.effects.apply(scope)

    historical_ids = [o.id for o in event.options if o.historical]
    entry = Entry(
        turn=state.turn,
        event_id=event.id,
        option_id=option.id,
        outcome_id=outcome.id if outcome else None,
        historical=(option.id in historical_ids) if historical_ids else None,
    )
    resolution = Resolution(
        event_id=event.id,
        option_id=option.id,
        outcome_id=outcome.id if outcome else None,
        outcome_label=outcome.label if outcome else "",
        result="\n\n".join(p for p in (option.result, outcome.result if outcome else "") if p),
        tally=tally,
        changes=tuple(
            Change(name, before, scope.values[name])
            for name, before in state.values.items()
            if scope.values[name] != before
        ),
        flags_set=tuple(sorted(scope.flags - state.flags)),
        flags_cleared=tuple(sorted(state.flags - scope.flags)),
        as_history=entry.historical,
        history=" / ".join(o.text for o in event.options if o.historical)
        if entry.historical is False
        else "",
    )
    state = replace(
        state,
        values=scope.values,
        flags=frozenset(scope.flags),
        queue=state.queue[1:],
        step=state.step + 1,
        last=resolution,
        timeline=(*state.timeline, entry),
    )
    if state.queue:
        return _drop_stale(campaign, dice, state)
    return _end_of_queue(campaign, dice, state)


def _drop_stale(campaign: Campaign, dice: Dice, state: GameState) -> GameState:
    """Events queued at the turn's start whose condition no longer holds are dropped."""
    scope = scope_of(campaign, state)
    queue = tuple(e for e in state.queue if _holds(campaign.events[e].when, scope))
    dropped = set(state.queue) - set(queue)
    state = replace(state, queue=queue, fired=state.fired - dropped)
    return state if queue else _end_of_queue(campaign, dice, state)


def _end_of_queue(campaign: Campaign, dice: Dice, state: GameState) -> GameState:
    state, news = _close_turn(campaign, state)
    if state.over:
        return state
    return _open_turn(campaign, dice, state, news)
