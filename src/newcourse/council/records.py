"""The minutes' records: every change to a council, immutable, in the order it happened.

A council is the fold of its records (``state.fold``): storing the records is
storing the council, and a restart that reads them back loses nothing. Each
record says when it happened (``at``, seconds on the server's clock, never
earlier than the record before) and who did it (``by``, a member's id, or ""
for the procedure itself: a deadline, an automatic close). ``to_data`` and
``from_data`` turn records into JSON data and back, refusing malformed data
with a ``RecordError``.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, fields
from typing import Any, ClassVar

from ..engine.procedure import ProcedureRules

__all__ = [
    "BallotClosed",
    "BallotOpened",
    "BallotVoted",
    "Casting",
    "Closed",
    "Created",
    "Decided",
    "Joined",
    "MotionOpened",
    "Posted",
    "Record",
    "RecordError",
    "Reopened",
    "ReportReturned",
    "Reported",
    "TakenBack",
    "TendencyFormed",
    "TendencyJoined",
    "VoteCalled",
    "Voted",
    "from_data",
    "to_data",
]


class RecordError(ValueError):
    """Data that is not a council record, with what is wrong in words."""


@dataclass(frozen=True, slots=True)
class _Entry:
    """What every record has: when it happened and who did it ("" for the procedure)."""

    kind: ClassVar[str]
    at: int
    by: str


@dataclass(frozen=True, slots=True)
class Created(_Entry):
    """The council is created: its id, join code, game and settings; ``by`` chairs it."""

    kind: ClassVar[str] = "created"
    council: str
    code: str
    campaign: str
    version: int
    seed: int
    name: str  # the creator's display name
    settings: ProcedureRules


@dataclass(frozen=True, slots=True)
class Joined(_Entry):
    """A member takes a seat (``by``, their new id): a delegate, an observer, or a bot
    playing a strategy."""

    kind: ClassVar[str] = "joined"
    name: str
    observer: bool = False
    bot: str = ""  # the strategy a bot delegate plays; "" for a person


@dataclass(frozen=True, slots=True)
class MotionOpened(_Entry):
    """The game's current decision comes before the council as a motion."""

    kind: ClassVar[str] = "motion_opened"
    motion: int
    event: str
    minor: bool  # on the consent agenda: the chair settles it unless taken back
    title: str = ""  # the event's title, as the delegates read it
    date: str = ""  # the season, "Autumn 1923"
    options: tuple[str, ...] = ()  # the options' ids, in order
    texts: tuple[str, ...] = ()  # the options' texts, as the delegates read them


@dataclass(frozen=True, slots=True)
class Posted(_Entry):
    """A short argument for or against an option, by a delegate or a tendency."""

    kind: ClassVar[str] = "posted"
    motion: int
    option: str
    side: str  # "for" or "against"
    text: str
    tendency: str = ""  # a joint statement in the name of this tendency


@dataclass(frozen=True, slots=True)
class VoteCalled(_Entry):
    """The debate ends and the vote opens (called by the chair, or at the debate's end)."""

    kind: ClassVar[str] = "vote_called"
    motion: int


@dataclass(frozen=True, slots=True)
class Voted(_Entry):
    """A delegate's vote, which replaces any earlier vote of theirs on the motion."""

    kind: ClassVar[str] = "voted"
    motion: int
    option: str


@dataclass(frozen=True, slots=True)
class TakenBack(_Entry):
    """A delegate takes a minor motion back from the chair, for debate and a vote."""

    kind: ClassVar[str] = "taken_back"
    motion: int


@dataclass(frozen=True, slots=True)
class Closed(_Entry):
    """The vote closes: ``reason`` is "all_voted", "chair" or "deadline"."""

    kind: ClassVar[str] = "closed"
    motion: int
    reason: str


