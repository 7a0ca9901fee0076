"""What a member may ask of a council, by name, with what they give: one table for the
pages and the JSON API.

Each command hands the member's request to ``council.Council`` as it is; the
council checks it (who may, in which phase, under which rules) and refuses with
a ``CouncilRefusal`` or records it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...council import Council

__all__ = ["ACTS", "Given", "option_typed"]


@dataclass(frozen=True, slots=True)
class Given:
    """What a member gives with a command (each command reads the fields it needs)."""

    option: str = ""
    side: str = ""
    text: str = ""
    joint: bool = False
    choice: str = ""
    name: str = ""
    platform: str = ""
    tendency: str = ""
    strategy: str = ""
    motion: int | None = None


def option_typed(text: str) -> int | str:
    """An option as the member gave it: its number ("2") or its id."""
    text = text.strip()
    return int(text) if text.isdigit() and len(text) < 6 else text


def _post(council: Council, by: str, given: Given, at: int) -> None:
    council.post(by, option_typed(given.option), given.side, given.text, at, given.joint)


def _call(council: Council, by: str, given: Given, at: int) -> None:
    council.call_vote(by, at)


def _vote(council: Council, by: str, given: Given, at: int) -> None:
    council.vote(by, option_typed(given.option), at)


def _close(council: Council, by: str, given: Given, at: int) -> None:
    council.close(by, at)


def _cast(council: Council, by: str, given: Given, at: int) -> None:
    council.cast(by, option_typed(given.option), at)


def _settle(council: Council, by: str, given: Given, at: int) -> None:
    council.settle(by, option_typed(given.option), at)


def _take_back(council: Council, by: str, given: Given, at: int) -> None:
    council.take_back(by, at)


def _recall(council: Council, by: str, given: Given, at: int) -> None:
    council.move_recall(by, at)


def _undo(council: Council, by: str, given: Given, at: int) -> None:
    council.move_undo(by, at)


def _ballot(council: Council, by: str, given: Given, at: int) -> None:
    council.ballot(by, given.choice.strip(), at)


def _close_ballot(council: Council, by: str, given: Given, at: int) -> None:
    council.close_ballot(by, at)


def _report(council: Council, by: str, given: Given, at: int) -> None:
    council.report(by, given.text, at, given.motion)


def _tendency(council: Council, by: str, given: Given, at: int) -> None:
    council.form_tendency(by, given.name, given.platform, at)


def _join_tendency(council: Council, by: str, given: Given, at: int) -> None:
    council.join_tendency(by, given.tendency.strip(), at)


def _bot(council: Council, by: str, given: Given, at: int) -> None:
    council.seat_bot(by, given.strategy.strip(), at)


ACTS: dict[str, Callable[[Council, str, Given, int], None]] = {
    "post": _post,
    "call": _call,
    "vote": _vote,
    "close": _close,
    "cast": _cast,
    "settle": _settle,
    "take-back": _take_back,
    "recall": _recall,
    "undo": _undo,
    "ballot": _ballot,
    "close-ballot": _close_ballot,
    "report": _report,
    "tendency": _tendency,
    "join-tendency": _join_tendency,
    "bot": _bot,
}
"""Every command by the name the pages post to and the API takes."""
