"""Council mode's rules of procedure, as a campaign gives them (``council.yaml``).

Data only: the engine never acts on these. The council layer (``newcourse.council``)
reads them against the game's state, so the story changes the rules a council
plays by. A share (a quorum, the majority that undoes a decision) is kept as a
fraction, numerator and denominator.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Condition, Source

__all__ = [
    "DEFAULT_RULES",
    "QUORUM_FAILURES",
    "TIE_RULES",
    "Case",
    "Procedure",
    "ProcedureRules",
    "StoryRule",
    "Verdict",
]

TIE_RULES = ("chair", "revote")
"""What breaks a tie: the chair's casting vote, or a new round among the tied options."""
QUORUM_FAILURES = ("adjourn", "chair")
"""What happens when too few delegates vote: the vote is held again, or the chair decides."""


@dataclass(frozen=True, slots=True)
class ProcedureRules:
    """Rules of procedure; a field left None is not set at this level (a story rule
    sets only what it changes, a council's settings only what they override)."""

    quorum: tuple[int, int] | None = None  # the share of delegates who must vote
    tie: str | None = None  # one of TIE_RULES
    quorum_fails: str | None = None  # one of QUORUM_FAILURES
    deadline: int | None = None  # seconds a vote stays open; 0 for no deadline
    debate: int | None = None  # seconds of debate before the vote opens; 0: at once
    undo: tuple[int, int] | None = None  # the share of votes that undoes a decision
    consent_agenda: bool | None = None  # the chair settles minor motions
    take_back: int | None = None  # delegates it takes to take a minor motion back
    tendencies: bool | None = None  # delegates may form tendencies with a platform
    joint_statements: bool | None = None  # a tendency may post an argument as one
    recall: bool | None = None  # delegates may move to recall the chair


DEFAULT_RULES = ProcedureRules(
    quorum=(1, 2),
    tie="chair",
    quorum_fails="adjourn",
    deadline=0,
    debate=0,
    undo=(2, 3),
    consent_agenda=False,
    take_back=1,
    tendencies=True,
    joint_statements=True,
    recall=True,
)
# The game's rules of procedure where a campaign and a council say nothing: half the
# delegates make a quorum, the chair breaks ties, a vote without quorum is held again,
# no deadline, two thirds of the votes undo a decision, every right open to all.


@dataclass(frozen=True, slots=True)
class StoryRule:
    """Rules that hold while a condition of the game holds, and until the game has
    decided one of the options in ``until`` (one put to a vote: until it carried),
    with the reason the delegates are given ("the ban on factions of 1921 holds")."""

    id: str
    when: Condition | None
    rules: ProcedureRules
    reason: str
    source: Source
    until: tuple[tuple[str, str], ...] = ()  # (event, option) pairs that end the rule


@dataclass(frozen=True, slots=True)
class Verdict:
    """An event that bears on earlier options: when it comes (or, with ``option``,
    when it is decided that way) while ``when`` holds, the minority reports filed for
    those options come back."""

    event: str
    option: str | None
    when: Condition | None  # it bears on them only while this holds
    vindicates: tuple[tuple[str, str], ...]  # (event, option) pairs
    refutes: tuple[tuple[str, str], ...]
    note: str
    source: Source


@dataclass(frozen=True, slots=True)
class Case:
    """A historical figure's case for or against an option of an event, in the
    campaign's own words, shown at the opening of the motion's debate."""

    event: str
    option: str
    side: str  # "for" or "against"
    person: str  # the person's id in the campaign's people, or "" for a name given
    speaker: str  # the name shown
    text: str
    source: str  # the document or speech the position comes from
    codex: str  # the codex note on it, or ""
    where: Source


@dataclass(frozen=True, slots=True)
class Procedure:
    """A campaign's rules of procedure: defaults (every field set), the motions that
    are minor (by event id), the rules the story changes, the verdicts, and the cases
    that open the debates."""

    defaults: ProcedureRules
    minor: tuple[str, ...]
    story: tuple[StoryRule, ...]
    verdicts: tuple[Verdict, ...]
    source: Source
    openings: tuple[Case, ...] = ()
