"""The shape of each campaign file, as pydantic models.

These models validate what a writer wrote (types, required fields, unknown
keys) and are the source of the JSON Schemas in ``docs/schema/``, so editors
and the game agree. They describe files, not the game: the loader turns them
into the engine's model, parsing expressions on the way.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)
from pydantic_core import PydanticCustomError, PydanticUndefined

from .limits import MAX_EVENTS, MAX_NUMBER

__all__ = [
    "CampaignFile",
    "EndingsFile",
    "EventsFile",
    "NewsFile",
    "StrategiesFile",
    "WorldFile",
]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _calendar_date(value: object) -> object:
    """A date written ``YYYY-MM-DD`` that exists in the calendar (no 30 February)."""
    if isinstance(value, dt.date):
        return value
    text = str(value).strip() if isinstance(value, str) else ""
    if not _ISO_DATE.fullmatch(text):
        raise PydanticCustomError(
            "date_format",
            "write the date as YYYY-MM-DD, e.g. 1924-01-21 (found {found})",
            {"found": repr(value)},
        )
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise PydanticCustomError(
            "calendar_date",
            "{text} is not a date in the calendar ({reason})",
            {"text": text, "reason": str(error)},
        ) from None


def _free_date(value: object) -> object:
    """A codex date is free text, but one written ``YYYY-MM-DD`` must exist."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        _calendar_date(value)
    return value


def _history_mark(value: object) -> object:
    """An option's ``history``: true, false, or the result of its vote."""
    if isinstance(value, bool) or value in ("passed", "failed"):
        return value
    raise PydanticCustomError(
        "history_mark",
        "write true, false, or for a vote 'passed' or 'failed' (found {found})",
        {"found": repr(value)},
    )


