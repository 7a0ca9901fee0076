"""The campaign model: what a campaign is, once loaded and checked.

Everything here is frozen. Conditions, weights and effects are kept both as
their parsed trees (for tools that reason about them) and as compiled closures
(for play). The ``content`` package builds these objects from files; the engine
never reads a file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .calendar import Quarter
from .congress import Congress, Elections, Minority
from .expressions import Apply, Effect, Evaluate, Expr
from .figures import Role, Roster
from .fronts import Front
from .index import CampaignIndex
from .text import Template

if TYPE_CHECKING:
    from .procedure import Procedure

__all__ = [
    "Campaign",
    "Clock",
    "CodexEntry",
    "Condition",
    "Effects",
    "Ending",
    "Event",
    "Faction",
    "Flag",
    "FollowUp",
    "Headline",
    "Option",
    "Outcome",
    "Quality",
    "Source",
    "Strategy",
    "SummaryLine",
    "Vote",
    "Weight",
    "WorldRule",
]


@dataclass(frozen=True, slots=True)
class Source:
    """Where a piece of content was written: shown in every message about it."""

    file: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True, slots=True)
class Condition:
    """A compiled true/false expression, with its text and tree."""

    text: str
    tree: Expr
    test: Evaluate


@dataclass(frozen=True, slots=True)
class Weight:
    """A compiled number expression."""

    text: str
    tree: Expr
    value: Evaluate


@dataclass(frozen=True, slots=True)
class Effects:
    """Compiled effect statements."""

    text: str
    statements: Effect
    apply: Apply


@dataclass(frozen=True, slots=True)
class Quality:
    name: str
    label: str
    minimum: int
    maximum: int
    initial: int
    shown: bool
    group: str
    description: str
    source: Source
    # named levels, lowest first: (the least value of the level, its name)
    levels: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Clock:
    """A progress clock: a quality of ``segments`` steps, shown as "4 of 6", that acts
    when it fills (``fill``: its effects, its flag, then the emptying to ``empty_to``)."""

    name: str
    label: str
    segments: int
    empty_to: int
    fill: Effects
    news: str  # the line that announces a fill
    shown: bool
    source: Source


@dataclass(frozen=True, slots=True)
class Faction:
    name: str
    label: str
    initial: int
    description: str
    source: Source


@dataclass(frozen=True, slots=True)
class Flag:
    name: str
    description: str
    initial: bool
    source: Source


@dataclass(frozen=True, slots=True)
class FollowUp:
    """An event scheduled ``after`` turns from the decision that schedules it."""

    event: str
    after: int
    source: Source


@dataclass(frozen=True, slots=True)
class Outcome:
    """One of an option's possible results, drawn by weight."""

    id: str
    label: str
    weight: Weight
    effects: Effects | None
    result: str
    source: Source
    idea: str | None = None  # the idea of workers' democracy the outcome puts into practice
    follow_ups: tuple[FollowUp, ...] = ()  # events it schedules some turns ahead
    closes_arc: bool = False  # it closes its event's arc


@dataclass(frozen=True, slots=True)
class Vote:
    """A party body votes on the motion an option puts forward."""

    body: str
    delegates: int
    supporters: tuple[str, ...]
    opponents: tuple[str, ...]
    swing: Weight
    passed: Outcome
    failed: Outcome
    source: Source
    # the congress cycle: positions of blocs by faction ("for", "against", "split"),
    # and what a defeated minority wins
    blocs: Mapping[str, str] = field(default_factory=dict)
    minority: Minority | None = None


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    text: str
    visible: Condition | None
    requires: Condition | None
    unavailable: str
    effects: Effects | None
    result: str
    historical: bool
    outcomes: tuple[Outcome, ...]
    vote: Vote | None
    source: Source
    # The outcome history took ("passed" or "failed" for a vote, an outcome's id
    # otherwise): choosing this option matches history only if it turns out so too.
    # None: any outcome of a historical option matches.
    history_outcome: str | None = None
    idea: str | None = None  # the idea of workers' democracy the option puts into practice
    argument: str | None = None  # the argument its vote is put with (the congress cycle)
    follow_ups: tuple[FollowUp, ...] = ()  # events it schedules some turns ahead
    closes_arc: bool = False  # it closes its event's arc


