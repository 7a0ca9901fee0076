"""What the player may see: hidden qualities and flags stay out of the view.

A hidden quality (``shown: false``) and every flag are the game's own
bookkeeping; front-ends, tools and tests that need them read the game state.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .model import Campaign
from .state import Change, Resolution

__all__ = ["open_arcs", "shown_changes", "shown_names", "shown_resolution"]


def shown_names(campaign: Campaign) -> frozenset[str]:
    """The qualities shown to the player, and the factions."""
    return campaign.index.shown


def shown_changes(changes: tuple[Change, ...], shown: frozenset[str]) -> tuple[Change, ...]:
    """The changes of shown qualities and factions only."""
    if all(change.name in shown for change in changes):
        return changes
    return tuple(change for change in changes if change.name in shown)


def _only(values: Mapping[str, int], shown: frozenset[str]) -> Mapping[str, int]:
    if shown.issuperset(values):
        return values
    return {name: value for name, value in values.items() if name in shown}


def shown_resolution(last: Resolution | None, shown: frozenset[str]) -> Resolution | None:
    """The last decision as the player may see it: no hidden value, no flag."""
    if last is None:
        return None
    return last._replace(
        before=_only(last.before, shown),
        after=_only(last.after, shown),
        flags_before=frozenset(),
        flags_after=frozenset(),
    )


def open_arcs(campaign: Campaign, arcs: Iterable[str]) -> tuple[str, ...]:
    """The titles of the open arcs, in the order they opened."""
    titles = campaign.index.arcs
    return tuple(titles.get(arc, arc.replace("_", " ")) for arc in arcs)