def _news_lines(value: object) -> object:
    """A world rule's news: one line of text or a list of lines, told apart in one message."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        for number, line in enumerate(value, start=1):
            if not isinstance(line, str):
                raise PydanticCustomError(
                    "news_line",
                    "line {number} of the list is not a line of text (found {found})",
                    {"number": number, "found": repr(line)},
                )
        return value
    raise PydanticCustomError(
        "news_lines",
        "write one line of text, or a list of lines (found {found})",
        {"found": repr(value)},
    )


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]*$"),
    Field(description="A name: lower-case letters, digits and _, starting with a letter"),
]
Date = Annotated[dt.date, BeforeValidator(_calendar_date)]
HistoryMark = Annotated[bool | Literal["passed", "failed"], BeforeValidator(_history_mark)]
Text = Annotated[str, Field(description="Markdown text")]
Count = Annotated[int, Field(ge=-MAX_NUMBER, le=MAX_NUMBER)]
ConditionText = Annotated[
    str | bool, Field(description="A true/false expression, e.g. 'democracy >= 40 and not purged'")
]
NumberText = Annotated[
    str | int | float, Field(description="A number expression, e.g. '10 + workers / 5'")
]
EndingKind = Annotated[
    Literal["victory", "defeat", "historical", "interim"],
    Field(
        description="What the ending is for the Opposition: a victory, a defeat, close to "
        "history, or an interim close; the playtester's balance targets read it"
    ),
]
Idea = Annotated[
    Literal[
        "transparency",
        "recall",
        "councils",
        "wage",
        "debate",
        "internationalism",
        "history",
        "means",
    ],
    Field(description="The idea of workers' democracy this puts into practice (see the spine)"),
]
NewsLines = Annotated[str | list[str], BeforeValidator(_news_lines)]
EffectsText = Annotated[
    str | list[str],
    Field(description="Effect statements, one a line or separated by ';', e.g. 'democracy += 5'"),
]


def _described(description: str, default: Any = PydanticUndefined, **bounds: Any) -> Any:
    return Field(default, description=description, **bounds)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False)


class QualityFile(_Strict):
    """A quality: a number the game tracks, kept within its range."""

    label: str = _described("The name the player sees")
    description: str = _described("What the quality stands for, shown in the help", "")
    min: Count = _described("The lowest value the quality can take", 0)
    max: Count = _described("The highest value the quality can take", 100)
    initial: Count = _described("The value at the start of the campaign")
    shown: bool = _described("Shown on the status bar (hidden ones still work)", True)
    group: Literal["party", "economy", "world", "resources"] = _described(
        "Where the quality is shown", "party"
    )
    levels: dict[int, str] = _described(
        "Named levels, lowest first: the least value of each level and its name, e.g. "
        "{0: full rights, 1: censured} or {0: silenced, 20: muffled, 40: heard}; the player "
        "reads the name, and a change that crosses into another level is announced",
        {},
    )


class ClockFillFile(_Strict):
    """What a clock does when it fills."""

    effects: EffectsText | None = _described("What the fill changes, e.g. 'standing += 1'", None)
    flag: Id | None = _described("A flag the fill sets", None)
    empty_to: Count = _described(
        "The value the clock empties to after it acts (below its segments)", 0
    )
    news: str = _described(
        "The line that announces the fill, e.g. 'The Control Commission acts'; the levels "
        "it reaches follow it ('The Control Commission acts: censured')",
        "",
    )


class ClockFile(_Strict):
    """A progress clock: a quality of a few segments, shown as '4 of 6', that acts when
    effects fill it. Expressions read it and effects move it by its name."""

    label: str = _described("The name the player sees")
    description: str = _described("What the clock measures, shown in the help", "")
    segments: int = _described("How many steps fill the clock", ge=1, le=1000)
    initial: int = _described("The value at the start (below its segments)", 0, ge=0, le=1000)
    shown: bool = _described("Shown to the player, and its fills announced", True)
    group: Literal["party", "economy", "world", "resources"] = _described(
        "Where the clock is shown", "party"
    )
    on_full: ClockFillFile = _described("What happens when the clock fills", ClockFillFile())


class FactionFile(_Strict):
    """A faction: its share of the delegates decides votes."""

    label: str = _described("The name the player sees")
    description: str = _described("Who the faction are, shown in the help", "")
    initial: int = _described(
        "The faction's delegates at the start (any scale; votes use shares)", ge=0, le=MAX_NUMBER
    )


class FlagFile(_Strict):
    """A flag: something that has or has not happened."""

    description: str = _described("What the flag records", "")
    initial: bool = _described("Whether the flag is set at the start", False)


class ConstituencyFile(_Strict):
    """A part of the party that elects delegates to a congress."""

    label: str = _described("The name the player sees, e.g. 'Moscow'")
    weight: int = _described(
        "Its share of the delegates, against the other constituencies", ge=1, le=MAX_NUMBER
    )
    support: Id = _described(
        "The quality that holds the Opposition's support there (effects move it by name)"
    )


class ArgumentFile(_Strict):
    """A line of argument a vote may be put with."""

    label: str = _described("The name the player sees, e.g. 'Industrialisation'")
    fit: NumberText = _described(
        "How well it fits the moment, in points added to the uncommitted's swing "
        "(-100 to 100), e.g. 'goods_famine * 2 - grain_crisis'"
    )


class CongressFile(_Strict):
    """The congress cycle: constituencies elect delegates upward before a congress."""

    opposition: Id = _described(
        "The faction that is the Opposition: the elections decide its delegates"
    )
    constituencies: dict[Id, ConstituencyFile] = _described(
        "The constituencies, by name", min_length=1
    )
    packing: NumberText | None = _described(
        "The share (0 to 1) of the Opposition's delegates the apparatus removes at each "
        "stage of the elections, e.g. 'max(0, apparatus - democracy) / 100'",
        None,
    )
    arguments: dict[Id, ArgumentFile] = _described(
        "The arguments an option's vote may be put with, by name", {}
    )
    leaders: dict[Id, Id] = _described(
        "The factions' leaders, person to faction: a leader's trust in the Opposition "
        "(2 or more, or -2 or less) moves their faction's bloc a step at every vote",
        {},
    )


class ElectionsFile(_Strict):
    """The delegate elections before a congress, stage by stage."""

    stages: list[Id] = _described(
        "The stages, from the bottom up, e.g. [cells, districts, provinces]", min_length=1
    )
    opens: Annotated[int, Field(ge=1, le=MAX_NUMBER)] | Date = _described(
        "When the campaign season opens: a number of turns before the congress's "
        "season, or a date (YYYY-MM-DD) before it"
    )


class MinorityFile(_Strict):
    """What a defeated motion's minority wins when it is large enough."""

    at: int = _described("The percent of the delegates the minority needs", ge=1, le=99)
    label: str = _described("What it wins, shown with the tally", "")
    effects: EffectsText | None = _described("What it changes", None)
    result: Text = _described("What happens, in prose", "")