@dataclass(frozen=True, slots=True)
class Casting(_Entry):
    """The vote left the choice to the chair among ``options``: ``reason`` is "tie" or
    "quorum"."""

    kind: ClassVar[str] = "casting"
    motion: int
    options: tuple[str, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class Reopened(_Entry):
    """The vote is held again among ``options`` (all when empty): "quorum" (too few
    voted) or "tie"; or a minor motion leaves the consent agenda for debate:
    "taken_back" (by delegates) or "unsettled" (by the chair before the deadline)."""

    kind: ClassVar[str] = "reopened"
    motion: int
    options: tuple[str, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class Decided(_Entry):
    """The motion is decided: ``how`` is "majority", "casting" (the chair's vote
    after a tie or without quorum) or "settled" (the chair, on the consent agenda)."""

    kind: ClassVar[str] = "decided"
    motion: int
    option: str
    how: str


@dataclass(frozen=True, slots=True)
class Reported(_Entry):
    """A defeated delegate's minority report on a decided motion, for their option."""

    kind: ClassVar[str] = "reported"
    motion: int
    option: str
    text: str


@dataclass(frozen=True, slots=True)
class ReportReturned(_Entry):
    """A minority report comes back: a later event ``vindicated`` or ``refuted`` it."""

    kind: ClassVar[str] = "report_returned"
    report: int  # its place among the council's reports, from 0
    motion: int  # the motion of the event that bears on it
    verdict: str
    note: str


@dataclass(frozen=True, slots=True)
class TendencyFormed(_Entry):
    """Delegates form a tendency with a platform; ``by`` is its first member."""

    kind: ClassVar[str] = "tendency_formed"
    tendency: str
    name: str
    platform: str


@dataclass(frozen=True, slots=True)
class TendencyJoined(_Entry):
    """A delegate joins a tendency (and leaves any other)."""

    kind: ClassVar[str] = "tendency_joined"
    tendency: str


@dataclass(frozen=True, slots=True)
class BallotOpened(_Entry):
    """A ballot: "recall" (of the chair ``subject``), "election" (of a chair) or
    "undo" (of the decision of motion ``subject``)."""

    kind: ClassVar[str] = "ballot_opened"
    ballot: int
    question: str
    subject: str


@dataclass(frozen=True, slots=True)
class BallotVoted(_Entry):
    """A vote in a ballot: "yes" or "no", or in an election a candidate's id."""

    kind: ClassVar[str] = "ballot_voted"
    ballot: int
    choice: str


@dataclass(frozen=True, slots=True)
class BallotClosed(_Entry):
    """A ballot's result: "carried" or "lost", or in an election the chair's id ("" when
    nobody won); ``reason`` as for a motion's vote."""

    kind: ClassVar[str] = "ballot_closed"
    ballot: int
    result: str
    reason: str


Record = (
    Created
    | Joined
    | MotionOpened
    | Posted
    | VoteCalled
    | Voted
    | TakenBack
    | Closed
    | Casting
    | Reopened
    | Decided
    | Reported
    | ReportReturned
    | TendencyFormed
    | TendencyJoined
    | BallotOpened
    | BallotVoted
    | BallotClosed
)
"""Any record of the minutes."""

KINDS: dict[str, type[Any]] = {
    kind.kind: kind
    for kind in (
        Created,
        Joined,
        MotionOpened,
        Posted,
        VoteCalled,
        Voted,
        TakenBack,
        Closed,
        Casting,
        Reopened,
        Decided,
        Reported,
        ReportReturned,
        TendencyFormed,
        TendencyJoined,
        BallotOpened,
        BallotVoted,
        BallotClosed,
    )
}
"""Each kind of record by the name its data carries."""


def _rules_data(rules: ProcedureRules) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in fields(rules):
        value = getattr(rules, field.name)
        if value is not None:
            data[field.name] = list(value) if isinstance(value, tuple) else value
    return data


def _rules_from(data: Any) -> ProcedureRules:
    if not isinstance(data, dict):
        raise RecordError("the council's settings should be a mapping")
    known = {f.name: f for f in fields(ProcedureRules)}
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name not in known:
            raise RecordError(f"the council's settings have no rule {name!r}")
        if name in ("quorum", "undo"):
            if not (
                isinstance(value, list)
                and len(value) == 2
                and all(type(v) is int for v in value)
                and 0 <= value[0] <= value[1]
                and value[1] > 0
            ):
                raise RecordError(f"the setting {name!r} should be a share [n, d]")
            value = (value[0], value[1])
        elif name in ("tie", "quorum_fails"):
            if not isinstance(value, str):
                raise RecordError(f"the setting {name!r} should be text")
        elif name in ("deadline", "debate", "take_back"):
            if type(value) is not int or value < 0:
                raise RecordError(f"the setting {name!r} should be a whole number")
        elif type(value) is not bool:
            raise RecordError(f"the setting {name!r} should be true or false")
        values[name] = value
    return ProcedureRules(**values)


def to_data(record: Record) -> dict[str, Any]:
    """A record as JSON data: its kind and every field by name."""
    data: dict[str, Any] = {"kind": record.kind}
    for field in fields(record):
        value = getattr(record, field.name)
        if isinstance(value, ProcedureRules):
            value = _rules_data(value)
        elif isinstance(value, tuple):
            value = list(value)
        data[field.name] = value
    return data


def from_data(data: Any) -> Record:
    """The record ``data`` holds. Raises RecordError when it is not a record."""
    if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
        raise RecordError("a record should be a mapping with a kind")
    kind = KINDS.get(data["kind"])
    if kind is None:
        raise RecordError(f"there is no kind of record {data['kind']!r}")
    wanted = {f.name: f for f in fields(kind)}
    extra = set(data) - set(wanted) - {"kind"}
    if extra:
        raise RecordError(f"a {data['kind']} record has no field {sorted(extra)[0]!r}")
    values: dict[str, Any] = {}
    for name, field in wanted.items():
        if name not in data:
            if field.default is not MISSING:  # it has a default
                continue
            raise RecordError(f"a {data['kind']} record needs its {name!r}")
        value = data[name]
        annotation = str(field.type)
        if annotation == "ProcedureRules":
            value = _rules_from(value)
        elif annotation == "int":
            if type(value) is not int:
                raise RecordError(f"{name!r} of a {data['kind']} record should be a whole number")
        elif annotation == "bool":
            if type(value) is not bool:
                raise RecordError(f"{name!r} of a {data['kind']} record should be true or false")
        elif annotation.startswith("tuple"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise RecordError(f"{name!r} of a {data['kind']} record should be a list of text")
            value = tuple(value)
        elif not isinstance(value, str):
            raise RecordError(f"{name!r} of a {data['kind']} record should be text")
        values[name] = value
    record: Record = kind(**values)
    return record
