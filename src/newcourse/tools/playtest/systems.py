"""What one game did with the campaign's systems, counted into ``SystemCounts``.

- **clocks**: the games in which each shown clock filled at least once (read from
  the announcements its fills make, after a decision or at a season's close);
- **levels**: the games that ended at each named level of a quality, and the
  games that reached it at a season's start or at the end;
- **people**: each person's status at the end of the game;
- **minorities**: for each vote with a minority, the times it was put and lost,
  and the times its minority reached the threshold;
- **elections**: for each stage of a congress's elections, the games that held
  it and the sum of the Opposition's shares of the delegates after it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ...engine.congress import total
from ...engine.figures import STATUSES
from ...engine.model import Campaign
from ...engine.state import GameState
from ...engine.tracks import level_of
from .stats import wilson

__all__ = ["GameSystems", "SystemCounts", "system_findings"]


@dataclass
class SystemCounts:
    """The counts of many games (see the module's docstring); they add up in any order."""

    clocks: Counter[str] = field(default_factory=Counter)  # games a clock filled
    levels_end: Counter[str] = field(default_factory=Counter)  # "quality:level" at the end
    levels_reached: Counter[str] = field(default_factory=Counter)  # ... at any season
    people_end: Counter[str] = field(default_factory=Counter)  # "person:status" at the end
    minority_lost: Counter[str] = field(default_factory=Counter)  # "event/option" lost votes
    minority_reached: Counter[str] = field(default_factory=Counter)
    stage_games: Counter[str] = field(default_factory=Counter)  # "event/stage" held
    stage_share: Counter[str] = field(default_factory=Counter)  # summed shares, in 1/10000

    def merge(self, other: SystemCounts) -> None:
        for mine, theirs in (
            (self.clocks, other.clocks),
            (self.levels_end, other.levels_end),
            (self.levels_reached, other.levels_reached),
            (self.people_end, other.people_end),
            (self.minority_lost, other.minority_lost),
            (self.minority_reached, other.minority_reached),
            (self.stage_games, other.stage_games),
            (self.stage_share, other.stage_share),
        ):
            mine.update(theirs)


class GameSystems:
    """Watches one game: the fills announced and the minorities counted as it goes."""

    def __init__(self, campaign: Campaign) -> None:
        self.campaign = campaign
        self.news = {clock.news: clock.name for clock in campaign.clocks if clock.shown}
        self.filled: set[str] = set()
        self.lost: Counter[str] = Counter()
        self.reached: Counter[str] = Counter()
        self.levels: set[str] = set()

    def _lines(self, lines: Iterable[str]) -> None:
        if not self.news:
            return
        for line in lines:
            for announced, name in self.news.items():
                if line == announced or line.startswith(announced + ": "):
                    self.filled.add(name)

    def _levels(self, values: Mapping[str, int]) -> None:
        for quality in self.campaign.index.levelled:
            level = level_of(quality.levels, values[quality.name])
            if level:
                self.levels.add(f"{quality.name}:{level}")

    def turn_opened(self, state: GameState) -> None:
        self._lines(item.text for item in state.news)
        self._levels(state.values)

    def decided(self, state: GameState) -> None:
        last = state.last
        if last is None:
            return
        self._lines(last.fills)
        tally, why = last.tally, last.tally.breakdown if last.tally else None
        if (
            tally is not None
            and why is not None
            and why.minority_at is not None
            and not tally.passed
        ):
            key = f"{last.event_id}/{last.option_id}"
            self.lost[key] += 1
            self.reached[key] += why.minority_reached

    def add_to(self, counts: SystemCounts, state: GameState) -> None:
        """Count the finished game, ending in ``state``, into ``counts``."""
        self._levels(state.values)
        counts.clocks.update(self.filled)
        counts.levels_reached.update(self.levels)
        for quality in self.campaign.index.levelled:
            level = level_of(quality.levels, state.values[quality.name])
            if level:
                counts.levels_end[f"{quality.name}:{level}"] += 1
        counts.people_end.update(f"{name}:{person.status}" for name, person in state.people.items())
        counts.minority_lost.update(self.lost)
        counts.minority_reached.update(self.reached)
        congress = self.campaign.congress
        if congress is None:
            return
        for event_id, stages in state.elections.items():
            for number, shares in enumerate(stages):
                key = f"{event_id}/{number}"
                counts.stage_games[key] += 1
                counts.stage_share[key] += round(10_000 * total(congress, shares))


def _share(count: int, games: int) -> dict[str, Any]:
    low, high = wilson(count, games)
    return {
        "count": count,
        "share": round(count / games, 6) if games else 0.0,
        "ci95": [round(low, 6), round(high, 6)],
    }


def system_findings(campaign: Campaign, counts: SystemCounts, games: int) -> dict[str, Any]:
    """The counts as plain data for the report: clocks, levels, people, minorities and
    elections, each in the campaign's order."""
    clocks = [
        {"name": c.name, "label": c.label, "filled": _share(counts.clocks[c.name], games)}
        for c in campaign.clocks
        if c.shown
    ]
    levels = [
        {
            "quality": q.name,
            "label": q.label,
            "level": level,
            "reached": _share(counts.levels_reached[f"{q.name}:{level}"], games),
            "at_end": _share(counts.levels_end[f"{q.name}:{level}"], games),
        }
        for q in campaign.index.levelled
        for _, level in q.levels
    ]
    people = []
    for person in campaign.roster.people.values():
        statuses = {
            status: counts.people_end[f"{person.id}:{status}"]
            for status in STATUSES
            if counts.people_end[f"{person.id}:{status}"]
        }
        people.append({"id": person.id, "name": person.name, "at_end": statuses})
    capitulated = sum(n for key, n in counts.people_end.items() if key.endswith(":capitulated"))
    minorities = []
    for event in campaign.events.values():
        for option in event.options:
            if option.vote is None or option.vote.minority is None:
                continue
            key = f"{event.id}/{option.id}"
            lost, reached = counts.minority_lost[key], counts.minority_reached[key]
            minorities.append(
                {
                    "event": event.id,
                    "option": option.id,
                    "at": option.vote.minority.at,
                    "lost": lost,
                    "reached": reached,
                    "share": round(reached / lost, 6) if lost else None,
                }
            )
    elections = []
    for event in campaign.index.congresses:
        assert event.elections is not None
        for number, stage in enumerate(event.elections.stages):
            key = f"{event.id}/{number}"
            held = counts.stage_games[key]
            elections.append(
                {
                    "event": event.id,
                    "stage": stage.name,
                    "label": stage.label,
                    "games": held,
                    "mean_share": round(counts.stage_share[key] / held / 10_000, 6)
                    if held
                    else None,
                }
            )
    return {
        "clocks": clocks,
        "levels": levels,
        "people": people,
        "capitulations_per_game": round(capitulated / games, 4) if games else 0.0,
        "minorities": minorities,
        "elections": elections,
    }
