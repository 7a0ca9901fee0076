"""Tracks the player watches: named levels of a quality, and progress clocks.

A quality may name its levels ("censured", "removed from posts"): the view
shows the name beside the number, and a change that crosses from one level to
another is announced ("Standing: censured → removed from posts"). A clock is a
quality of a few segments, shown as "4 of 6"; when effects fill it, it acts
(its fill effects and flag) and empties to a stated value, and the fill is
announced ("The Control Commission acts: censured").
"""

from __future__ import annotations

from collections.abc import Mapping

from .expressions import Scope
from .model import Clock, Quality

__all__ = ["crossings", "fill_clocks", "level_of", "shown_level"]


def level_of(levels: tuple[tuple[int, str], ...], value: int) -> str:
    """The name of the level ``value`` is in: the last level whose least value it
    reaches; "" below the first level or without levels."""
    name = ""
    for least, level in levels:
        if value < least:
            break
        name = level
    return name


def shown_level(quality: Quality, clock: Clock | None, value: int) -> str:
    """What the player reads for the value: "4 of 6" for a clock, else the level's name."""
    if clock is not None:
        return f"{value} of {clock.segments}"
    return level_of(quality.levels, value)


def crossings(
    levelled: tuple[Quality, ...], before: Mapping[str, int], after: Mapping[str, int]
) -> tuple[str, ...]:
    """A line for each shown quality of ``levelled`` whose level changed between
    ``before`` and ``after``: "Standing: censured → removed from posts"."""
    lines = []
    for quality in levelled:
        was = level_of(quality.levels, before[quality.name])
        now = level_of(quality.levels, after[quality.name])
        if was != now and quality.shown:
            lines.append(
                f"{quality.label}: {was or before[quality.name]} → {now or after[quality.name]}"
            )
    return tuple(lines)


def fill_clocks(
    clocks: tuple[Clock, ...], levelled: tuple[Quality, ...], scope: Scope
) -> tuple[str, ...]:
    """Let every full clock act, in the order the campaign declares them: its fill
    effects (which may set a flag or fill a later clock) apply and it empties.
    Returns the announcements of the shown ones, each with the levels its fill
    reached: "The Control Commission acts: censured"."""
    said: list[str] = []
    values = scope.values
    for clock in clocks:
        if values[clock.name] < clock.segments:
            continue
        before = {q.name: values[q.name] for q in levelled}
        clock.fill.apply(scope)
        if not clock.shown:
            continue
        reached = [
            level_of(q.levels, values[q.name])
            for q in levelled
            if q.shown and level_of(q.levels, before[q.name]) != level_of(q.levels, values[q.name])
        ]
        reached = [name for name in reached if name]
        said.append(f"{clock.news}: {', '.join(reached)}" if reached else clock.news)
    return tuple(said)
