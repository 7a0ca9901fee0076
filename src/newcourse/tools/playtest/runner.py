"""Playing many games: seeded, parallel, and the same whatever the number of jobs.

Game ``i`` of a run with seed ``S`` has its own seed, derived from ``S`` and
``i`` alone (``game_seed``); the strategy's own random source is derived from
that game seed (``strategy_rng``). So a game found in a report can be played
again on its own (``newcourse playtest --record FILE --seed GAME_SEED``), and a
run gives the same figures with one job or many: each job plays fixed chunks of
game numbers into a ``Tally`` of counts, and tallies add up in any order
(``many`` hands the chunks to the workers).
"""

from __future__ import annotations

import hashlib
import operator
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any, TypeVar

from ...engine import rules
from ...engine.dice import DICE, NEW_DICE
from ...engine.errors import EngineError
from ...engine.expressions import Scope
from ...engine.model import Campaign, Option
from ...engine.people import cast_of
from ...engine.state import GameState
from .measures import GameMeasures, lookout_of, measure
from .strategies import Player
from .systems import GameSystems, SystemCounts

__all__ = [
    "CHUNK",
    "ERROR",
    "FOLD_AT",
    "STUCK",
    "Stuck",
    "Tally",
    "game_seed",
    "menus_of",
    "play",
    "play_into",
    "strategy_rng",
]

STUCK = "(stuck)"  # the pseudo-ending of a game where no option was available
ERROR = "(error)"  # the pseudo-ending of a game the engine could not finish
CHUNK = 50  # games per unit of work; fixed, so chunks do not depend on --jobs
FOLD_AT = 30_000  # raw rows (a game's seasons and its end) held before they are folded

OptionKey = tuple[str, str]
K = TypeVar("K")
V = TypeVar("V")


class Stuck(Exception):
    """A game reached an event with no available option."""

    def __init__(self, state: GameState, event_id: str) -> None:
        super().__init__(f"no option of {event_id!r} is available")
        self.state = state
        self.event_id = event_id


def game_seed(run_seed: int, index: int) -> int:
    """The seed of game ``index`` in a run seeded ``run_seed`` (31 bits)."""
    digest = hashlib.blake2b(f"{run_seed}:{index}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") >> 1


def strategy_rng(seed: int) -> random.Random:
    """The strategy's random source for the game with this seed (never the game's dice)."""
    return random.Random(f"strategy:{seed}")


class Watcher:
    """What ``play`` reports as it goes; the default watches nothing."""

    def offered(self, event_id: str, option_ids: Sequence[str]) -> None:
        pass

    def turn_opened(self, state: GameState) -> None:
        pass

    def decided(self, state: GameState) -> None:
        pass


def play(
    campaign: Campaign,
    player: Player,
    seed: int,
    watcher: Watcher | None = None,
    generator: str = NEW_DICE,
) -> tuple[GameState, list[OptionKey]]:
    """Play one game to its end, with the dice named ``generator`` (a new game's by
    default). Returns the last state and the decisions made.

    Raises:
        Stuck: an event had no available option.
        EngineError: the campaign has no ending that holds at its end.
    """
    dice = DICE[generator](seed)
    rng = strategy_rng(seed)
    state = rules.start(campaign, dice)
    decisions: list[OptionKey] = []
    events, available = campaign.events, rules.is_available
    always_open = campaign.index.always_open
    menus = menus_of(campaign) if watcher is not None else {}
    turn, builtins = -1, campaign.index.turn(state.turn).builtins
    # one scope on the state itself, not a copy: players read it and never change it
    scope = Scope(state.values, state.flags, builtins, state.marks, state.people)  # type: ignore[arg-type]
    while not state.over:
        if state.turn != turn:
            turn = state.turn
            scope.builtins = campaign.index.turn(turn).builtins
            if watcher is not None:
                watcher.turn_opened(state)
        event = events[state.queue[0]]
        reading = scope
        if event.cast:  # the parts the event casts, as the game casts them
            cast = cast_of(event.cast, state.people) if state.people else None
            values, flags, people = state.values, state.flags, state.people
            reading = Scope(values, flags, scope.builtins, state.marks, people, cast)  # type: ignore[arg-type]
        else:
            scope.values, scope.flags = state.values, state.flags  # type: ignore[assignment]
            scope.marks, scope.people = state.marks, state.people  # type: ignore[assignment]
        options: Sequence[Option]
        if event.id in always_open:
            options = event.options
            if watcher is not None:
                watcher.offered(event.id, menus[event.id])
        else:
            options = [o for o in event.options if available(o, reading)]
            if watcher is not None:
                watcher.offered(event.id, tuple([o.id for o in options]))
        if not options:
            raise Stuck(state, event.id)
        option = player.pick(state, event, options, reading, rng)
        decisions.append((event.id, option.id))
        state = rules.choose(campaign, dice, state, option.id)
        if watcher is not None:
            watcher.decided(state)
    return state, decisions


