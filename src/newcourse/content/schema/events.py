"""events/*.yaml: events, their options, outcomes, votes, elections and follow-ups."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ..limits import MAX_NUMBER
from .values import (
    ConditionText,
    Date,
    EffectsText,
    HistoryMark,
    Id,
    Idea,
    NumberText,
    Strict,
    Text,
    described,
)

__all__ = [
    "ElectionsFile",
    "EventFile",
    "EventsFile",
    "FollowUpFile",
    "FollowUps",
    "MinorityFile",
    "OptionFile",
    "OutcomeFile",
    "RoleFile",
    "VoteFile",
    "VoteResultFile",
    "WindowFile",
]


class ElectionsFile(Strict):
    """The delegate elections before a congress, stage by stage."""

    stages: list[Id] = described(
        "The stages, from the bottom up, e.g. [cells, districts, provinces]", min_length=1
    )
    opens: Annotated[int, Field(ge=1, le=MAX_NUMBER)] | Date = described(
        "When the campaign season opens: a number of turns before the congress's "
        "season, or a date (YYYY-MM-DD) before it"
    )


class MinorityFile(Strict):
    """What a defeated motion's minority wins when it is large enough."""

    at: int = described("The percent of the delegates the minority needs", ge=1, le=99)
    label: str = described("What it wins, shown with the tally", "")
    effects: EffectsText | None = described("What it changes", None)
    result: Text = described("What happens, in prose", "")


class FollowUpFile(Strict):
    """An undated event scheduled some turns after the decision."""

    event: Id = described("The event to fire: an undated event (a storylet)")
    after: int = described(
        "How many turns later it is queued, at that season's end", ge=1, le=MAX_NUMBER
    )


FollowUps = FollowUpFile | list[FollowUpFile]


class OutcomeFile(Strict):
    """One possible outcome of an option, drawn by weight."""

    id: Id = described("The outcome's id, unique in its option")
    label: str = described("A short label shown with the odds")
    weight: NumberText = described("How likely the outcome is, against the others", 1)
    effects: EffectsText | None = described("What the outcome changes", None)
    result: Text = described("What happens, in prose", "")
    history: bool = described(
        "The outcome history took; its option is marked 'history' too (one outcome at most)",
        False,
    )
    idea: Idea | None = described("The idea this outcome puts into practice", None)
    follow_up: FollowUps | None = described(
        "An event (or a list of them) this outcome schedules: {event: ID, after: TURNS}", None
    )
    closes_arc: bool = described("This outcome closes its event's arc", False)


class VoteResultFile(Strict):
    """What follows when a vote passes or fails."""

    label: str = described("A short label for the result", "")
    effects: EffectsText | None = described("What the result changes", None)
    result: Text = described("What happens, in prose", "")
    follow_up: FollowUps | None = described(
        "An event (or a list of them) this result schedules: {event: ID, after: TURNS}", None
    )
    closes_arc: bool = described("This result closes its event's arc", False)


class VoteFile(Strict):
    """A vote: the factions for and against, and what each result does."""

    body: str = described("Who votes, e.g. 'the Thirteenth Congress'")
    delegates: int = described("The delegates shown in the count", 100, ge=1, le=MAX_NUMBER)
    for_: list[Id] = Field(default_factory=list, alias="for", description="The factions voting for")
    against: list[Id] = described("The factions voting against", [])
    swing: NumberText = described(
        "The share of the uncommitted that vote for (a number expression, 0 to 1)", 0.5
    )
    passed: VoteResultFile = described("What follows if the motion is carried", VoteResultFile())
    failed: VoteResultFile = described("What follows if the motion falls", VoteResultFile())
    blocs: dict[Id, Literal["for", "against", "split"]] = described(
        "Positions of factions on this motion, overriding 'for' and 'against': a split "
        "bloc votes with the uncommitted, by the swing",
        {},
    )
    minority: MinorityFile | None = described(
        "What a defeated motion's minority wins when it reaches a share of the delegates", None
    )


