"""The playtester's players: how a bot picks an option.

Every player sees the same things: the state, the event, the options it may
choose and the state's scope (to read, never to change: it is the state's own
values), plus its own seeded random source for ties. It
never sees the game's dice, so it cannot know how an uncertain outcome will
fall; scoring players weigh each outcome by the odds the player is shown.

- ``random``: any available option, equally likely.
- ``historical``: what really happened (``history: true``) where the event has
  it and it is available, random otherwise.
- ``greedy`` with a ``target``: a number expression (``democracy``,
  ``democracy - apparatus``) to raise, scored on the state after the option's
  effects; or ``ending:ID``, scored by how close the state comes to the ending's
  condition (see ``distance``), optionally by random roll-outs to the end.
- a strategy from the campaign's ``strategies.yaml``: its ``score`` expression,
  scored like ``greedy``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ...engine import rules
from ...engine.errors import ExpressionError
from ...engine.expressions import Scope
from ...engine.forecast import Score, expected_score
from ...engine.model import Campaign, Ending, Event, Option
from ...engine.state import GameState
from ..names import compile_number, namespace_of
from .distance import compile_distance

__all__ = [
    "BUILTIN_STRATEGIES",
    "Player",
    "StrategyError",
    "StrategySpec",
    "build_player",
    "expected_score",
]

BUILTIN_STRATEGIES = ("random", "historical", "greedy")


class StrategyError(ValueError):
    """A strategy that cannot be built for this campaign, with the reason in words."""


@dataclass(frozen=True)
class StrategySpec:
    """A strategy by name, as the command line and replay files give it."""

    name: str = "random"
    target: str | None = None
    rollouts: int = 0

    def as_data(self) -> dict[str, object]:
        data: dict[str, object] = {"name": self.name}
        if self.target is not None:
            data["target"] = self.target
        if self.rollouts:
            data["rollouts"] = self.rollouts
        return data

    @classmethod
    def from_data(cls, data: object) -> StrategySpec:
        if isinstance(data, str):
            return cls(data)
        if not isinstance(data, dict) or not isinstance(data.get("name"), str):
            raise StrategyError("the strategy should be a name or {name, target}")
        target = data.get("target")
        rollouts = data.get("rollouts", 0)
        if target is not None and not isinstance(target, str):
            raise StrategyError("the strategy's target should be text")
        if not isinstance(rollouts, int) or rollouts < 0:
            raise StrategyError("the strategy's rollouts should be a whole number")
        return cls(data["name"], target, rollouts)

    def __str__(self) -> str:
        text = self.name
        if self.target is not None:
            text += f" → {self.target}"
        if self.rollouts:
            text += f" ({self.rollouts} roll-outs)"
        return text


class Player(Protocol):
    def pick(
        self,
        state: GameState,
        event: Event,
        options: Sequence[Option],
        scope: Scope,
        rng: random.Random,
    ) -> Option: ...


def _best(options: Sequence[Option], scores: Sequence[float], rng: random.Random) -> Option:
    top = max(scores)
    best = [o for o, s in zip(options, scores, strict=True) if s >= top - 1e-9]
    return best[0] if len(best) == 1 else rng.choice(best)


class RandomPlayer:
    def pick(
        self,
        state: GameState,
        event: Event,
        options: Sequence[Option],
        scope: Scope,
        rng: random.Random,
    ) -> Option:
        return options[0] if len(options) == 1 else rng.choice(options)


class HistoricalPlayer:
    def pick(
        self,
        state: GameState,
        event: Event,
        options: Sequence[Option],
        scope: Scope,
        rng: random.Random,
    ) -> Option:
        for option in options:
            if option.historical:
                return option
        return options[0] if len(options) == 1 else rng.choice(options)


@dataclass(frozen=True)
class ScoringPlayer:
    """Picks the option whose expected score is highest; ties are broken at random."""

    campaign: Campaign
    score: Score

    def pick(
        self,
        state: GameState,
        event: Event,
        options: Sequence[Option],
        scope: Scope,
        rng: random.Random,
    ) -> Option:
        if len(options) == 1:
            return options[0]
        scores = [
            expected_score(self.campaign, o, scope, self.score, event, state) for o in options
        ]
        return _best(options, scores, rng)


@dataclass(frozen=True)
class RolloutPlayer:
    """Plays each option, then finishes the game at random ``rollouts`` times with
    dice of its own; scores the share of roll-outs that reach the ending, ties
    broken by the distance heuristic."""

    campaign: Campaign
    ending: str
    rollouts: int
    fallback: ScoringPlayer

    def pick(
        self,
        state: GameState,
        event: Event,
        options: Sequence[Option],
        scope: Scope,
        rng: random.Random,
    ) -> Option:
        if len(options) == 1:
            return options[0]
        scores = []
        for option in options:
            reached = sum(self._rollout(state, option, rng) for _ in range(self.rollouts))
            nearness = expected_score(
                self.campaign, option, scope, self.fallback.score, event, state
            )
            scores.append(reached + nearness / 1e6)
        return _best(options, scores, rng)

    def _rollout(self, state: GameState, option: Option, rng: random.Random) -> bool:
        campaign = self.campaign
        dice = rules.Dice(rng.getrandbits(32))
        state = rules.choose(campaign, dice, state, option.id)
        while not state.over:
            scope = rules.scope_of(campaign, state)
            event = campaign.events[state.queue[0]]
            available = [o for o in event.options if rules.is_available(o, scope)]
            if not available:
                return False
            state = rules.choose(campaign, dice, state, rng.choice(available).id)
        return state.ending == self.ending


def build_player(campaign: Campaign, spec: StrategySpec) -> Player:
    """The player for ``spec``. Raises StrategyError naming what is wrong."""
    if spec.name == "random":
        return RandomPlayer()
    if spec.name == "historical":
        return HistoricalPlayer()
    if spec.name == "greedy":
        if not spec.target:
            raise StrategyError(
                "greedy needs --target: a quality (e.g. 'democracy'), an expression "
                "('democracy - apparatus') or an ending ('ending:ID')"
            )
        return _greedy(campaign, spec)
    defined = campaign.strategies.get(spec.name)
    if defined is None:
        known = ", ".join([*BUILTIN_STRATEGIES, *campaign.strategies])
        raise StrategyError(f"there is no strategy {spec.name!r}; the strategies are: {known}")
    return ScoringPlayer(campaign, defined.score.value)


def _greedy(campaign: Campaign, spec: StrategySpec) -> Player:
    target = spec.target or ""
    endings = {e.id: e for e in campaign.endings}
    ending_id = target.removeprefix("ending:").strip()
    names = namespace_of(campaign)
    if target.startswith("ending:") or (ending_id in endings and ending_id not in names.kinds):
        ending = endings.get(ending_id)
        if ending is None:
            known = ", ".join(endings)
            raise StrategyError(f"there is no ending {ending_id!r}; the endings are: {known}")
        nearness = ScoringPlayer(campaign, _nearness(ending, campaign))
        if spec.rollouts:
            return RolloutPlayer(campaign, ending.id, spec.rollouts, nearness)
        return nearness
    try:
        score = compile_number(campaign, target)
    except ExpressionError as error:
        raise StrategyError(f"the target {target!r} is not a score: {error}") from None
    return ScoringPlayer(campaign, score)


def _nearness(ending: Ending, campaign: Campaign) -> Score:
    if ending.when is None:
        return lambda scope: 0.0
    distance = compile_distance(ending.when.tree, namespace_of(campaign))
    return lambda scope: -distance(scope)
