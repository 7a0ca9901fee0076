"""The fronts abroad in plain words, as both players show them: a phrase a front,
one sentence for the block, and the measures the block shows in place of the
qualities' rows."""

from __future__ import annotations

from ..session.view import FrontView, PublicView

__all__ = ["front_names", "front_words", "fronts_line"]


def front_words(front: FrontView) -> str:
    """A front as one phrase: "Germany 56, window open (preparation 3 of 6), open
    until December 1923"."""
    progress = f" (preparation {front.progress})" if front.progress else ""
    return f"{front.label} {front.value}, {front.state_label}{progress}, {front.window}"


def front_names(view: PublicView) -> set[str]:
    """The qualities and clocks the players show in the fronts block, not among the
    qualities: the measures of the fronts that are not in the background."""
    shown = [f for f in view.fronts if not f.background]
    return {f.quality for f in shown} | {f.clock for f in shown if f.clock is not None}


def fronts_line(view: PublicView) -> str:
    """The fronts abroad in one sentence ("" when the campaign has none to show)."""
    shown = [front_words(f) for f in view.fronts if not f.background]
    return f"Fronts abroad: {'; '.join(shown)}." if shown else ""