class CampaignFile(_Strict):
    """campaign.yaml: what the campaign is."""

    id: Id = _described("The campaign's stable id; saves name it")
    title: str = _described("The campaign's title")
    version: int = _described(
        "Raise it when the content changes; saves record it", ge=1, le=MAX_NUMBER
    )
    start: Date = _described("The first turn is the quarter of this date (YYYY-MM-DD)")
    end: Date = _described("The last turn is the quarter of this date (YYYY-MM-DD)")
    intro: Text = _described("Markdown shown before the first turn", "")
    storylets_per_turn: int = _described(
        "Conditional storylets drawn each turn", 1, ge=0, le=MAX_EVENTS
    )
    max_events_per_turn: int = _described(
        "Dated and drawn events together in one turn", 3, ge=1, le=MAX_EVENTS
    )
    vote_packing: NumberText | None = _described(
        "Delegates the apparatus adds to its side in every vote (a number expression)", None
    )
    qualities: dict[Id, QualityFile] = _described("The numbers the game tracks, by name")
    factions: dict[Id, FactionFile] = _described("The factions that vote, by name", {})
    flags: dict[Id, FlagFile | None] = _described("Things that have or have not happened", {})
    congress: CongressFile | None = _described(
        "The congress cycle: constituencies, packing by stage, arguments", None
    )
    clocks: dict[Id, ClockFile] = _described(
        "Progress clocks shown to the player, by name (each is also a quality)", {}
    )
    arcs: dict[Id, str] = _described(
        "The story's arcs, by name, with the title the player reads while one is open "
        "(e.g. german_october: the German October)",
        {},
    )


class FollowUpFile(_Strict):
    """An undated event scheduled some turns after the decision."""

    event: Id = _described("The event to fire: an undated event (a storylet)")
    after: int = _described(
        "How many turns later it is queued, at that season's end", ge=1, le=MAX_NUMBER
    )


FollowUps = FollowUpFile | list[FollowUpFile]


class OutcomeFile(_Strict):
    """One possible outcome of an option, drawn by weight."""

    id: Id = _described("The outcome's id, unique in its option")
    label: str = _described("A short label shown with the odds")
    weight: NumberText = _described("How likely the outcome is, against the others", 1)
    effects: EffectsText | None = _described("What the outcome changes", None)
    result: Text = _described("What happens, in prose", "")
    history: bool = _described(
        "The outcome history took; its option is marked 'history' too (one outcome at most)",
        False,
    )
    idea: Idea | None = _described("The idea this outcome puts into practice", None)
    follow_up: FollowUps | None = _described(
        "An event (or a list of them) this outcome schedules: {event: ID, after: TURNS}", None
    )
    closes_arc: bool = _described("This outcome closes its event's arc", False)


class VoteResultFile(_Strict):
    """What follows when a vote passes or fails."""

    label: str = _described("A short label for the result", "")
    effects: EffectsText | None = _described("What the result changes", None)
    result: Text = _described("What happens, in prose", "")
    follow_up: FollowUps | None = _described(
        "An event (or a list of them) this result schedules: {event: ID, after: TURNS}", None
    )
    closes_arc: bool = _described("This result closes its event's arc", False)


class VoteFile(_Strict):
    """A vote: the factions for and against, and what each result does."""

    body: str = _described("Who votes, e.g. 'the Thirteenth Congress'")
    delegates: int = _described("The delegates shown in the count", 100, ge=1, le=MAX_NUMBER)
    for_: list[Id] = Field(default_factory=list, alias="for", description="The factions voting for")
    against: list[Id] = _described("The factions voting against", [])
    swing: NumberText = _described(
        "The share of the uncommitted that vote for (a number expression, 0 to 1)", 0.5
    )
    passed: VoteResultFile = _described("What follows if the motion is carried", VoteResultFile())
    failed: VoteResultFile = _described("What follows if the motion falls", VoteResultFile())
    blocs: dict[Id, Literal["for", "against", "split"]] = _described(
        "Positions of factions on this motion, overriding 'for' and 'against': a split "
        "bloc votes with the uncommitted, by the swing",
        {},
    )
    minority: MinorityFile | None = _described(
        "What a defeated motion's minority wins when it reaches a share of the delegates", None
    )