_menus: list[tuple[Campaign, dict[str, tuple[str, ...]]]] = []


def menus_of(campaign: Campaign) -> dict[str, tuple[str, ...]]:
    """Every option of each event, by id: what an event whose options are always open
    offers (the last campaign's are kept: a run plays one campaign)."""
    if _menus and _menus[0][0] is campaign:
        return _menus[0][1]
    menus = {event.id: tuple(o.id for o in event.options) for event in campaign.events.values()}
    _menus[:] = [(campaign, menus)]
    return menus


Row = tuple[int, ...]


@dataclass
class Tally:
    """Counts over many games. Tallies add up (``merge``) in any order to the same result.

    While games are played, the values of each turn are kept as raw rows (one tuple
    per game and turn, cheap to take); ``fold`` turns them into histograms. Raw rows
    are folded in batches of about ``FOLD_AT`` (``fold_when_full``): counting a
    column of a thousand values costs little more than counting one of fifty, and
    merging histograms value by value costs more than both.
    """

    names: tuple[str, ...] = ()  # the qualities and factions, in the order of the rows
    games: int = 0
    decisions: int = 0
    endings: Counter[str] = field(default_factory=Counter)
    examples: dict[str, tuple[int, int]] = field(default_factory=dict)  # (game number, seed)
    event_decisions: Counter[str] = field(default_factory=Counter)
    event_games: Counter[str] = field(default_factory=Counter)
    offered: Counter[OptionKey] = field(default_factory=Counter)
    chosen: Counter[OptionKey] = field(default_factory=Counter)
    chose_endings: dict[OptionKey, Counter[str]] = field(default_factory=dict)
    faced_endings: dict[str, Counter[str]] = field(default_factory=dict)
    by_turn: dict[tuple[int, str], Counter[int]] = field(default_factory=dict)
    at_end: dict[str, Counter[int]] = field(default_factory=dict)
    lengths: Counter[int] = field(default_factory=Counter)
    rows: dict[int, list[Row]] = field(default_factory=dict)  # turn (-1: the end) -> rows
    menus: Counter[tuple[str, tuple[str, ...]]] = field(default_factory=Counter)
    # (option, ending) and (event, ending) while games are played; ``fold`` tables them
    chose_by_ending: Counter[tuple[OptionKey, str]] = field(default_factory=Counter)
    faced_by_ending: Counter[tuple[str, str]] = field(default_factory=Counter)
    measures: GameMeasures = field(default_factory=GameMeasures)
    systems: SystemCounts = field(default_factory=SystemCounts)

    def fold(self) -> Tally:
        """Turn the raw rows, menus and counts by ending into tables. Returns the tally itself."""
        for turn, rows in self.rows.items():
            for name, column in zip(self.names, zip(*rows, strict=True), strict=True):
                table = self.at_end if turn < 0 else self.by_turn
                key: Any = name if turn < 0 else (turn, name)
                counts = table.get(key)
                if counts is None:
                    counts = table[key] = Counter()
                counts.update(column)
        self.rows.clear()
        for (event_id, option_ids), count in self.menus.items():
            for option_id in option_ids:
                self.offered[event_id, option_id] += count
        self.menus.clear()
        _table_by_ending(self.chose_endings, self.chose_by_ending)
        _table_by_ending(self.faced_endings, self.faced_by_ending)
        return self

    def fold_when_full(self) -> None:
        """Fold the raw rows once about ``FOLD_AT`` of them are held."""
        if sum(map(len, self.rows.values())) >= FOLD_AT:
            self.fold()

    def merge(self, other: Tally) -> None:
        """Add ``other``'s counts to these; its raw rows and counts join these raw."""
        for turn, rows in other.rows.items():
            mine = self.rows.get(turn)
            if mine is None:
                self.rows[turn] = list(rows)
            else:
                mine.extend(rows)
        self.menus.update(other.menus)
        self.chose_by_ending.update(other.chose_by_ending)
        self.faced_by_ending.update(other.faced_by_ending)
        self.names = self.names or other.names
        self.games += other.games
        self.decisions += other.decisions
        self.endings.update(other.endings)
        for ending, example in other.examples.items():
            if ending not in self.examples or example < self.examples[ending]:
                self.examples[ending] = example
        self.event_decisions.update(other.event_decisions)
        self.event_games.update(other.event_games)
        self.offered.update(other.offered)
        self.chosen.update(other.chosen)
        self.lengths.update(other.lengths)
        _add_tables(self.chose_endings, other.chose_endings)
        _add_tables(self.faced_endings, other.faced_endings)
        _add_tables(self.by_turn, other.by_turn)
        _add_tables(self.at_end, other.at_end)
        self.measures.merge(other.measures)
        self.systems.merge(other.systems)
        self.fold_when_full()


