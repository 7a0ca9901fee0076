"""The campaign's lookup tables, worked out once when a campaign is made.

A campaign is frozen, so what the rules look up on every decision (each turn's
events in the order they are queued, the headlines by date, the final endings,
each event's historical options) is computed with it and never goes stale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from .calendar import Quarter
from .expressions import BUILTINS, Binary, Call, Expr, NameKind, Namespace, Not, names_in
from .expressions.people import PEOPLE_FUNCTIONS
from .text import Render, compile_template

if TYPE_CHECKING:
    from .model import Campaign, Clock, Ending, Event, Headline, Option, Outcome, Quality
    from .preview import Plan

__all__ = ["CampaignIndex", "LapseReads", "TurnIndex", "history_outcome", "history_text"]


class LapseReads(NamedTuple):
    """What can make a queued event lapse: the values and flags its condition and
    premise read, whether they ask about people, and whether it casts people."""

    values: tuple[str, ...]
    flags: frozenset[str]
    people: bool
    casts: bool


class TurnIndex:
    """What the rules look up in one turn of a campaign."""

    __slots__ = ("builtins", "dated", "first_day", "last_day", "pool", "recurring", "season_end")

    def __init__(self, start: Quarter, events: Iterable[Event], turn: int) -> None:
        quarter = start.plus(turn)
        self.first_day: dt.date = quarter.first_day
        # variants are queued in their original's place; expired events not at all
        events = tuple(
            e
            for e in events
            if e.variant_of is None and (e.expires is None or e.expires >= quarter.first_day)
        )
        self.builtins: Mapping[str, int] = {
            "year": quarter.year,
            "quarter": quarter.number,
            "turn": turn,
        }
        self.last_day: dt.date = quarter.plus(1).first_day - dt.timedelta(days=1)
        # where the timeline dates the season's undated events
        self.season_end = f"End of {quarter.season} {quarter.year}"
        # set pieces by (date, id), as they are queued
        self.dated: tuple[Event, ...] = tuple(
            sorted(
                (e for e in events if e.date is not None and e.window[0] == quarter),
                key=lambda e: (e.date, e.id),
            )
        )
        self.recurring: tuple[Event, ...] = tuple(
            e for e in events if e.recurring and e.window[0] <= quarter <= e.window[1]
        )
        # storylets by id, as they are drawn
        self.pool: tuple[Event, ...] = tuple(
            sorted(
                (
                    e
                    for e in events
                    if e.date is None and not e.recurring and e.window[0] <= quarter <= e.window[1]
                ),
                key=lambda e: e.id,
            )
        )


def reads_people(expr: Expr) -> bool:
    """Whether an expression asks about people (their trust, posts, camps...)."""
    if isinstance(expr, Call):
        return expr.function in PEOPLE_FUNCTIONS or any(reads_people(a) for a in expr.args)
    if isinstance(expr, Not):
        return reads_people(expr.operand)
    if isinstance(expr, Binary):
        return reads_people(expr.left) or reads_people(expr.right)
    return False


def history_text(event: Event) -> str:
    """What the real Opposition chose at ``event``, and how it turned out where the
    campaign says: "Move the resolution (The motion falls)"."""
    texts = []
    for option in event.options:
        if option.historical:
            outcome = history_outcome(option)
            texts.append(f"{option.text} ({outcome.label})" if outcome else option.text)
    return " / ".join(texts)


def history_outcome(option: Option) -> Outcome | None:
    """The outcome of ``option`` that history took, if the campaign names one."""
    if option.history_outcome is None:
        return None
    pool = list(option.outcomes)
    if option.vote is not None:
        pool += [option.vote.passed, option.vote.failed]
    return next((o for o in pool if o.id == option.history_outcome), None)


class CampaignIndex:
    """Per-campaign lookups for the rules' hot path."""

    __slots__ = (
        "_events",
        "_start",
        "always_open",
        "arcs",
        "chronicles",
        "clock_named",
        "clocks",
        "congresses",
        "factions",
        "final_endings",
        "headlines",
        "historical",
        "history",
        "lapse_reads",
        "lapsing",
        "levelled",
        "plans",
        "premised",
        "shown",
        "shown_qualities",
        "stages",
        "texts",
        "turns",
        "variants",
    )

    def __init__(self, campaign: Campaign) -> None:
        self._start, self._events = campaign.start, tuple(campaign.events.values())
        self.turns = tuple(TurnIndex(self._start, self._events, t) for t in range(campaign.turns))
        self.final_endings: tuple[Ending, ...] = tuple(e for e in campaign.endings if e.final)
        self.headlines: tuple[Headline, ...] = tuple(
            sorted(campaign.headlines, key=lambda h: h.date)  # stable: file order within a day
        )
        self.factions = tuple(campaign.factions)
        # each event's historical options, by id
        self.historical: Mapping[str, tuple[str, ...]] = {
            event.id: tuple(o.id for o in event.options if o.historical)
            for event in campaign.events.values()
        }
        # what the real Opposition chose at each event, as the results say it
        self.history: Mapping[str, str] = {
            event.id: history_text(event) for event in campaign.events.values()
        }
        # events whose every option is always available: no 'visible', no 'requires'
        self.always_open = frozenset(
            event.id
            for event in campaign.events.values()
            if all(o.visible is None and o.requires is None for o in event.options)
        )
        # events with a condition: queued at a turn's start, they lapse when it fails
        self.lapsing = frozenset(
            e.id for e in campaign.events.values() if e.when is not None or e.cast
        )
        self._add_time(campaign)
        self._congress_cycle(campaign)
        self._tracks(campaign)
        self._shown(campaign)
        self._lapse_reads(campaign)

    def _lapse_reads(self, campaign: Campaign) -> None:
        """What the condition and premise of each event that can lapse read: a
        decision that changes none of it leaves the event due, if it is queued."""
        reads: dict[str, LapseReads] = {}
        for event_id in sorted(self.lapsing):
            event = campaign.events[event_id]
            values: set[str] = set()
            flags: set[str] = set()
            people = False
            for condition in (event.when, event.premise):
                if condition is None:
                    continue
                people = people or reads_people(condition.tree)
                for name in names_in(condition.tree):
                    (flags if name in campaign.flags else values).add(name)
            reads[event_id] = LapseReads(
                tuple(sorted(values - set(BUILTINS))), frozenset(flags), people, bool(event.cast)
            )
        self.lapse_reads: Mapping[str, LapseReads] = reads

    def _shown(self, campaign: Campaign) -> None:
        """What the view shows: the shown qualities (each with its clock, if it is
        one), their names and the factions', each event's timeline, and what can be
        known of its options' previews (in the order of its options)."""
        from .preview import plan_of
        from .timeline import chronicles

        self.shown_qualities: tuple[tuple[Quality, Clock | None], ...] = tuple(
            (q, self.clock_named.get(q.name)) for q in campaign.qualities.values() if q.shown
        )
        self.shown: frozenset[str] = frozenset(
            [*(q.name for q, _ in self.shown_qualities), *campaign.factions]
        )
        self.chronicles = chronicles(campaign.events)
        self.plans: Mapping[str, tuple[Plan, ...]] = {
            event.id: tuple(
                plan_of(o, event.recurring, self.shown_qualities) for o in event.options
            )
            for event in campaign.events.values()
        }

    def _tracks(self, campaign: Campaign) -> None:
        """The clocks, in the order they fill, and the qualities with named levels."""
        self.clocks: tuple[Clock, ...] = campaign.clocks
        self.clock_named: Mapping[str, Clock] = {clock.name: clock for clock in campaign.clocks}
        self.levelled: tuple[Quality, ...] = tuple(
            q for q in campaign.qualities.values() if q.levels
        )

    def _congress_cycle(self, campaign: Campaign) -> None:
        """The congresses with delegate elections, and the stages held at each turn's close."""
        from .congress import election_schedule

        self.congresses: tuple[Event, ...] = tuple(
            e for e in campaign.events.values() if e.elections is not None
        )
        self.stages: Mapping[int, tuple[tuple[str, int], ...]] = election_schedule(campaign.events)

    def _add_time(self, campaign: Campaign) -> None:
        """Premises, variants and conditional texts (see ``schedule`` and ``text``)."""
        variants: dict[str, list[Event]] = {}
        for event in campaign.events.values():
            if event.variant_of is not None:
                variants.setdefault(event.variant_of, []).append(event)
        self.variants: Mapping[str, tuple[Event, ...]] = {
            name: tuple(found) for name, found in variants.items()
        }
        # anything to look at beyond 'when' as events are queued
        self.premised = bool(variants) or any(
            e.premise is not None for e in campaign.events.values()
        )
        self.lapsing |= {e.id for e in campaign.events.values() if e.premise is not None}
        names = Namespace(
            dict.fromkeys(BUILTINS, NameKind.BUILTIN)
            | dict.fromkeys(campaign.qualities, NameKind.QUALITY)
            | dict.fromkeys(campaign.factions, NameKind.FACTION)
            | dict.fromkeys(campaign.flags, NameKind.FLAG),
            campaign.roster.names(campaign.roster.roles(campaign.events.values())),
        )
        self.texts: Mapping[str, Render] = {
            template.text: compile_template(template, names) for template in campaign.texts
        }
        self.arcs: Mapping[str, str] = dict(campaign.arcs)

    def turn(self, turn: int) -> TurnIndex:
        """The lookups of ``turn``; a turn outside the campaign's dates (a state made by
        hand) is worked out when asked for."""
        if 0 <= turn < len(self.turns):
            return self.turns[turn]
        return TurnIndex(self._start, self._events, turn)
