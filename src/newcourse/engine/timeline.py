"""The player's timeline: each decision beside what history did, in calendar order.

What a row shows of an event (its title, its date, what history chose, the texts
of its options and the labels of their outcomes) is worked out once per
campaign (``chronicles``, kept in the campaign's index), so a view makes its
rows with a few lookups however long the game has run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

from .index import history_text

if TYPE_CHECKING:
    from .model import Campaign, Event
    from .state import Entry

__all__ = ["MONTHS", "Chronicle", "TimelineRow", "chronicles", "day_text", "timeline_rows"]

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def day_text(date: dt.date) -> str:
    """A date as the game writes it: "15 October 1923"."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


class TimelineRow(NamedTuple):
    """One decision beside what history did."""

    date: str
    event: str
    chosen: str
    outcome: str
    history: str  # what the real Opposition chose, or ""
    as_history: bool | None


class Chronicle(NamedTuple):
    """What the timeline shows of one event, worked out once."""

    title: str
    date: dt.date | None  # a set piece's date; None for a storylet or the season's work
    day: str  # the date as written, or "" when undated
    history: str  # what the real Opposition chose, as the timeline says it
    options: Mapping[str, str]  # each option's text, by id
    outcomes: Mapping[tuple[str, str], str]  # each outcome's label, by (option, outcome)


def chronicle(event: Event) -> Chronicle:
    """What the timeline shows of ``event``."""
    options: dict[str, str] = {}
    outcomes: dict[tuple[str, str], str] = {}
    for option in event.options:
        options.setdefault(option.id, option.text)
        pool = list(option.outcomes)
        if option.vote is not None:
            pool += [option.vote.passed, option.vote.failed]
        for outcome in pool:
            outcomes.setdefault((option.id, outcome.id), outcome.label)
    return Chronicle(
        event.title,
        event.date,
        day_text(event.date) if event.date is not None else "",
        history_text(event),
        options,
        outcomes,
    )


def chronicles(events: Mapping[str, Event]) -> Mapping[str, Chronicle]:
    """Each event's ``Chronicle``, by id."""
    return {event_id: chronicle(event) for event_id, event in events.items()}


def timeline_rows(
    campaign: Campaign, timeline: tuple[Entry, ...], render: Callable[[str], str]
) -> tuple[TimelineRow, ...]:
    """The decisions in the order of the calendar: by season, and within a season the
    dated events by their dates, then the undated ones (storylets and the season's
    work), which are played at the season's end and say so. An option's text with
    tags in it is shown as the player read it when choosing; a timeline made before
    that was kept has its tags read by ``render`` (against the state as it is now)."""
    index = campaign.index
    known = index.chronicles
    turn_of = index.turn
    rows: list[tuple[tuple[int, bool, dt.date], TimelineRow]] = []  # (when, row)
    for entry in timeline:
        told = known[entry.event_id]
        text = told.options.get(entry.option_id)
        outcome = ""
        if text is None:  # an option the campaign no longer has
            text = entry.option_id
        else:
            if entry.text is not None:  # as the player read it when choosing
                text = entry.text
            elif "{" in text:
                text = render(text)
            if entry.outcome_id is not None:
                outcome = told.outcomes.get((entry.option_id, entry.outcome_id), "")
        turn, date = entry.turn, told.date
        if date is None:  # played at the season's end
            season = turn_of(turn)
            when, day = (turn, True, season.first_day), season.season_end
        else:
            when, day = (turn, False, date), told.day
        rows.append(
            (when, TimelineRow(day, told.title, text, outcome, told.history, entry.historical))
        )
    rows.sort(key=itemgetter(0))  # stable: in the order played within the same day
    return tuple(row for _, row in rows)