class OptionFile(_Strict):
    """One choice the player can make."""

    id: Id = _described("The option's id, unique in its event")
    text: str = _described("The choice as the player reads it")
    if_: ConditionText | None = Field(None, alias="if", description="Shown only while this holds")
    requires: ConditionText | None = _described("Shown, but available only while this holds", None)
    unavailable: str = _described("Why the option is unavailable, shown to the player", "")
    effects: EffectsText | None = _described("What choosing the option changes", None)
    result: Text = _described("What happens, in prose", "")
    history: HistoryMark = _described(
        "What the real Opposition chose: true, or for an option that puts a vote, "
        "'passed' or 'failed' as the real vote went (winning the other way leaves history)",
        False,
    )
    outcomes: list[OutcomeFile] = _described("Possible outcomes, drawn by weight", [])
    vote: VoteFile | None = _described("A vote that decides the result", None)
    idea: Idea | None = _described("The idea this option puts into practice", None)
    follow_up: FollowUps | None = _described(
        "An event (or a list of them) this option schedules: {event: ID, after: TURNS}", None
    )
    closes_arc: bool = _described("Choosing this option closes its event's arc", False)
    argument: Id | None = _described(
        "The argument the option's vote is put with (one of the congress's arguments)", None
    )


class WindowFile(_Strict):
    """The dates between which a storylet may be drawn."""

    from_: Date = Field(alias="from", description="The first day (YYYY-MM-DD)")
    to: Date = _described("The last day (YYYY-MM-DD)")


class RoleFile(_Strict):
    """Who may fill a part: everyone who fits, and among them the one ``pick`` names."""

    post: Id | None = _described("Only the holder of this post", None)
    camp: Id | list[Id] = _described("Only people in this camp (or one of these)", [])
    status: Id | list[Id] = _described(
        "Only people with this status (or one of these): active, removed, expelled, "
        "exiled, capitulated, dead",
        "active",
    )
    people: list[Id] = _described("Only these people, by id", [])
    pick: Literal["first", "most_trust", "least_trust", "most_resolve", "least_resolve"] = (
        _described(
            "Which of those who fit: the first in people.yaml's order, or the one with the "
            "most or least trust or resolve (ties: the first)",
            "first",
        )
    )


class PostFile(_Strict):
    """A post a person can hold."""

    label: str = _described("The post's name as the player reads it, e.g. 'General Secretary'")
    single: bool = _described("Held by one person at a time: appointing someone takes it", True)


class PersonFile(_Strict):
    """A named figure: post, camp, trust in the Opposition, resolve and status."""

    id: Id = _described("The person's id, used in expressions: trust(radek)")
    name: str = _described("The name the player reads, e.g. 'Karl Radek'")
    description: Text = _described("A line on who they are", "")
    post: Id | list[Id] = _described("The post (or posts) they hold at the start; 'none'", [])
    camp: Id = _described("Their camp at the start, one of the declared camps")
    trust: int = _described("Their trust in the Opposition, -3 (hostile) to +3", 0, ge=-3, le=3)
    resolve: int = _described("How long they hold out under pressure, 0 to 100", 50, ge=0, le=100)
    status: Literal["active", "removed", "expelled", "exiled", "capitulated", "dead"] = _described(
        "Where they stand in the party at the start", "active"
    )
    shown: bool = _described("The player knows them: they appear in the status", True)


class PeopleRuleFile(_Strict):
    """A rule applied at each season's end to each person who fits ``each``."""

    id: Id = _described("The rule's id")
    each: RoleFile = _described("The people the rule looks at: post, camp, status, people")
    when: ConditionText | None = _described(
        "The rule acts on a person only while this holds; 'it' is the person, e.g. "
        "'resolve(it) < repression'",
        None,
    )
    effects: EffectsText = _described("What it does to the person, e.g. 'status(it) = capitulated'")
    news: str = _described(
        "A line for the front page whenever it changes someone; {it} is their name", ""
    )


class PeopleFile(_Strict):
    """people.yaml: the campaign's named figures, their camps and posts, and the rules
    they act by between events."""

    camps: dict[Id, str] = _described("The camps people stand in: id and label", min_length=1)
    posts: dict[Id, PostFile] = _described("The posts people hold", {})
    people: list[PersonFile] = _described("The named figures, in the order they are listed")
    rules: list[PeopleRuleFile] = _described("Rules people act by at each season's end", [])


