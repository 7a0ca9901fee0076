"""Random games: what actually fires, and where play gets stuck or fails.

Static reasoning proves things impossible; it cannot show that something
happens. So we also play games with the real engine, seeded and therefore
repeatable: most pick uniformly among the available options, and where the
campaign has strategies, every third game follows one of them (with a little
randomness). The observations confirm what fires and expose states the
reasoning could not see: an event with no available option, or an engine error.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from dataclasses import dataclass, field

from ...engine import rules
from ...engine.model import Campaign, Option, Strategy
from ...engine.state import GameState

__all__ = ["Observations", "play_games"]


@dataclass
class Observations:
    games: int = 0
    fired: Counter[str] = field(default_factory=Counter)
    shown: dict[str, set[str]] = field(default_factory=dict)
    available: dict[str, set[str]] = field(default_factory=dict)
    chosen: Counter[tuple[str, str]] = field(default_factory=Counter)
    results: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    endings: Counter[str] = field(default_factory=Counter)
    stuck: dict[str, tuple[int, int]] = field(default_factory=dict)  # event: (seed, turn)
    failures: list[tuple[int, int, str]] = field(default_factory=list)  # seed, turn, message
    out_of_time: bool = False


def play_games(campaign: Campaign, games: int, budget: float) -> Observations:
    """Play up to ``games`` games (seeds 0, 1, ...), stopping early after ``budget`` seconds."""
    seen = Observations()
    strategies = list(campaign.strategies.values())
    began = time.perf_counter()
    for seed in range(games):
        if time.perf_counter() - began > budget:
            seen.out_of_time = True
            break
        strategy = (
            strategies[(seed // 3) % len(strategies)] if strategies and seed % 3 == 2 else None
        )
        _play_one(campaign, seed, strategy, seen)
        seen.games += 1
    return seen


def _play_one(campaign: Campaign, seed: int, strategy: Strategy | None, seen: Observations) -> None:
    dice = rules.Dice(seed)
    rng = random.Random(f"check:{seed}")
    state: GameState | None = None
    try:
        state = rules.start(campaign, dice)
        while not state.over:
            event = rules.current_event(campaign, state)
            if event is None:
                raise RuntimeError("the game is not over but has no event to decide")
            scope = rules.scope_of(campaign, state)
            seen.fired[event.id] += 1
            shown = [o for o in event.options if rules.is_visible(o, scope)]
            usable = [o for o in shown if rules.is_available(o, scope)]
            seen.shown.setdefault(event.id, set()).update(o.id for o in shown)
            seen.available.setdefault(event.id, set()).update(o.id for o in usable)
            if not usable:
                seen.stuck.setdefault(event.id, (seed, state.turn))
                return
            option = _pick(campaign, dice, state, usable, strategy, rng)
            state = rules.choose(campaign, dice, state, option.id)
            key = (event.id, option.id)
            seen.chosen[key] += 1
            if state.last is not None and state.last.outcome_id is not None:
                seen.results.setdefault(key, set()).add(state.last.outcome_id)
        if state.ending is not None:
            seen.endings[state.ending] += 1
    except Exception as failure:  # a campaign the engine cannot play is what we look for
        turn = state.turn if state is not None else 0
        seen.failures.append((seed, turn, f"{type(failure).__name__}: {failure}"))


def _pick(
    campaign: Campaign,
    dice: rules.Dice,
    state: GameState,
    usable: list[Option],
    strategy: Strategy | None,
    rng: random.Random,
) -> Option:
    if strategy is None or len(usable) == 1 or rng.random() < 0.15:
        return rng.choice(usable)
    scored = []
    for option in usable:
        after = rules.choose(campaign, dice, state, option.id)
        scored.append((float(strategy.score.value(rules.scope_of(campaign, after))), option.id))
    best = max(scored)[1]
    return next(o for o in usable if o.id == best)
