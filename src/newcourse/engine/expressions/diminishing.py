"""Diminishing steps: ``x +%= a`` and ``x -%= a``, so nothing stacks without limit.

A gain is scaled by the room left towards the top of the target's range, a loss
by the room left towards the bottom (ChoiceScript's fairmath, on a range of any
size)::

    x +%= a   moves x up by    a * (max - x) / (max - min)
    x -%= a   moves x down by  a * (x - min) / (max - min)

The step is rounded half to even, and a step of a positive amount moves the
value by at least 1 while there is room, so that a small gain near the top is
still a gain; it never moves the value past the end of its range. A negative
amount steps the other way (``x +%= -5`` is ``x -%= 5``); an amount of 0, or
one that is not a number (NaN), changes nothing.
"""

from __future__ import annotations

__all__ = ["diminished"]


def diminished(current: int, amount: float, low: int, high: int, up: bool) -> int:
    """``current`` after a diminishing step of ``amount`` towards ``high`` (``up``) or
    towards ``low``, within ``low..high``."""
    if not amount or amount != amount:  # zero, or NaN
        return current
    if amount < 0:
        amount, up = -amount, not up
    span = high - low
    room = (high - current) if up else (current - low)
    if span <= 0 or room <= 0:
        return current
    step = amount * room / span
    moved = room if step >= room else max(1, round(step))
    return current + moved if up else current - moved
