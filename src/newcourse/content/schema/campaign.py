"""campaign.yaml: the campaign, its qualities, factions, flags, clocks and congress cycle."""

from __future__ import annotations

from typing import Literal

from ..limits import MAX_EVENTS, MAX_NUMBER
from .events import WindowFile
from .values import (
    ConditionText,
    Count,
    Date,
    EffectsText,
    Id,
    NumberText,
    Strict,
    Text,
    described,
)

__all__ = [
    "ArgumentFile",
    "CampaignFile",
    "ClockFile",
    "ClockFillFile",
    "CongressFile",
    "ConstituencyFile",
    "FactionFile",
    "FlagFile",
    "FrontFile",
    "FrontStateFile",
    "QualityFile",
]


class QualityFile(Strict):
    """A quality: a number the game tracks, kept within its range."""

    label: str = described("The name the player sees")
    description: str = described("What the quality stands for, shown in the help", "")
    min: Count = described("The lowest value the quality can take", 0)
    max: Count = described("The highest value the quality can take", 100)
    initial: Count = described("The value at the start of the campaign")
    shown: bool = described("Shown on the status bar (hidden ones still work)", True)
    group: Literal["party", "economy", "world", "resources", "support"] = described(
        "Where the quality is shown; 'support' puts it on one compact line with the "
        "others of its group (support in the constituencies), by a short label of at "
        "most 10 characters",
        "party",
    )
    levels: dict[int, str] = described(
        "Named levels, lowest first: the least value of each level and its name, e.g. "
        "{0: full rights, 1: censured} or {0: silenced, 20: muffled, 40: heard}; the player "
        "reads the name, and a change that crosses into another level is announced",
        {},
    )


class ClockFillFile(Strict):
    """What a clock does when it fills."""

    effects: EffectsText | None = described("What the fill changes, e.g. 'standing += 1'", None)
    flag: Id | None = described("A flag the fill sets", None)
    empty_to: Count = described(
        "The value the clock empties to after it acts (below its segments)", 0
    )
    news: str = described(
        "The line that announces the fill, e.g. 'The Control Commission acts'; the levels "
        "it reaches follow it ('The Control Commission acts: censured')",
        "",
    )


class ClockFile(Strict):
    """A progress clock: a quality of a few segments, shown as '4 of 6', that acts when
    effects fill it. Expressions read it and effects move it by its name."""

    label: str = described("The name the player sees")
    description: str = described("What the clock measures, shown in the help", "")
    segments: int = described("How many steps fill the clock", ge=1, le=1000)
    initial: int = described("The value at the start (below its segments)", 0, ge=0, le=1000)
    shown: bool = described("Shown to the player, and its fills announced", True)
    group: Literal["party", "economy", "world", "resources"] = described(
        "Where the clock is shown", "party"
    )
    on_full: ClockFillFile = described("What happens when the clock fills", ClockFillFile())


class FactionFile(Strict):
    """A faction: its share of the delegates decides votes."""

    label: str = described("The name the player sees")
    description: str = described("Who the faction are, shown in the help", "")
    initial: int = described(
        "The faction's delegates at the start (any scale; votes use shares)", ge=0, le=MAX_NUMBER
    )


class FlagFile(Strict):
    """A flag: something that has or has not happened."""

    description: str = described("What the flag records", "")
    initial: bool = described("Whether the flag is set at the start", False)


class ConstituencyFile(Strict):
    """A part of the party that elects delegates to a congress."""

    label: str = described("The name the player sees, e.g. 'Moscow'")
    weight: int = described(
        "Its share of the delegates, against the other constituencies", ge=1, le=MAX_NUMBER
    )
    support: Id = described(
        "The quality that holds the Opposition's support there (effects move it by name)"
    )


class ArgumentFile(Strict):
    """A line of argument a vote may be put with."""

    label: str = described("The name the player sees, e.g. 'Industrialisation'")
    fit: NumberText = described(
        "How well it fits the moment, in points added to the uncommitted's swing "
        "(-100 to 100), e.g. 'goods_famine * 2 - grain_crisis'"
    )