def _table_by_ending(table: dict[K, Counter[str]], flat: Counter[tuple[K, str]]) -> None:
    """Move the flat counts by (key, ending) into ``table`` (key -> ending -> count)."""
    for (key, ending), count in flat.items():
        counts = table.get(key)
        if counts is None:
            counts = table[key] = Counter()
        counts[ending] += count
    flat.clear()


def _add_tables(table: dict[K, Counter[V]], more: dict[K, Counter[V]]) -> None:
    for key, counts in more.items():
        mine = table.get(key)
        if mine is None:
            mine = table[key] = Counter()
        mine.update(counts)


class _GameWatcher(Watcher):
    """Keeps one game's menus and rows; they join the tally only if the game finishes."""

    def __init__(self, take: Callable[[Any], Row], campaign: Campaign) -> None:
        self.systems = GameSystems(campaign)
        self.menus: list[tuple[str, tuple[str, ...]]] = []
        self.rows: list[tuple[int, Row]] = []
        self.take = take
        self.flags: set[str] = set()
        self.rules: set[str] = set()

    def offered(self, event_id: str, option_ids: Sequence[str]) -> None:
        self.menus.append((event_id, tuple(option_ids)))

    def turn_opened(self, state: GameState) -> None:
        self.rows.append((state.turn, self.take(state.turn_start)))
        self.flags |= state.flags
        self.rules.update(state.streaks)
        self.systems.turn_opened(state)

    def decided(self, state: GameState) -> None:
        last = state.last
        if last is not None and (last.fills or last.tally is not None):
            self.systems.decided(state)  # a clock filled, or a vote was counted

    def add_to(self, tally: Tally) -> None:
        tally.menus.update(self.menus)
        for turn, row in self.rows:
            rows = tally.rows.get(turn)
            if rows is None:
                rows = tally.rows[turn] = []
            rows.append(row)


def _taker(names: Sequence[str]) -> Callable[[Any], Row]:
    """A fast function from a values mapping to the tuple of ``names``' values."""
    if len(names) == 1:
        only = names[0]
        return lambda values: (values[only],)
    return operator.itemgetter(*names)


def play_into(tally: Tally, campaign: Campaign, player: Player, index: int, seed: int) -> None:
    """Play game number ``index`` (seeded ``seed``) and count it into ``tally``."""
    if not tally.names:
        tally.names = (*campaign.qualities, *campaign.factions)
    take = _taker(tally.names)
    watcher = _GameWatcher(take, campaign)
    try:
        state, decisions = play(campaign, player, seed, watcher)
        ending = state.ending or ERROR
    except Stuck as stuck:
        state, decisions, ending = stuck.state, _decisions_of(stuck.state), STUCK
    except EngineError:
        return _count_error(tally, index, seed)
    # counted first: a Ctrl-C while the game's figures are added leaves no count
    # above the number of games (a share above 1 would break the intervals)
    tally.games += 1
    watcher.add_to(tally)
    end = take(state.values)
    measure(
        tally.measures,
        lookout_of(campaign),
        (row for _, row in watcher.rows),
        end,
        watcher.flags | state.flags,
        watcher.rules | state.streaks.keys(),
        state.timeline,
    )
    watcher.systems.add_to(tally.systems, state)
    tally.decisions += len(decisions)
    tally.lengths[len(decisions)] += 1
    tally.endings[ending] += 1
    if ending not in tally.examples or (index, seed) < tally.examples[ending]:
        tally.examples[ending] = (index, seed)
    tally.chosen.update(decisions)
    events = [event for event, _ in decisions]
    tally.event_decisions.update(events)
    faced = set(events)
    tally.event_games.update(faced)
    # by ending, in flat counts (counted without a Python call each); see ``fold``
    tally.faced_by_ending.update(zip(faced, repeat(ending)))
    tally.chose_by_ending.update(zip(set(decisions), repeat(ending)))
    tally.rows.setdefault(-1, []).append(end)


def _decisions_of(state: GameState) -> list[OptionKey]:
    return [(entry.event_id, entry.option_id) for entry in state.timeline]


def _count_error(tally: Tally, index: int, seed: int) -> None:
    tally.games += 1
    tally.endings[ERROR] += 1
    if ERROR not in tally.examples or (index, seed) < tally.examples[ERROR]:
        tally.examples[ERROR] = (index, seed)