class EventFile(_Strict):
    """An event: a dated set piece or a storylet drawn while it is eligible."""

    id: Id = _described("The event's stable id; saves and the timeline refer to it")
    title: str = _described("The event's title")
    text: Text = _described("The scene, in Markdown")
    date: Date | None = _described("A set piece fires in the quarter of this date", None)
    window: WindowFile | None = _described("A storylet may be drawn between these dates", None)
    when: ConditionText | None = _described("The event fires only while this holds", None)
    weight: NumberText | None = _described("How likely a storylet is to be drawn", None)
    repeatable: bool = _described("A storylet may fire more than once", False)
    recurring: bool = _described("Comes back every turn of its window while it holds", False)
    codex: Id | None = _described("The history note of the event (codex/ID.md)", None)
    tags: list[str] = _described("Free labels for the writer's own use", [])
    options: list[OptionFile] = _described("The player's choices", min_length=1)
    premise: ConditionText | None = _described(
        "The history the event assumes: when this fails as the event would fire, a "
        "variant fires in its place, or nothing",
        None,
    )
    variant_of: Id | None = _described(
        "The event this one stands in for when that one's premise fails; it takes that "
        "event's date or window and needs no date or window of its own",
        None,
    )
    expires: Date | None = _described(
        "The last day the event may fire: it is not queued in a season that begins after it",
        None,
    )
    arc: Id | None = _described(
        "The arc (declared in campaign.yaml 'arcs') this event belongs to: deciding it "
        "opens the arc",
        None,
    )
    closes_arc: bool = _described("Deciding this event closes its arc", False)
    elections: ElectionsFile | None = _described(
        "Delegates elected upward before this congress (a dated event whose options vote)",
        None,
    )
    cast: dict[Id, RoleFile] = _described(
        "The parts the event casts from the campaign's people, by role: the text names "
        "them as {role}; an event whose cast cannot be filled does not fire",
        {},
    )


class EventsFile(_Strict):
    """events/*.yaml: a list of events."""

    events: list[EventFile] = _described("The events of this file")


class RuleFile(_Strict):
    """A world rule, applied at the end of every turn while it holds."""

    id: Id = _described("The rule's id")
    when: ConditionText | None = _described("The rule applies only while this holds", None)
    effects: EffectsText = _described("What the rule changes")
    news: NewsLines = _described(
        "A line for the front page when the rule begins to apply, or a list of lines: "
        "the first when it begins, the next each season it goes on applying, then none",
        "",
    )


class WorldFile(_Strict):
    """world.yaml: rules applied at the end of every turn."""

    rules: list[RuleFile] = _described("The world rules, in order", [])


class HeadlineFile(_Strict):
    """A dated headline for the front page."""

    date: Date = _described("The day the headline comes due (YYYY-MM-DD)")
    when: ConditionText | None = _described("Printed only if this holds on that day", None)
    text: str = _described("The headline")
    codex: Id | None = _described("A history note the headline links to", None)


class NewsFile(_Strict):
    """news.yaml: dated headlines for the front page."""

    headlines: list[HeadlineFile] = _described("The headlines", [])


class SummaryFile(_Strict):
    """A line of an ending's summary, shown while it holds."""

    when: ConditionText | None = _described("Shown only if this holds", None)
    text: Text = _described("The line")


class EndingFile(_Strict):
    """An ending: how the game can end."""

    id: Id = _described("The ending's id")
    title: str = _described("The ending's title")
    when: ConditionText | None = _described("The ending holds while this does", None)
    priority: Count = _described("The highest-priority ending that holds is the one shown", 0)
    final: bool = _described("Ends the game at once when it holds", False)
    kind: EndingKind | None = _described("victory, defeat, historical or interim", None)
    text: Text = _described("What became of the Opposition, in Markdown")
    history: Text = _described("What happened in history, in Markdown", "")
    summary: list[SummaryFile] = _described("Lines shown under the ending", [])


class EndingsFile(_Strict):
    """endings.yaml: how the game can end."""

    endings: list[EndingFile] = _described("The endings", min_length=1)


class StrategyFile(_Strict):
    """A named way of playing, for the playtester."""

    id: Id = _described("The strategy's id")
    description: str = _described("What the strategy aims at", "")
    score: NumberText = _described("The number the strategy tries to raise")


class StrategiesFile(_Strict):
    """strategies.yaml: named ways of playing for the playtester."""

    strategies: list[StrategyFile] = _described("The strategies", [])


class CodexFrontMatter(_Strict):
    """The front matter of a codex note."""

    id: Id = _described("The note's id; events link to it")
    title: str = _described("The note's title")
    date: Annotated[str | int | dt.date, AfterValidator(_free_date)] = _described(
        "When it happened: free text, or YYYY-MM-DD", ""
    )
    sources: list[str] = _described("The works the note draws on", [])


SCHEMAS: dict[str, type[BaseModel]] = {
    "campaign": CampaignFile,
    "events": EventsFile,
    "people": PeopleFile,
    "world": WorldFile,
    "news": NewsFile,
    "endings": EndingsFile,
    "strategies": StrategiesFile,
    "codex": CodexFrontMatter,
}