class OptionFile(Strict):
    """One choice the player can make."""

    id: Id = described("The option's id, unique in its event")
    text: str = described("The choice as the player reads it")
    if_: ConditionText | None = Field(None, alias="if", description="Shown only while this holds")
    requires: ConditionText | None = described("Shown, but available only while this holds", None)
    unavailable: str = described("Why the option is unavailable, shown to the player", "")
    effects: EffectsText | None = described("What choosing the option changes", None)
    result: Text = described("What happens, in prose", "")
    history: HistoryMark = described(
        "What the real Opposition chose: true, or for an option that puts a vote, "
        "'passed' or 'failed' as the real vote went (winning the other way leaves history)",
        False,
    )
    outcomes: list[OutcomeFile] = described("Possible outcomes, drawn by weight", [])
    vote: VoteFile | None = described("A vote that decides the result", None)
    idea: Idea | None = described("The idea this option puts into practice", None)
    follow_up: FollowUps | None = described(
        "An event (or a list of them) this option schedules: {event: ID, after: TURNS}", None
    )
    closes_arc: bool = described("Choosing this option closes its event's arc", False)
    argument: Id | None = described(
        "The argument the option's vote is put with (one of the congress's arguments)", None
    )


class WindowFile(Strict):
    """The dates between which a storylet may be drawn."""

    from_: Date = Field(alias="from", description="The first day (YYYY-MM-DD)")
    to: Date = described("The last day (YYYY-MM-DD)")


class RoleFile(Strict):
    """Who may fill a part: everyone who fits, and among them the one ``pick`` names."""

    post: Id | None = described("Only the holder of this post", None)
    camp: Id | list[Id] = described("Only people in this camp (or one of these)", [])
    status: Id | list[Id] = described(
        "Only people with this status (or one of these): active, removed, expelled, "
        "exiled, capitulated, dead",
        "active",
    )
    people: list[Id] = described("Only these people, by id", [])
    pick: Literal["first", "most_trust", "least_trust", "most_resolve", "least_resolve"] = (
        described(
            "Which of those who fit: the first in people.yaml's order, or the one with the "
            "most or least trust or resolve (ties: the first)",
            "first",
        )
    )


class EventFile(Strict):
    """An event: a dated set piece or a storylet drawn while it is eligible."""

    id: Id = described("The event's stable id; saves and the timeline refer to it")
    title: str = described("The event's title")
    text: Text = described("The scene, in Markdown")
    date: Date | None = described("A set piece fires in the quarter of this date", None)
    window: WindowFile | None = described("A storylet may be drawn between these dates", None)
    when: ConditionText | None = described("The event fires only while this holds", None)
    weight: NumberText | None = described("How likely a storylet is to be drawn", None)
    repeatable: bool = described("A storylet may fire more than once", False)
    recurring: bool = described("Comes back every turn of its window while it holds", False)
    codex: Id | None = described("The history note of the event (codex/ID.md)", None)
    tags: list[str] = described("Free labels for the writer's own use", [])
    options: list[OptionFile] = described("The player's choices", min_length=1)
    premise: ConditionText | None = described(
        "The history the event assumes: when this fails as the event would fire, a "
        "variant fires in its place, or nothing",
        None,
    )
    variant_of: Id | None = described(
        "The event this one stands in for when that one's premise fails; it takes that "
        "event's date or window and needs no date or window of its own",
        None,
    )
    expires: Date | None = described(
        "The last day the event may fire: it is not queued in a season that begins after it",
        None,
    )
    arc: Id | None = described(
        "The arc (declared in campaign.yaml 'arcs') this event belongs to: deciding it "
        "opens the arc",
        None,
    )
    closes_arc: bool = described("Deciding this event closes its arc", False)
    elections: ElectionsFile | None = described(
        "Delegates elected upward before this congress (a dated event whose options vote)",
        None,
    )
    cast: dict[Id, RoleFile] = described(
        "The parts the event casts from the campaign's people, by role: the text names "
        "them as {role}; an event whose cast cannot be filled does not fire",
        {},
    )


class EventsFile(Strict):
    """events/*.yaml: a list of events."""

    events: list[EventFile] = described("The events of this file")
