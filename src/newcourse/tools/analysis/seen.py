"""Which flags the player can ever notice.

A flag is *seen* when something the player sees depends on it: whether an
event comes (its condition or weight), whether an option is shown or open, the
odds shown for an outcome or a vote (and the packing of votes), which ending
is reached and its summary lines, a headline, a world rule that has news for
the front page, or the state of a front abroad. A flag read only by
strategies, by hidden world rules, or by effects that compute other values is
not seen: it can be set in every game and the player never learn of it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...engine.expressions import names_in
from ...engine.model import Campaign, Condition, Weight

__all__ = ["flags_the_player_sees"]


def _seen_expressions(campaign: Campaign) -> Iterator[Condition | Weight | None]:
    yield campaign.vote_packing
    for event in campaign.events.values():
        yield event.when
        yield event.weight
        for option in event.options:
            yield option.visible
            yield option.requires
            yield from (o.weight for o in option.outcomes)
            if option.vote is not None:
                yield option.vote.swing
    for rule in campaign.rules:
        if rule.news:
            yield rule.when
    for headline in campaign.headlines:
        yield headline.when
    for ending in campaign.endings:
        yield ending.when
        yield from (line.when for line in ending.summary)
    for front in campaign.fronts:
        yield from (state.when for state in front.states)


def flags_the_player_sees(campaign: Campaign) -> frozenset[str]:
    """The campaign's flags named by anything the player sees (see the module's docstring)."""
    named: set[str] = set()
    for expression in _seen_expressions(campaign):
        if expression is not None:
            named |= names_in(expression.tree)
    return frozenset(named & set(campaign.flags))
