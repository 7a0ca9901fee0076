"""What a front-end shows: one plain, frozen view of the game at a moment.

Every front-end (terminal, plain text, web, council) renders this view and
nothing else, so they all show the same game. Prose is Markdown; the view
carries no styling.

Its records are named tuples, as immutable to their readers as frozen
dataclasses and cheaper to make, which every view does: timed here, a
``TurnView`` took 3.8 µs to make as a frozen dataclass and an ``OptionView``
1.6 µs, against about 0.4 µs for a named tuple of their fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import NamedTuple

from .congress import ElectionLine, election_lines
from .expressions import Scope
from .fronts import FrontView, front_views
from .model import Campaign, Event, Option, Outcome
from .people import PersonView, cast_of, people_view
from .preview import Amount, Plan, option_preview
from .rules import (
    current_event,
    is_available,
    is_visible,
    outcome_odds,
    scope_of,
    vote_tally,
)
from .shown import open_arcs, shown_changes, shown_resolution
from .state import Change, GameState, NewsItem, Resolution, Tally, changes_between
from .text import render
from .timeline import MONTHS, TimelineRow, day_text, timeline_rows
from .tracks import crossings, shown_level

__all__ = [
    "Amount",
    "EndingView",
    "EventView",
    "FactionView",
    "FrontView",
    "OddsView",
    "OptionView",
    "QualityView",
    "TimelineRow",
    "TurnView",
    "build_view",
]


class QualityView(NamedTuple):
    """A shown quality as the sidebar shows it."""

    name: str
    label: str
    value: int
    minimum: int
    maximum: int
    group: str
    shown: bool
    description: str
    level: str = ""  # what the player reads beside the number: a level's name, "4 of 6"
    segments: int = 0  # a clock's segments; 0 for a quality that is not a clock


class FactionView(NamedTuple):
    """A faction and its share of the delegates."""

    name: str
    label: str
    share: float  # percent of all delegates


class OddsView(NamedTuple):
    """An outcome of an option and its chance in whole percent."""

    id: str
    label: str
    percent: int


class OptionView(NamedTuple):
    number: int  # 1-based, as the player types it
    id: str
    text: str
    available: bool
    reason: str  # why it is unavailable, in the writer's words, or ""
    odds: tuple[OddsView, ...]
    vote: Tally | None  # the expected vote, if the option puts a motion
    # what it spends of the shown resources, and (the season's standing work) how its
    # own effects would move the shown qualities now; see ``preview``
    costs: tuple[Amount, ...] = ()
    effects: tuple[Amount, ...] = ()


class EventView(NamedTuple):
    id: str
    title: str
    date: str  # "15 October 1923" for set pieces, the season otherwise
    text: str
    codex: str | None
    historical: bool


class EndingView(NamedTuple):
    id: str
    title: str
    text: str
    summary: tuple[str, ...]
    history: str


class TurnView(NamedTuple):
    campaign: str
    date: str  # "Autumn 1923"
    turn: int  # 1-based
    turns: int
    step: int
    opening: bool  # the first decision of a turn: show the front page
    news: tuple[NewsItem, ...]  # the turn's front page
    bulletins: tuple[NewsItem, ...]  # news that came in with the last decision, within the turn
    changes: tuple[Change, ...]  # over the last turn, world rules included
    moved: tuple[Change, ...]  # since before the last decision, world rules included
    last: Resolution | None
    event: EventView | None
    options: tuple[OptionView, ...]
    qualities: tuple[QualityView, ...]
    factions: tuple[FactionView, ...]
    timeline: tuple[TimelineRow, ...]
    ending: EndingView | None
    # why the last decision cannot be taken back (a drawn outcome stands), or None
    undo_refusal: str | None = None
    # the delegate elections under way before a congress: a line per stage
    elections: tuple[ElectionLine, ...] = ()
    # shown with the last result: the clocks it filled and the levels it crossed
    announced: tuple[str, ...] = ()
    arcs: tuple[str, ...] = ()  # the titles of the story's open arcs ("the German October")
    people: tuple[PersonView, ...] = ()  # the people the player knows, as they now are
    fronts: tuple[FrontView, ...] = ()  # the fronts abroad: state, window, preparation

    @property
    def can_undo(self) -> bool:
        return self.undo_refusal is None

    def option(self, number: int) -> OptionView | None:
        for option in self.options:
            if option.number == number:
                return option
        return None


_MONTHS = MONTHS


def event_date(campaign: Campaign, event: Event, turn: int) -> str:
    if event.date is not None:
        return day_text(event.date)
    return str(campaign.quarter(turn))


def _option_view(
    campaign: Campaign,
    number: int,
    option: Option,
    scope: Scope,
    event: Event | None = None,
    held: Mapping[str, tuple[tuple[float, ...], ...]] | None = None,
    plan: Plan | None = None,
) -> OptionView:
    available = is_available(option, scope)
    reason = "" if available else option.unavailable  # only what the writer gave
    odds: tuple[OddsView, ...] = ()
    tally = None
    if option.vote is not None:
        tally = vote_tally(campaign, option.vote, scope, event, option, held)
    elif option.outcomes:
        odds = _percentages(outcome_odds(option, scope))
    text = render(campaign.index.texts, option.text, scope)
    recurring = event is not None and event.recurring
    costs, effects = option_preview(campaign, option, scope, recurring, plan)
    return OptionView(number, option.id, text, available, reason, odds, tally, costs, effects)


def _percentages(odds: list[tuple[Outcome, float]]) -> tuple[OddsView, ...]:
    """Whole percentages that add up to 100 (largest remainders get the rounding)."""
    raw = [chance * 100 for _, chance in odds]
    floors = [int(r) for r in raw]
    spare = 100 - sum(floors)
    for index in sorted(range(len(raw)), key=lambda i: raw[i] - floors[i], reverse=True)[:spare]:
        floors[index] += 1
    return tuple(OddsView(o.id, o.label, p) for (o, _), p in zip(odds, floors, strict=True))


class _FrontPages:
    """The front page's changes (what moved over the last turn, as shown) of the last
    few turns viewed. Every state of a turn holds the very same values as the turn
    before opened and as this one opened, so the views of a turn's decisions work
    them out once, where each took about 10 µs here (the bundled campaign's values and
    the factions' shares). Kept by the identity of those values, which are never
    changed; the values kept cannot be freed, so no other can take their identity."""

    SIZE = 16  # turns kept; when full, forgotten all at once

    def __init__(self) -> None:
        # by id(turn_start): (turn_before, turn_start, the campaign's index, the changes)
        self.kept: dict[
            int, tuple[Mapping[str, int], Mapping[str, int], object, tuple[Change, ...]]
        ] = {}

    def changes(self, campaign: Campaign, state: GameState) -> tuple[Change, ...]:
        before, start, index = state.turn_before, state.turn_start, campaign.index
        kept = self.kept.get(id(start))
        if kept is not None and kept[0] is before and kept[1] is start and kept[2] is index:
            return kept[3]
        changes = shown_changes(changes_between(before, start, index.factions), index.shown)
        if len(self.kept) >= self.SIZE:
            self.kept.clear()
        self.kept[id(start)] = (before, start, index, changes)
        return changes


_FRONT_PAGES = _FrontPages()


def _moved(campaign: Campaign, previous: GameState | None, state: GameState) -> tuple[Change, ...]:
    if previous is None:
        return ()
    return changes_between(previous.values, state.values, campaign.index.factions)


def _shown_text(campaign: Campaign, state: GameState, text: str) -> str:
    """A text of the timeline, its tags read against the state as it is now."""
    return render(campaign.index.texts, text, scope_of(campaign, state))


def _timeline(campaign: Campaign, state: GameState) -> tuple[TimelineRow, ...]:
    return timeline_rows(campaign, state.timeline, partial(_shown_text, campaign, state))


def build_view(
    campaign: Campaign,
    state: GameState,
    previous: GameState | None = None,
    undo_refusal: str | None = "there is nothing to undo yet",
    timeline: bool = True,
) -> TurnView:
    """The view of ``state``; ``previous`` (the state before the last decision) gives ``moved``;
    without ``timeline``, the view's timeline is left empty (it is the longest part to make)."""
    scope = scope_of(campaign, state)
    index = campaign.index
    texts = index.texts
    shown = index.shown
    event = current_event(campaign, state)
    if event is not None and event.cast:
        scope.cast = cast_of(event.cast, scope.people) or {}
    event_view = None
    options: tuple[OptionView, ...] = ()
    if event is not None and not state.over:
        event_view = EventView(
            id=event.id,
            title=event.title,
            date=event_date(campaign, event, state.turn),
            text=render(texts, event.text, scope),
            codex=event.codex,
            historical=any(o.historical for o in event.options),
        )
        plans = index.plans[event.id]  # what of each option's preview is known already
        visible = [(o, plans[i]) for i, o in enumerate(event.options) if is_visible(o, scope)]
        options = tuple(
            _option_view(campaign, number, option, scope, event, state.elections, plan)
            for number, (option, plan) in enumerate(visible, start=1)
        )
    total = sum(max(0, state.values[f]) for f in campaign.factions) or 1
    ending_view = None
    if state.ending is not None:
        ending = next(e for e in campaign.endings if e.id == state.ending)
        ending_view = EndingView(
            id=ending.id,
            title=ending.title,
            text=render(texts, ending.text, scope),
            summary=tuple(
                render(texts, line.text, scope)
                for line in ending.summary
                if line.when is None or line.when.test(scope)
            ),
            history=ending.history,
        )
    return TurnView(
        campaign=campaign.title,
        date=str(campaign.quarter(state.turn)),
        turn=state.turn + 1,
        turns=campaign.turns,
        step=state.step,
        opening=not state.timeline or state.timeline[-1].turn != state.turn,
        news=state.news,
        bulletins=state.bulletins,
        changes=_FRONT_PAGES.changes(campaign, state),
        moved=shown_changes(_moved(campaign, previous, state), shown),
        last=shown_resolution(state.last, shown),
        event=event_view,
        options=options,
        qualities=_quality_views(campaign, state),
        factions=tuple(
            FactionView(f.name, f.label, 100 * max(0, state.values[f.name]) / total)
            for f in campaign.factions.values()
        ),
        timeline=_timeline(campaign, state) if timeline else (),
        ending=ending_view,
        undo_refusal=undo_refusal,
        elections=election_lines(campaign, state.turn, state.elections, state.fired, state.queue),
        announced=_announced(campaign, state.last),
        arcs=open_arcs(campaign, state.arcs),
        people=people_view(campaign.roster, state.people),
        fronts=front_views(
            campaign.fronts,
            scope,
            campaign.quarter(state.turn),
            state.values,
            campaign.ranges,
        ),
    )


def _quality_views(campaign: Campaign, state: GameState) -> tuple[QualityView, ...]:
    values = state.values
    return tuple(
        QualityView(
            q.name,
            q.label,
            values[q.name],
            q.minimum,
            q.maximum,
            q.group,
            q.shown,
            q.description,
            shown_level(q, clock, values[q.name]) if clock is not None or q.levels else "",
            clock.segments if clock is not None else 0,
        )
        for q, clock in campaign.index.shown_qualities  # hidden information stays out
    )


def _announced(campaign: Campaign, last: Resolution | None) -> tuple[str, ...]:
    """The clocks the last decision filled and the levels it crossed."""
    if last is None:
        return ()
    return (*last.fills, *crossings(campaign.index.levelled, last.before, last.after))
