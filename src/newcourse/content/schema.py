"""The shape of each campaign file, as pydantic models.

These models validate what a writer wrote (types, required fields, unknown
keys) and are the source of the JSON Schemas in ``docs/schema/``, so editors
and the game agree. They describe files, not the game: the loader turns them
into the engine's model, parsing expressions on the way.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

__all__ = [
    "CampaignFile",
    "EndingsFile",
    "EventsFile",
    "NewsFile",
    "StrategiesFile",
    "WorldFile",
]

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Text = Annotated[str, Field(description="Markdown text")]
ConditionText = Annotated[
    str | bool, Field(description="A true/false expression, e.g. 'democracy >= 40 and not purged'")
]
NumberText = Annotated[
    str | int | float, Field(description="A number expression, e.g. '10 + workers / 5'")
]
EffectsText = Annotated[
    str | list[str],
    Field(description="Effect statements, one a line or separated by ';', e.g. 'democracy += 5'"),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False)


class QualityFile(_Strict):
    label: str
    description: str = ""
    min: int = 0
    max: int = 100
    initial: int
    shown: bool = True
    group: Literal["party", "economy", "world", "resources"] = "party"


class FactionFile(_Strict):
    label: str
    description: str = ""
    initial: int = Field(ge=0)


class FlagFile(_Strict):
    description: str = ""
    initial: bool = False


class CampaignFile(_Strict):
    """campaign.yaml: what the campaign is."""

    id: Id
    title: str
    version: int = Field(ge=1)
    start: dt.date
    end: dt.date
    intro: Text = ""
    storylets_per_turn: int = Field(1, ge=0)
    max_events_per_turn: int = Field(3, ge=1)
    vote_packing: NumberText | None = None
    qualities: dict[Id, QualityFile]
    factions: dict[Id, FactionFile] = {}
    flags: dict[Id, FlagFile | None] = {}


class OutcomeFile(_Strict):
    id: Id
    label: str
    weight: NumberText = 1
    effects: EffectsText | None = None
    result: Text = ""


class VoteResultFile(_Strict):
    label: str = ""
    effects: EffectsText | None = None
    result: Text = ""


class VoteFile(_Strict):
    body: str
    delegates: int = Field(100, ge=1)
    for_: list[Id] = Field(default_factory=list, alias="for")
    against: list[Id] = []
    swing: NumberText = 0.5
    passed: VoteResultFile = VoteResultFile()
    failed: VoteResultFile = VoteResultFile()


class OptionFile(_Strict):
    id: Id
    text: str
    if_: ConditionText | None = Field(None, alias="if")
    requires: ConditionText | None = None
    unavailable: str = ""
    effects: EffectsText | None = None
    result: Text = ""
    history: bool = False
    outcomes: list[OutcomeFile] = []
    vote: VoteFile | None = None


class WindowFile(_Strict):
    from_: dt.date = Field(alias="from")
    to: dt.date


class EventFile(_Strict):
    id: Id
    title: str
    text: Text
    date: dt.date | None = None
    window: WindowFile | None = None
    when: ConditionText | None = None
    weight: NumberText | None = None
    repeatable: bool = False
    recurring: bool = False
    codex: Id | None = None
    tags: list[str] = []
    options: list[OptionFile] = Field(min_length=1)


class EventsFile(_Strict):
    """events/*.yaml: a list of events."""

    events: list[EventFile]


class RuleFile(_Strict):
    id: Id
    when: ConditionText | None = None
    effects: EffectsText
    news: str = ""


class WorldFile(_Strict):
    """world.yaml: rules applied at the end of every turn."""

    rules: list[RuleFile] = []


class HeadlineFile(_Strict):
    date: dt.date
    when: ConditionText | None = None
    text: str
    codex: Id | None = None


class NewsFile(_Strict):
    """news.yaml: dated headlines for the front page."""

    headlines: list[HeadlineFile] = []


class SummaryFile(_Strict):
    when: ConditionText | None = None
    text: Text


class EndingFile(_Strict):
    id: Id
    title: str
    when: ConditionText | None = None
    priority: int = 0
    final: bool = False
    text: Text
    history: Text = ""
    summary: list[SummaryFile] = []


class EndingsFile(_Strict):
    """endings.yaml: how the game can end."""

    endings: list[EndingFile] = Field(min_length=1)


class StrategyFile(_Strict):
    id: Id
    description: str = ""
    score: NumberText


class StrategiesFile(_Strict):
    """strategies.yaml: named ways of playing for the playtester."""

    strategies: list[StrategyFile] = []


class CodexFrontMatter(_Strict):
    id: Id
    title: str
    date: str | int | dt.date = ""
    sources: list[str] = []


SCHEMAS: dict[str, type[BaseModel]] = {
    "campaign": CampaignFile,
    "events": EventsFile,
    "world": WorldFile,
    "news": NewsFile,
    "endings": EndingsFile,
    "strategies": StrategiesFile,
    "codex": CodexFrontMatter,
}
