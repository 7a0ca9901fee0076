"""Diagnostics: every problem with a campaign, in one fixed shape.

``file:line: level: message``, where level is ``error``, ``warning`` or ``note``.
The loader collects all of them before giving up, so a writer sees every
mistake at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

__all__ = ["CampaignError", "Diagnostic", "Severity"]


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    severity: Severity
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else self.file
        return f"{place}: {self.severity.value}: {self.message}"

    def as_data(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "level": self.severity.value,
            "message": self.message,
        }


class CampaignError(Exception):
    """A campaign that cannot be played, with every error found in it."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)
