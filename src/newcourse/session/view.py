"""The public view: what the player may see of a game at one moment, and nothing more.

Every front-end renders this view. It is made from the engine's ``TurnView``
by ``public_view`` and differs from it in three ways:

- **Nothing hidden.** No hidden quality (not even a front's), no flag, no
  background front; a test plays the real campaign and looks for them.
- **Self-sufficient.** Every change and quality carries its label and how it
  moved since the last decision; the campaign's title and introduction, and
  the codex notes the view points to (``codex``), are in it, so a client needs
  nothing else to draw it.
- **JSON-ready.** Only text, whole numbers, fractions, booleans, None and
  tuples of them, in named tuples (made by the thousand: they cost less than
  dataclasses) and the view itself a frozen dataclass; ``data.to_data`` turns
  it into what ``json.dumps`` writes, every field by name, and
  ``data.view_data`` does so with the timeline (every decision of the game so
  far, half a late view's weight) left out unless it is asked for. ``VERSION``
  goes up whenever a field changes meaning or goes away.

The engine's named tuples that already hold nothing hidden (a person, an
election line, a timeline row, an odds line, an amount, a vote's breakdown)
are part of it as they are, and are named here so clients import them from one
place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ..engine import Campaign, TurnView
from ..engine.congress import ElectionLine
from ..engine.fronts import FrontView
from ..engine.people import PersonView
from ..engine.preview import Amount
from ..engine.state import Change as EngineChange
from ..engine.state import NewsItem
from ..engine.state import Tally as EngineTally
from ..engine.timeline import TimelineRow
from ..engine.view import EndingView, EventView, OddsView
from ..engine.votes import BlocVotes, Breakdown, Lobbied

__all__ = [
    "VERSION",
    "Amount",
    "BlocVotes",
    "Breakdown",
    "Change",
    "CodexLink",
    "ElectionLine",
    "EndingView",
    "EventView",
    "Faction",
    "FrontView",
    "Last",
    "Lobbied",
    "NewsItem",
    "OddsView",
    "Option",
    "PersonView",
    "PublicView",
    "Quality",
    "Tally",
    "TimelineRow",
    "public_view",
]

VERSION = 2
"""The version of the view's shape, given in every view (``PublicView.version``).
2: the timeline is in a view's data only where it was asked for (``view_data``)."""


class Change(NamedTuple):
    """A shown value that moved: "Repression 25 → 30 (+5)"; a faction's share in percent."""

    name: str
    label: str
    before: int
    after: int
    delta: int
    percent: bool = False


class Tally(NamedTuple):
    """How a party body voted, or would vote today; ``passed`` is worked out already."""

    body: str
    delegates: int
    yes: int
    no: int
    yes_share: float
    passed: bool
    breakdown: Breakdown | None = None


class Quality(NamedTuple):
    """A shown quality: its value in its range, its group, the level or clock the player
    reads beside it ("censured", "2 of 3"), and how it moved since the last decision.
    The view holds no other kind, so nothing in it says whether a quality is shown."""

    name: str
    label: str
    value: int
    minimum: int
    maximum: int
    group: str
    description: str
    level: str = ""
    segments: int = 0  # a clock's segments; 0 for a quality that is not a clock
    delta: int = 0


class Faction(NamedTuple):
    """A faction and its share of the delegates, in percent."""

    name: str
    label: str
    share: float
    delta: int = 0  # how its whole-percent share moved since the last decision


class Option(NamedTuple):
    """An option the player can see: available or not (and why, in the writer's words),
    with its odds or expected vote and what it costs or does."""

    number: int  # 1-based, as the player types it
    id: str
    text: str
    available: bool
    reason: str
    odds: tuple[OddsView, ...]
    vote: Tally | None
    costs: tuple[Amount, ...] = ()
    effects: tuple[Amount, ...] = ()


class Last(NamedTuple):
    """What the last decision did, as the player may know it."""

    event_id: str
    option_id: str
    chosen: str
    outcome_id: str | None
    outcome_label: str
    result: str
    tally: Tally | None
    changes: tuple[Change, ...]
    as_history: bool | None
    history: str


class CodexLink(NamedTuple):
    """A codex note the view points to (from the event, the news), by id and title."""

    id: str
    title: str
    date: str


