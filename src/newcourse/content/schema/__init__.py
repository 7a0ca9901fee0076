"""The shape of each campaign file, as pydantic models, one module a file.

These models validate what a writer wrote (types, required fields, unknown
keys) and are the source of the JSON Schemas the game ships for editors, so
editors and the game agree. They describe files, not the game: the loader
turns them into the engine's model, parsing expressions on the way.
"""

from __future__ import annotations

from pydantic import BaseModel

from .campaign import (
    ArgumentFile,
    CampaignFile,
    ClockFile,
    ClockFillFile,
    CongressFile,
    ConstituencyFile,
    FactionFile,
    FlagFile,
    FrontFile,
    FrontStateFile,
    QualityFile,
)
from .council import (
    CaseFile,
    CouncilFile,
    OpeningFile,
    RulesFile,
    StoryRuleFile,
    VerdictFile,
)
from .events import (
    ElectionsFile,
    EventFile,
    EventsFile,
    FollowUpFile,
    FollowUps,
    MinorityFile,
    OptionFile,
    OutcomeFile,
    RoleFile,
    VoteFile,
    VoteResultFile,
    WindowFile,
)
from .people import PeopleFile, PeopleRuleFile, PersonFile, PostFile
from .sections import (
    CodexFrontMatter,
    EndingFile,
    EndingsFile,
    HeadlineFile,
    NewsFile,
    RuleFile,
    StrategiesFile,
    StrategyFile,
    SummaryFile,
    WorldFile,
)

__all__ = [
    "SCHEMAS",
    "ArgumentFile",
    "CampaignFile",
    "CaseFile",
    "ClockFile",
    "ClockFillFile",
    "CodexFrontMatter",
    "CongressFile",
    "ConstituencyFile",
    "CouncilFile",
    "ElectionsFile",
    "EndingFile",
    "EndingsFile",
    "EventFile",
    "EventsFile",
    "FactionFile",
    "FlagFile",
    "FollowUpFile",
    "FollowUps",
    "FrontFile",
    "FrontStateFile",
    "HeadlineFile",
    "MinorityFile",
    "NewsFile",
    "OpeningFile",
    "OptionFile",
    "OutcomeFile",
    "PeopleFile",
    "PeopleRuleFile",
    "PersonFile",
    "PostFile",
    "QualityFile",
    "RoleFile",
    "RuleFile",
    "RulesFile",
    "StoryRuleFile",
    "StrategiesFile",
    "StrategyFile",
    "SummaryFile",
    "VerdictFile",
    "VoteFile",
    "VoteResultFile",
    "WindowFile",
    "WorldFile",
]

SCHEMAS: dict[str, type[BaseModel]] = {
    "campaign": CampaignFile,
    "events": EventsFile,
    "people": PeopleFile,
    "world": WorldFile,
    "news": NewsFile,
    "endings": EndingsFile,
    "strategies": StrategiesFile,
    "council": CouncilFile,
    "codex": CodexFrontMatter,
}
