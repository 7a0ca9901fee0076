"""What others chose: after a decision, the share of this server's games that took each
option at that event, as *1979 Revolution* shows it.

Only aggregates are kept (``storage.sql.ChoiceRow``: a count per campaign, event
and option), never who chose; a decision taken back is taken out of the count.
The options are named as the player saw them before deciding; options that were
not open to this player are counted together, unnamed, so nothing hidden shows.

The counts of an event are read from the store at most once a second per process
(``ChoiceCounts``): this process's own decisions are added as they are written,
so its players always see their own, and other processes' within a second.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from threading import Lock
from typing import NamedTuple, Protocol

from ..engine import Game
from ..session import PublicView, public_view
from ..storage.sql import Counted, SqlGameStore

__all__ = ["FRESH", "ChoiceCounts", "Counts", "OptionShare", "OthersChose", "others_chose"]

FRESH = 1.0
"""Seconds for which the counts of an event read from the store are used again."""


class OptionShare(NamedTuple):
    """One option at the event: how many games took it, in percent of all that decided it."""

    id: str | None  # None: the options this player was not offered, together
    text: str
    games: int
    percent: int
    yours: bool


class OthersChose(NamedTuple):
    """The server's games at the event the player just decided."""

    event_id: str
    event_title: str
    games: int  # every game on this server that decided this event (this one included)
    options: tuple[OptionShare, ...]


class Counts(Protocol):
    """Where the counts come from: the store itself, or ``ChoiceCounts`` in front of it."""

    def choices(self, campaign: str, event: str) -> dict[str, int]:
        """How many games took each option at ``event``, by option id."""
        ...


class ChoiceCounts:
    """The counts of ``store``, each event's read again once it is ``FRESH`` seconds old
    (by ``clock``), with this process's own decisions added as they are written."""

    def __init__(self, store: SqlGameStore, clock: Callable[[], float] = time.monotonic) -> None:
        self.store = store
        self.clock = clock
        # each event's counts, when the read of them was asked and when it was answered
        self._read: dict[tuple[str, str], tuple[float, float, dict[str, int]]] = {}
        self._lock = Lock()

    def choices(self, campaign: str, event: str) -> dict[str, int]:
        """How many games took each option at ``event``, by option id."""
        key = (campaign, event)
        with self._lock:
            found = self._read.get(key)
        if found is not None and self.clock() - found[0] < FRESH:
            return dict(found[2])
        asked = self.clock()
        counts = self.store.choices(campaign, event)
        with self._lock:
            self._read[key] = (asked, self.clock(), counts)
        return dict(counts)

    def counted(self, campaign: str, decisions: Sequence[Counted], since: float) -> None:
        """Add ``decisions``, written to the store by a write begun at ``since`` (by the
        clock), to the counts kept, as the store counts them (never below nothing, an
        option at nothing not named). Counts read while that write was under way may hold
        it already or not: they are dropped, to be read again."""
        with self._lock:
            for decision in decisions:
                key = (campaign, decision.event)
                found = self._read.get(key)
                if found is None:
                    continue
                if found[1] >= since:
                    del self._read[key]
                    continue
                counts = found[2]
                games = max(0, counts.get(decision.option, 0) + decision.games)
                if games:
                    counts[decision.option] = games
                else:
                    counts.pop(decision.option, None)


def others_chose(store: Counts, game: Game, before: PublicView | None = None) -> OthersChose | None:
    """What the server's games chose at the event ``game`` decided last; None before the
    first decision. ``before`` is the view that decision was taken on, when it is known."""
    if not game.decisions:
        return None
    last = game.decisions[-1]
    counts = store.choices(game.campaign.id, last.event)
    if before is None:
        before = public_view(
            game._replace(states=game.states[:-1], decisions=game.decisions[:-1]).view(),
            game.campaign,
        )
    event_title = before.event.title if before.event is not None else last.event
    counts[last.option] = max(counts.get(last.option, 0), 1)  # this game, though not counted
    total = sum(counts.values())
    shares = [
        OptionShare(
            o.id,
            o.text,
            counts.get(o.id, 0),
            round(100 * counts.get(o.id, 0) / total),
            o.id == last.option,
        )
        for o in before.options
    ]
    unseen = total - sum(share.games for share in shares)
    if unseen > 0:
        shares.append(
            OptionShare(None, "options not open to you", unseen, round(100 * unseen / total), False)
        )
    return OthersChose(last.event, event_title, total, tuple(shares))