@dataclass(frozen=True, slots=True)
class PublicView:
    """One moment of a game as every front-end shows it (see the module's notes)."""

    version: int
    campaign: str  # the campaign's id
    title: str
    intro: str  # Markdown
    date: str  # "Autumn 1923"
    turn: int  # 1-based
    turns: int
    step: int  # decisions made so far
    opening: bool  # the first decision of a turn: show the front page
    news: tuple[NewsItem, ...]
    bulletins: tuple[NewsItem, ...]
    changes: tuple[Change, ...]  # over the last turn
    moved: tuple[Change, ...]  # since before the last decision
    last: Last | None
    event: EventView | None
    options: tuple[Option, ...]
    qualities: tuple[Quality, ...]
    factions: tuple[Faction, ...]
    timeline: tuple[TimelineRow, ...]
    ending: EndingView | None
    over: bool
    can_undo: bool
    undo_refusal: str | None  # why the last decision cannot be taken back, or None
    elections: tuple[ElectionLine, ...]
    announced: tuple[str, ...]
    arcs: tuple[str, ...]
    people: tuple[PersonView, ...]
    fronts: tuple[FrontView, ...]
    codex: tuple[CodexLink, ...]

    def option(self, number: int) -> Option | None:
        """The option the player knows by ``number``, or None."""
        for option in self.options:
            if option.number == number:
                return option
        return None


def public_view(view: TurnView, campaign: Campaign) -> PublicView:
    """The part of the engine's ``view`` of a game of ``campaign`` that the player may see."""
    shown = campaign.index.shown
    labels = {q.name: q.label for q in campaign.qualities.values()}
    labels.update({f.name: f.label for f in campaign.factions.values()})
    moved = {change.name: change.delta for change in view.moved}

    def changes(items: tuple[EngineChange, ...]) -> tuple[Change, ...]:
        return tuple(
            Change(c.name, labels.get(c.name, c.name), c.before, c.after, c.delta, c.percent)
            for c in items
            if c.name in shown
        )

    last = view.last
    fronts = tuple(
        f
        for f in view.fronts
        if not f.background and f.quality in shown and (f.clock is None or f.clock in shown)
    )
    return PublicView(
        version=VERSION,
        campaign=campaign.id,
        title=campaign.title,
        intro=campaign.intro,
        date=view.date,
        turn=view.turn,
        turns=view.turns,
        step=view.step,
        opening=view.opening,
        news=view.news,
        bulletins=view.bulletins,
        changes=changes(view.changes),
        moved=changes(view.moved),
        last=None
        if last is None
        else Last(
            last.event_id,
            last.option_id,
            last.chosen,
            last.outcome_id,
            last.outcome_label,
            last.result,
            _tally(last.tally),
            changes(last.changes),
            last.as_history,
            last.history,
        ),
        event=view.event,
        options=tuple(
            Option(
                o.number,
                o.id,
                o.text,
                o.available,
                o.reason,
                o.odds,
                _tally(o.vote),
                o.costs,
                o.effects,
            )
            for o in view.options
        ),
        qualities=tuple(
            Quality(
                q.name,
                q.label,
                q.value,
                q.minimum,
                q.maximum,
                q.group,
                q.description,
                q.level,
                q.segments,
                moved.get(q.name, 0),
            )
            for q in view.qualities
            if q.shown and q.name in shown
        ),
        factions=tuple(
            Faction(f.name, f.label, f.share, moved.get(f.name, 0)) for f in view.factions
        ),
        timeline=view.timeline,
        ending=view.ending,
        over=view.ending is not None,
        can_undo=view.can_undo,
        undo_refusal=view.undo_refusal,
        elections=view.elections,
        announced=view.announced,
        arcs=view.arcs,
        people=view.people,
        fronts=fronts,
        codex=_links(view, campaign),
    )


def _tally(tally: EngineTally | None) -> Tally | None:
    if tally is None:
        return None
    return Tally(
        tally.body,
        tally.delegates,
        tally.yes,
        tally.no,
        tally.yes_share,
        tally.passed,
        tally.breakdown,
    )


def _links(view: TurnView, campaign: Campaign) -> tuple[CodexLink, ...]:
    """The codex notes the event and the news point to, each once, in order."""
    wanted = [view.event.codex if view.event else None]
    wanted += [item.codex for item in (*view.news, *view.bulletins)]
    codex = campaign.codex
    return tuple(
        CodexLink(key, codex[key].title, codex[key].date)
        for key in dict.fromkeys(w for w in wanted if w)
        if key in codex
    )
