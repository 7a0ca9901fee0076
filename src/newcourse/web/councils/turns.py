"""Each player's turns to address a council: a token bucket per player and council.

A player may give a council ``burst`` commands at once, then ``rate`` a second;
a command beyond that is refused (``TooFast``, a 429) before anything is read
or stored, so one player flooding a council costs the others nothing. Turns are
counted in the memory of one server process: with several processes a player
has that many buckets, which still bounds a flood.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

__all__ = ["KEPT_BUCKETS", "TooFast", "Turns"]

KEPT_BUCKETS = 50_000
"""Buckets remembered, the most recently used; a forgotten one is full again."""


class TooFast(Exception):
    """The player gave this council more commands than the limits allow just now."""

    def __init__(self, wait: float) -> None:
        super().__init__(
            "You are giving the council commands faster than it takes them; "
            "wait a moment and try again."
        )
        self.wait = wait


class Turns:
    """The players' buckets: ``burst`` commands at once, refilled at ``rate`` a second,
    timed by ``clock`` (monotonic seconds)."""

    def __init__(
        self, burst: int, rate: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.burst = float(max(1, burst))
        self.rate = rate
        self.clock = clock
        self._buckets: OrderedDict[tuple[str, str], tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, player: str, council: str) -> None:
        """Spend one of the player's turns in ``council`` (its id or code); ``TooFast``
        when none is left, which spends nothing."""
        now = self.clock()
        key = (player, council)
        with self._lock:
            tokens, at = self._buckets.pop(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - at) * self.rate)
            if tokens < 1.0:
                self._keep(key, tokens, now)
                raise TooFast((1.0 - tokens) / self.rate if self.rate > 0 else 60.0)
            self._keep(key, tokens - 1.0, now)

    def _keep(self, key: tuple[str, str], tokens: float, now: float) -> None:
        self._buckets[key] = (tokens, now)
        while len(self._buckets) > KEPT_BUCKETS:
            self._buckets.popitem(last=False)
