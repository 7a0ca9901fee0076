"""The tree an expression parses into, and the kinds of names and values in it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Type(Enum):
    NUMBER = "number"
    BOOL = "true/false"


class NameKind(Enum):
    """What a name in an expression refers to."""

    QUALITY = "quality"
    FACTION = "faction"
    FLAG = "flag"
    BUILTIN = "built-in value"

    @property
    def type(self) -> Type:
        return Type.BOOL if self is NameKind.FLAG else Type.NUMBER

    @property
    def assignable(self) -> bool:
        return self is not NameKind.BUILTIN


BUILTINS = ("year", "quarter", "turn")
FUNCTIONS: dict[str, tuple[int, int | None]] = {
    "min": (1, None),
    "max": (1, None),
    "abs": (1, 1),
    "clamp": (3, 3),
    "since": (1, 1),  # since(flag): turns since the flag was last set
}


@dataclass(frozen=True, slots=True)
class Literal:
    value: float | bool
    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class Name:
    name: str
    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class Not:
    operand: Expr
    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class Binary:
    op: str
    left: Expr
    right: Expr
    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class Call:
    function: str
    args: tuple[Expr, ...]
    line: int = 1
    column: int = 1


Expr = Literal | Name | Not | Binary | Call


ASSIGNMENTS = ("=", "+=", "-=", "+%=", "-%=")
"""The operators of effect statements. ``+%=`` and ``-%=`` are diminishing steps:
the amount is scaled by the room left towards the top (or the bottom) of the
target's range (see ``diminishing``)."""


@dataclass(frozen=True, slots=True)
class Assign:
    """One effect statement: ``target op value`` with op one of ``ASSIGNMENTS``."""

    target: str
    op: str
    value: Expr
    line: int = 1
    column: int = 1
    # a person's attribute or a people effect: ``trust(radek) += 1``, ``appoint(frunze, post)``
    args: tuple[Expr, ...] = ()


Effect = tuple[Assign, ...]
