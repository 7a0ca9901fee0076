"""The engine's exceptions.

Two families, kept apart on purpose: a ``Refusal`` is a normal outcome that a
front-end shows to the player ("that option is not available"), while an
``EngineError`` means the campaign or the engine itself is wrong.
"""

from __future__ import annotations

__all__ = ["EngineError", "ExpressionError", "Refusal", "SaveError"]


class Refusal(Exception):
    """Something the player asked for that the game declines, with the reason in words."""


class SaveError(Refusal):
    """A save that cannot be loaded: corrupt, from another campaign, or of an unknown version."""


class EngineError(Exception):
    """A bug in the engine or in a campaign that slipped past the loader."""


class ExpressionError(Exception):
    """An expression that does not parse or check, with its place inside the expression text."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return f"{self.message} (line {self.line}, column {self.column} of the expression)"
