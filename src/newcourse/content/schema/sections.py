"""The other files: world rules, news, endings, strategies, and the codex notes' front matter."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator

from .values import (
    ConditionText,
    Count,
    Date,
    EffectsText,
    EndingKind,
    Id,
    NewsLines,
    NumberText,
    Strict,
    Text,
    described,
    free_date,
)

__all__ = [
    "CodexFrontMatter",
    "EndingFile",
    "EndingsFile",
    "HeadlineFile",
    "NewsFile",
    "RuleFile",
    "StrategiesFile",
    "StrategyFile",
    "SummaryFile",
    "WorldFile",
]


class RuleFile(Strict):
    """A world rule, applied at the end of every turn while it holds."""

    id: Id = described("The rule's id")
    when: ConditionText | None = described("The rule applies only while this holds", None)
    effects: EffectsText = described("What the rule changes")
    news: NewsLines = described(
        "A line for the front page when the rule begins to apply, or a list of lines: "
        "the first when it begins, the next each season it goes on applying, then none",
        "",
    )


class WorldFile(Strict):
    """world.yaml: rules applied at the end of every turn."""

    rules: list[RuleFile] = described("The world rules, in order", [])


class HeadlineFile(Strict):
    """A dated headline for the front page."""

    date: Date = described("The day the headline comes due (YYYY-MM-DD)")
    when: ConditionText | None = described("Printed only if this holds on that day", None)
    text: str = described("The headline")
    codex: Id | None = described("A history note the headline links to", None)


class NewsFile(Strict):
    """news.yaml: dated headlines for the front page."""

    headlines: list[HeadlineFile] = described("The headlines", [])


class SummaryFile(Strict):
    """A line of an ending's summary, shown while it holds."""

    when: ConditionText | None = described("Shown only if this holds", None)
    text: Text = described("The line")


class EndingFile(Strict):
    """An ending: how the game can end."""

    id: Id = described("The ending's id")
    title: str = described("The ending's title")
    when: ConditionText | None = described("The ending holds while this does", None)
    priority: Count = described("The highest-priority ending that holds is the one shown", 0)
    final: bool = described("Ends the game at once when it holds", False)
    kind: EndingKind | None = described("victory, defeat, historical or interim", None)
    text: Text = described("What became of the Opposition, in Markdown")
    history: Text = described("What happened in history, in Markdown", "")
    summary: list[SummaryFile] = described("Lines shown under the ending", [])


class EndingsFile(Strict):
    """endings.yaml: how the game can end."""

    endings: list[EndingFile] = described("The endings", min_length=1)


class StrategyFile(Strict):
    """A named way of playing, for the playtester."""

    id: Id = described("The strategy's id")
    description: str = described("What the strategy aims at", "")
    score: NumberText = described("The number the strategy tries to raise")


class StrategiesFile(Strict):
    """strategies.yaml: named ways of playing for the playtester."""

    strategies: list[StrategyFile] = described("The strategies", [])


class CodexFrontMatter(Strict):
    """The front matter of a codex note."""

    id: Id = described("The note's id; events link to it")
    title: str = described("The note's title")
    date: Annotated[str | int | dt.date, AfterValidator(free_date)] = described(
        "When it happened: free text, or YYYY-MM-DD", ""
    )
    sources: list[str] = described("The works the note draws on", [])
    kind: Literal["history", "background", "glossary", "reading"] = described(
        "history: an event's note; background: reached through see_also; glossary and "
        "reading: the glossary and the reading groups, opened from the codex screen",
        "history",
    )
    see_also: list[Id] = described("Other notes shown after this one, by id", [])
