"""The game's chance: a deterministic stream of numbers for each purpose and step.

Every chance the rules take (a storylet draw at a turn's start, an uncertain
outcome at a decision) reads a stream named by its purpose and its step (the
turn, or the number of decisions made), keyed by the game's seed. A stream
depends on nothing else, so the same seed and decisions give the same game
whichever way it was reached (played, undone, replayed or loaded).

Two generators give such streams:

- ``Dice`` (``"splitmix"``), every new game's: counter-based, each number a
  SplitMix64 mix of the seed, the purpose, the step and the number's place in
  the stream. About 1 µs for a stream's first number.
- ``MersenneDice`` (``"mersenne"``), the first generator: a ``random.Random``
  seeded with the string ``"seed:purpose:step"``. Seeding the Mersenne Twister
  costs about 9 µs a stream, a tenth of a decision; it is kept so that games
  saved or recorded with it (save format 1, replay format 1) play on as they were.
"""

from __future__ import annotations

import random
from functools import lru_cache
from typing import ClassVar, Protocol

__all__ = ["DICE", "NEW_DICE", "OLD_DICE", "Dice", "MersenneDice", "Stream", "dice_named"]

_MASK = (1 << 64) - 1
_GAMMA = 0x9E3779B97F4A7C15  # the golden ratio in 64 bits, SplitMix64's increment
_UNIT = 2.0**-53  # 53 random bits make a float in [0, 1)
_NEGATIVE = 0x5DEECE66D  # mixed into a negative seed's key: -n and 2**64 - n differ


class Stream(Protocol):
    """Numbers in [0, 1), one after another."""

    def random(self) -> float: ...


def _mix(z: int) -> int:
    """SplitMix64's finaliser: a 64-bit number to a well-mixed 64-bit number."""
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9 & _MASK
    z = (z ^ (z >> 27)) * 0x94D049BB133111EB & _MASK
    return z ^ (z >> 31)


_PURPOSES: dict[str, int] = {}


def _purpose_code(purpose: str) -> int:
    """A purpose's name as a 64-bit number, the same in every process."""
    code = _PURPOSES.get(purpose)
    if code is None:
        code = 0
        data = purpose.encode()
        for start in range(0, len(data), 8):
            code = _mix(code ^ int.from_bytes(data[start : start + 8], "little"))
        _PURPOSES[purpose] = code
    return code


class _Counter:
    """One stream of ``Dice``: its n-th number mixes its key plus n times SplitMix64's
    increment (the key itself is a mix of the seed, the purpose and the step)."""

    __slots__ = ("_next",)

    def __init__(self, key: int) -> None:
        self._next = key

    def random(self) -> float:
        self._next = self._next + _GAMMA & _MASK
        return (_mix(self._next) >> 11) * _UNIT


class Dice:
    """The game's only source of chance (``"splitmix"``): a stream per purpose and step.

    A seed is a whole number; every seed from -2**64 to 2**64 - 1 has streams of
    its own. Making one costs next to nothing (a game makes one per decision); the
    mixing is done when a stream is asked for."""

    __slots__ = ("_keys", "seed")

    name: ClassVar[str] = "splitmix"

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._keys: dict[str, int] = {}  # each purpose's key: a mix of the seed and it

    def stream(self, purpose: str, step: int) -> Stream:
        """The numbers for ``purpose`` at ``step``: always the same for the same seed."""
        key = self._keys.get(purpose)
        if key is None:
            seed = self.seed
            code = _purpose_code(purpose) ^ (_NEGATIVE if seed < 0 else 0)
            key = self._keys[purpose] = _mix(seed & _MASK ^ code)
        return _Counter(_mix(key + step & _MASK))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.seed})"


class MersenneDice(Dice):
    """The first generator (``"mersenne"``), kept for the games saved or recorded with it."""

    __slots__ = ()

    name: ClassVar[str] = "mersenne"

    def stream(self, purpose: str, step: int) -> Stream:
        return random.Random(f"{self.seed}:{purpose}:{step}")


DICE: dict[str, type[Dice]] = {kind.name: kind for kind in (Dice, MersenneDice)}
"""Each generator by the name a save or a replay file records."""
NEW_DICE = Dice.name
"""The generator of every new game."""
OLD_DICE = MersenneDice.name
"""The generator of saves and replays made before generators were named (format 1)."""


@lru_cache(maxsize=64)
def dice_named(name: str, seed: int) -> Dice:
    """The generator called ``name`` (a key of ``DICE``), for ``seed``. KeyError if none.

    The same dice for the same name and seed (a few games' dice are kept): a ``Game``
    asks for its dice on every decision, and dice that were made already have their
    purposes' keys mixed (``Dice.stream``)."""
    return DICE[name](seed)
