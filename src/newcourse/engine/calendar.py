"""Quarterly turns: the game's clock, which is a number and never the wall clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["SEASONS", "Quarter"]

SEASONS = ("winter", "spring", "summer", "autumn")


@dataclass(frozen=True, order=True, slots=True)
class Quarter:
    """One turn of the game: a season of a year (winter is January to March)."""

    year: int
    index: int  # 0 winter, 1 spring, 2 summer, 3 autumn

    @classmethod
    def of(cls, date: dt.date) -> Quarter:
        return cls(date.year, (date.month - 1) // 3)

    @property
    def season(self) -> str:
        return SEASONS[self.index]

    @property
    def number(self) -> int:
        """1 to 4, as the expression language's ``quarter``."""
        return self.index + 1

    def plus(self, turns: int) -> Quarter:
        total = self.year * 4 + self.index + turns
        return Quarter(total // 4, total % 4)

    def turns_since(self, start: Quarter) -> int:
        return (self.year - start.year) * 4 + self.index - start.index

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.index * 3 + 1, 1)

    def __str__(self) -> str:
        return f"{self.season.capitalize()} {self.year}"
