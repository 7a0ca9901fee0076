"""What one game shows beyond its ending, counted into a ``Tally``.

For the balance of a campaign the playtester counts, game by game: which shown
qualities and factions left ±``BAND`` of their start (a faction by its share of
the delegates, as the player reads it), which world rules applied, which flags
were set, which ideas of workers' democracy were put into practice (the
``idea`` of a chosen option or of the outcome drawn) and how the historical
choices went.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ...engine.model import Campaign
from ...engine.state import Entry

__all__ = ["BAND", "GameMeasures", "Lookout", "band_of", "lookout_of", "measure"]

BAND = 5  # a track that never leaves ±BAND of its start did not move, on a 0-100 scale


def band_of(low: int, high: int) -> float:
    """The band of a track with this range: ``BAND`` per hundred, so a track of 0-5
    (a named standing) has moved once it moves at all."""
    return BAND * max(1, high - low) / 100


Row = tuple[int, ...]


@dataclass(frozen=True)
class Lookout:
    """What the counting needs to know of a campaign, worked out once."""

    names: tuple[str, ...]  # the qualities and factions, in the order of the rows
    shown: tuple[int, ...]  # positions of the shown qualities and the factions
    factions: tuple[int, ...]  # positions of the factions
    qualities_shown: tuple[int, ...]  # positions of the shown qualities
    starts: dict[int, int]  # position -> the start as shown (a faction's share in percent)
    bands: dict[int, float]  # position -> how far it must leave its start to have moved
    initial_flags: frozenset[str]
    option_ideas: dict[tuple[str, str], str]
    outcome_ideas: dict[tuple[str, str, str], str]


_cache: list[tuple[Campaign, Lookout]] = []


def lookout_of(campaign: Campaign) -> Lookout:
    """The campaign's ``Lookout`` (the last one is kept: a run plays one campaign)."""
    if _cache and _cache[0][0] is campaign:
        return _cache[0][1]
    names = (*campaign.qualities, *campaign.factions)
    factions = tuple(i for i, n in enumerate(names) if n in campaign.factions)
    shown = tuple(
        i for i, n in enumerate(names) if n in campaign.factions or campaign.qualities[n].shown
    )
    initial = tuple(
        campaign.qualities[n].initial if n in campaign.qualities else campaign.factions[n].initial
        for n in names
    )
    option_ideas: dict[tuple[str, str], str] = {}
    outcome_ideas: dict[tuple[str, str, str], str] = {}
    for event in campaign.events.values():
        for option in event.options:
            if option.idea:
                option_ideas[event.id, option.id] = option.idea
            for outcome in option.outcomes:
                if outcome.idea:
                    outcome_ideas[event.id, option.id, outcome.id] = outcome.idea
    lookout = Lookout(
        names=names,
        shown=shown,
        factions=factions,
        qualities_shown=tuple(i for i in shown if i not in factions),
        starts=dict(zip(shown, _as_shown(initial, shown, factions), strict=True)),
        bands={
            i: BAND
            if names[i] in campaign.factions
            else band_of(campaign.qualities[names[i]].minimum, campaign.qualities[names[i]].maximum)
            for i in shown
        },
        initial_flags=frozenset(n for n, f in campaign.flags.items() if f.initial),
        option_ideas=option_ideas,
        outcome_ideas=outcome_ideas,
    )
    _cache[:] = [(campaign, lookout)]
    return lookout


def _as_shown(row: Row, positions: Sequence[int], factions: Sequence[int]) -> list[int]:
    """The values at ``positions`` as the player reads them: a faction as a share in percent."""
    total = sum(max(0, row[i]) for i in factions) or 1
    faction_set = set(factions)
    return [round(100 * max(0, row[i]) / total) if i in faction_set else row[i] for i in positions]


@dataclass
class GameMeasures:
    """The counts of many games (see the module's docstring); they add up in any order."""

    moved: Counter[str] = field(default_factory=Counter)  # games a track left the band
    rules: Counter[str] = field(default_factory=Counter)  # games a world rule applied
    flags: Counter[str] = field(default_factory=Counter)  # games a flag was set
    idea_games: Counter[str] = field(default_factory=Counter)
    idea_uses: Counter[str] = field(default_factory=Counter)
    idea_end: dict[str, list[int]] = field(default_factory=dict)  # summed end rows, by idea
    end_sum: list[int] = field(default_factory=list)  # summed end rows of all games
    history_faced: int = 0  # decisions at events that have a historical option
    history_chosen: int = 0  # of which the historical choice

    def merge(self, other: GameMeasures) -> None:
        self.moved.update(other.moved)
        self.rules.update(other.rules)
        self.flags.update(other.flags)
        self.idea_games.update(other.idea_games)
        self.idea_uses.update(other.idea_uses)
        for idea, sums in other.idea_end.items():
            self.idea_end[idea] = _add(self.idea_end.get(idea, []), sums)
        self.end_sum = _add(self.end_sum, other.end_sum)
        self.history_faced += other.history_faced
        self.history_chosen += other.history_chosen


def _add(a: list[int], b: Sequence[int]) -> list[int]:
    if not a:
        return list(b)
    return [x + y for x, y in zip(a, b, strict=True)]


def _moved(lookout: Lookout, rows: Sequence[Row]) -> list[int]:
    """The shown positions whose value, as the player reads it, left its band in
    any of ``rows``. A quality is read column by column: it left its band if its
    highest or its lowest value did; a faction's share needs each row's total."""
    starts, bands, factions = lookout.starts, lookout.bands, lookout.factions
    columns = list(zip(*rows, strict=True))
    moved = []
    for position in lookout.qualities_shown:
        column, start, band = columns[position], starts[position], bands[position]
        if max(column) - start > band or start - min(column) > band:
            moved.append(position)
    if factions:
        totals = [sum(max(0, row[i]) for i in factions) or 1 for row in rows]
        for position in factions:
            start, band = starts[position], bands[position]
            for value, total in zip(columns[position], totals, strict=True):
                if abs(round(100 * max(0, value) / total) - start) > band:
                    moved.append(position)
                    break
    return moved


def measure(
    counts: GameMeasures,
    lookout: Lookout,
    rows: Iterable[Row],
    end: Row,
    flags: Iterable[str],
    rules: Iterable[str],
    timeline: Iterable[Entry],
) -> None:
    """Count one finished game into ``counts``: its rows at each season's start and its
    end, the flags and world rules seen, and its timeline."""
    names = lookout.names
    counts.moved.update([names[i] for i in _moved(lookout, [*rows, end])])
    counts.rules.update(set(rules))
    counts.flags.update(set(flags) - lookout.initial_flags)
    used: Counter[str] = Counter()
    option_ideas, outcome_ideas = lookout.option_ideas, lookout.outcome_ideas
    for entry in timeline:
        if option_ideas:
            idea = option_ideas.get((entry.event_id, entry.option_id))
            if idea:
                used[idea] += 1
        if entry.outcome_id is not None and outcome_ideas:
            idea = outcome_ideas.get((entry.event_id, entry.option_id, entry.outcome_id))
            if idea:
                used[idea] += 1
        if entry.historical is not None:
            counts.history_faced += 1
            counts.history_chosen += entry.historical
    counts.idea_uses.update(used)
    counts.idea_games.update(used.keys())
    for idea in used:
        counts.idea_end[idea] = _add(counts.idea_end.get(idea, []), end)
    counts.end_sum = _add(counts.end_sum, end)