@dataclass(frozen=True, slots=True)
class Event:
    """A storylet: a dated set piece, a storylet drawn by weight, or a recurring one."""

    id: str
    title: str
    text: str
    date: dt.date | None
    window: tuple[Quarter, Quarter]
    when: Condition | None
    weight: Weight | None
    repeatable: bool
    recurring: bool
    codex: str | None
    options: tuple[Option, ...]
    source: Source
    premise: Condition | None = None  # the history it assumes: it fires only while this holds
    variant_of: str | None = None  # the event it stands in for when that one's premise fails
    expires: dt.date | None = None  # not queued in a season that begins after this day
    arc: str | None = None  # the chain of events it belongs to
    closes_arc: bool = False  # deciding it closes its arc
    elections: Elections | None = None  # the delegate elections before it (a congress)
    cast: tuple[Role, ...] = ()  # the parts it casts from the campaign's people

    @property
    def dated(self) -> bool:
        return self.date is not None

    def option(self, option_id: str) -> Option | None:
        for option in self.options:
            if option.id == option_id:
                return option
        return None


@dataclass(frozen=True, slots=True)
class WorldRule:
    """A rule applied at the end of every turn while its condition holds.

    ``news`` holds the rule's front-page lines: the first when the rule begins to
    apply, the next each season it goes on applying; once they are used up it acts
    without a word until it lapses and begins again."""

    id: str
    when: Condition | None
    effects: Effects
    news: tuple[str, ...]
    source: Source


@dataclass(frozen=True, slots=True)
class Headline:
    date: dt.date
    when: Condition | None
    text: str
    codex: str | None
    source: Source


@dataclass(frozen=True, slots=True)
class SummaryLine:
    when: Condition | None
    text: str
    source: Source


@dataclass(frozen=True, slots=True)
class Ending:
    id: str
    title: str
    when: Condition | None
    priority: int
    final: bool
    text: str
    history: str
    summary: tuple[SummaryLine, ...]
    source: Source
    kind: str = ""  # victory, defeat, historical or interim; "" when the campaign says nothing


@dataclass(frozen=True, slots=True)
class CodexEntry:
    """A codex note: an event's history, a background note, the glossary or a reading list."""

    id: str
    title: str
    date: str
    sources: tuple[str, ...]
    text: str
    source: Source
    kind: str = "history"  # history, background, glossary or reading
    see_also: tuple[str, ...] = ()  # notes shown after this one
    see_also_line: int = 0  # the line of its see_also list, for diagnostics


@dataclass(frozen=True, slots=True)
class Strategy:
    """A named way of playing for the playtester: pick the option whose result scores best."""

    id: str
    description: str
    score: Weight
    source: Source


@dataclass(frozen=True)
class Campaign:
    id: str
    title: str
    version: int
    start: Quarter
    end: Quarter
    intro: str
    storylets_per_turn: int
    max_events_per_turn: int
    vote_packing: Weight | None
    qualities: Mapping[str, Quality]
    factions: Mapping[str, Faction]
    flags: Mapping[str, Flag]
    events: Mapping[str, Event]
    rules: tuple[WorldRule, ...]
    headlines: tuple[Headline, ...]
    endings: tuple[Ending, ...]
    codex: Mapping[str, CodexEntry]
    strategies: Mapping[str, Strategy]
    source: Source
    ranges: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    clocks: tuple[Clock, ...] = ()  # each is a quality too, of the same name
    # every text with tags ({if ...}), parsed once (the index compiles them)
    texts: tuple[Template, ...] = ()
    arcs: tuple[tuple[str, str], ...] = ()  # each arc's name and title
    congress: Congress | None = None  # constituencies, packing and arguments
    roster: Roster = field(default_factory=Roster)  # the people, their camps and posts
    fronts: tuple[Front, ...] = ()  # the fronts abroad, their windows and states
    council: Procedure | None = None  # council mode's rules of procedure (council.yaml)
    # What the rules look up on every decision, worked out with the campaign (a copy
    # made with dataclasses.replace gets its own); never pickled, rebuilt on loading.
    index: CampaignIndex = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", CampaignIndex(self))

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        del state["index"]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        object.__setattr__(self, "index", CampaignIndex(self))

    @property
    def turns(self) -> int:
        return self.end.turns_since(self.start) + 1

    def quarter(self, turn: int) -> Quarter:
        return self.start.plus(turn)

    def label(self, name: str) -> str:
        if name in self.qualities:
            return self.qualities[name].label
        if name in self.factions:
            return self.factions[name].label
        return name.replace("_", " ")