class CongressFile(Strict):
    """The congress cycle: constituencies elect delegates upward before a congress."""

    opposition: Id = described(
        "The faction that is the Opposition: the elections decide its delegates"
    )
    constituencies: dict[Id, ConstituencyFile] = described(
        "The constituencies, by name", min_length=1
    )
    packing: NumberText | None = described(
        "The share (0 to 1) of the Opposition's delegates the apparatus removes at each "
        "stage of the elections, e.g. 'max(0, apparatus - democracy) / 100'",
        None,
    )
    arguments: dict[Id, ArgumentFile] = described(
        "The arguments an option's vote may be put with, by name", {}
    )
    leaders: dict[Id, Id] = described(
        "The factions' leaders, person to faction: a leader's trust in the Opposition "
        "(2 or more, or -2 or less) moves their faction's bloc a step at every vote",
        {},
    )


class FrontStateFile(Strict):
    """A state a front can be in: the first whose condition holds is the front's state."""

    id: Id = described(
        "The state's stable id (saves, maps and tests name it), e.g. quiet, preparing, won"
    )
    label: str = described(
        "What the player reads, short: 'preparing', 'councils hold'", min_length=1, max_length=24
    )
    kind: Literal["quiet", "preparing", "open", "won", "lost"] | None = described(
        "What the state is, for colouring a map: quiet, preparing, open, won or lost; "
        "by default the id, when the id is one of these",
        None,
    )
    when: ConditionText | None = described(
        "When the state holds, e.g. 'germany_soviet'; none: whenever its window phase does",
        None,
    )
    window: Literal["before", "open", "closed"] | None = described(
        "The window's phase the state needs: before it opens, while it is open, or after "
        "it has closed; none: any",
        None,
    )


class FrontFile(Strict):
    """A front abroad: a country's revolutionary chance, with a window of opportunity."""

    label: str = described("The name the player sees, e.g. 'Germany'")
    description: str = described("What the front is, shown in the help", "")
    quality: Id = described("The quality that measures the front, e.g. germany")
    clock: Id | None = described(
        "A clock that measures the preparation before the window (declared under 'clocks')",
        None,
    )
    window: WindowFile = described(
        "The window of opportunity: the first and the last day it is open; it may open "
        "after the campaign ends (the campaign prepares it, and the player reads when)"
    )
    background: bool = described(
        "A background front (news and small choices): kept off the players' fronts block",
        False,
    )
    states: list[FrontStateFile] = described(
        "The states the player reads, in order: the first that holds is the front's state, "
        "and the last must hold whenever no other does (no 'when', no 'window')",
        min_length=1,
        max_length=12,
    )


class CampaignFile(Strict):
    """campaign.yaml: what the campaign is."""

    id: Id = described("The campaign's stable id; saves name it")
    title: str = described("The campaign's title")
    version: int = described(
        "Raise it when the content changes; saves record it", ge=1, le=MAX_NUMBER
    )
    start: Date = described("The first turn is the quarter of this date (YYYY-MM-DD)")
    end: Date = described("The last turn is the quarter of this date (YYYY-MM-DD)")
    intro: Text = described("Markdown shown before the first turn", "")
    storylets_per_turn: int = described(
        "Conditional storylets drawn each turn", 1, ge=0, le=MAX_EVENTS
    )
    max_events_per_turn: int = described(
        "Dated and drawn events together in one turn", 3, ge=1, le=MAX_EVENTS
    )
    vote_packing: NumberText | None = described(
        "Delegates the apparatus adds to its side in every vote (a number expression)", None
    )
    qualities: dict[Id, QualityFile] = described("The numbers the game tracks, by name")
    factions: dict[Id, FactionFile] = described("The factions that vote, by name", {})
    flags: dict[Id, FlagFile | None] = described("Things that have or have not happened", {})
    congress: CongressFile | None = described(
        "The congress cycle: constituencies, packing by stage, arguments", None
    )
    clocks: dict[Id, ClockFile] = described(
        "Progress clocks shown to the player, by name (each is also a quality)", {}
    )
    fronts: dict[Id, FrontFile] = described(
        "The fronts abroad, by name: each a quality, a window and the states the player reads",
        {},
    )
    arcs: dict[Id, str] = described(
        "The story's arcs, by name, with the title the player reads while one is open "
        "(e.g. german_october: the German October)",
        {},
    )
