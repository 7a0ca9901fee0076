"""What others chose: after a decision, the share of this server's games that took each
option at that event, as *1979 Revolution* shows it.

Only aggregates are kept (``storage.sql.ChoiceRow``: a count per campaign, event
and option), never who chose; a decision taken back is taken out of the count.
The options are named as the player saw them before deciding; options that were
not open to this player are counted together, unnamed, so nothing hidden shows.
"""

from __future__ import annotations

from typing import NamedTuple

from ..engine import Game
from ..session import PublicView, public_view
from ..storage.sql import SqlGameStore

__all__ = ["OptionShare", "OthersChose", "others_chose"]


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


def others_chose(
    store: SqlGameStore, game: Game, before: PublicView | None = None
) -> OthersChose | None:
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
