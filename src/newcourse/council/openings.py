"""The opening of a motion's debate: the cases the campaign gives for and against its
options, in the words of the historical figures who argued them.

They come from the campaign (``council.yaml``, ``openings``), not from the
delegates: a motion shows them above its debate before anyone posts, and they
are never written as records. The words are the campaign's paraphrase of a
position the figure really held, so every front-end shows them "in the spirit
of" the figure, with the source (``phrases.in_the_spirit``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..engine import Campaign

__all__ = ["Opening", "debate_openings", "opening_data"]

SIDES = ("for", "against")


@dataclass(frozen=True, slots=True)
class Opening:
    """A historical figure's case for or against one option of a motion."""

    option: str  # the option's id
    side: str  # "for" or "against"
    speaker: str  # the figure's name, as shown
    person: str  # the figure's id in the campaign's people, or ""
    text: str  # the campaign's paraphrase of the case
    source: str  # the document or speech it comes from
    codex: str  # the codex note on it, or ""


def debate_openings(
    campaign: Campaign, event_id: str, shown: Sequence[str] | None = None
) -> tuple[Opening, ...]:
    """The cases that open the debate on ``event_id``'s motion, option by option in
    the event's order (or in the order of ``shown``, the options the motion shows,
    leaving out the others), each option's case for before its case against."""
    procedure = campaign.council
    event = campaign.events.get(event_id)
    if procedure is None or event is None:
        return ()
    order = list(shown) if shown is not None else [option.id for option in event.options]
    cases = [case for case in procedure.openings if case.event == event_id]
    cases = [case for case in cases if case.option in order]
    cases.sort(key=lambda case: (order.index(case.option), SIDES.index(case.side)))
    return tuple(
        Opening(
            case.option,
            case.side,
            case.speaker,
            case.person,
            case.text,
            case.source,
            case.codex,
        )
        for case in cases
    )


def opening_data(opening: Opening) -> dict[str, Any]:
    """An opening as JSON data."""
    return {
        "option": opening.option,
        "side": opening.side,
        "speaker": opening.speaker,
        "person": opening.person,
        "text": opening.text,
        "source": opening.source,
        "codex": opening.codex,
    }
