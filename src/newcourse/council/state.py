"""A council's state: the fold of its records.

``fold`` builds the state from the records alone, and ``CouncilState.apply``
adds one record; the same records always give the same state (the game too:
each decided motion is one ``Game.choose``). Nothing here checks whether a
record should have been made: the commands of ``Council`` do that before they
write one. The state's parts are read by front-ends and the minutes, never
changed by them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..engine import Campaign, Game
from ..engine.procedure import ProcedureRules
from .openings import Opening, debate_openings
from .records import (
    BallotClosed,
    BallotOpened,
    BallotVoted,
    Casting,
    Closed,
    Created,
    Decided,
    Joined,
    MotionOpened,
    Posted,
    Record,
    Reopened,
    Reported,
    ReportReturned,
    TakenBack,
    TendencyFormed,
    TendencyJoined,
    VoteCalled,
    Voted,
)

__all__ = [
    "Ballot",
    "CouncilState",
    "Member",
    "Motion",
    "Post",
    "Report",
    "Round",
    "Tendency",
    "fold",
]

OPEN_PHASES = ("consent", "debate", "vote", "casting")
"""The phases of a motion still to be decided."""
TO_DEBATE = ("taken_back", "unsettled")
"""Why a minor motion leaves the consent agenda for debate: delegates took it back,
or the chair left it unsettled past the deadline."""


@dataclass
class Member:
    """A seat: a delegate (a person or a bot) or an observer."""

    id: str
    name: str
    observer: bool
    bot: str  # the strategy a bot plays; "" for a person
    joined: int
    tendency: str = ""  # the tendency's id, or ""


@dataclass(frozen=True, slots=True)
class Post:
    """An argument in a motion's debate."""

    at: int
    by: str
    option: str
    side: str
    text: str
    tendency: str


@dataclass(frozen=True, slots=True)
class Round:
    """A closed round of voting: why it closed and who voted what (open votes)."""

    reason: str
    votes: tuple[tuple[str, str], ...]  # (member, option), in the order of the seats
    delegates: int  # the delegates seated when it closed


@dataclass
class Motion:
    """A decision of the game before the council."""

    number: int
    event: str
    minor: bool
    opened: int
    title: str
    date: str
    texts: tuple[tuple[str, str], ...]  # each option's id and text, as shown
    step: int  # the game's decisions made before it
    phase: str  # consent, debate, vote, casting, decided, withdrawn or undone
    since: int = 0  # when the phase began (deadlines count from here)
    vote_opened: int | None = None
    options: tuple[str, ...] = ()  # the options of this round; () for all
    votes: dict[str, str] = field(default_factory=dict)
    posts: list[Post] = field(default_factory=list)
    taken_back: list[str] = field(default_factory=list)
    rounds: list[Round] = field(default_factory=list)
    casting: tuple[str, ...] = ()
    casting_reason: str = ""
    decided: str | None = None
    how: str = ""
    decided_at: int | None = None
    openings: tuple[Opening, ...] = ()
    """The campaign's historical cases that open the debate (not delegates' posts)."""

    @property
    def open(self) -> bool:
        return self.phase in OPEN_PHASES

    def text(self, option: str) -> str:
        """The option's text as the delegates read it (its id when not recorded)."""
        return dict(self.texts).get(option, option)


@dataclass
class Report:
    """A minority report, and the verdicts that brought it back."""

    number: int
    motion: int
    by: str
    option: str
    text: str
    at: int
    returned: list[ReportReturned] = field(default_factory=list)


@dataclass
class Tendency:
    """Delegates with a platform of their own."""

    id: str
    name: str
    platform: str
    founder: str
    formed: int


@dataclass
class Ballot:
    """A recall of the chair, an election of a chair, or a vote to undo a decision."""

    number: int
    question: str
    subject: str
    opened: int
    by: str
    votes: dict[str, str] = field(default_factory=dict)
    result: str | None = None
    reason: str = ""
    closed: int | None = None


@dataclass
class CouncilState:
    """Everything a council's records add up to."""

    campaign: Campaign
    id: str
    code: str
    seed: int
    settings: ProcedureRules
    created: int
    game: Game
    members: dict[str, Member] = field(default_factory=dict)
    chair: str | None = None
    motions: list[Motion] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    tendencies: dict[str, Tendency] = field(default_factory=dict)
    ballots: list[Ballot] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    last_at: int = 0

    # ------------------------------------------------------------ reading

    @property
    def delegates(self) -> list[Member]:
        """The members who vote, in the order they joined."""
        return [m for m in self.members.values() if not m.observer]

    @property
    def motion(self) -> Motion | None:
        """The motion still to be decided, or None (the game is over)."""
        if self.motions and self.motions[-1].open:
            return self.motions[-1]
        return None

    @property
    def ballot(self) -> Ballot | None:
        """The ballot still open, or None."""
        if self.ballots and self.ballots[-1].result is None:
            return self.ballots[-1]
        return None

    def last_decided(self) -> Motion | None:
        """The last motion decided and not undone."""
        return next((m for m in reversed(self.motions) if m.phase == "decided"), None)

    # ------------------------------------------------------------ folding

    def apply(self, record: Record) -> None:
        """Add one record to the state."""
        self.records.append(record)
        self.last_at = max(self.last_at, record.at)
        if isinstance(record, Joined):
            self.members[record.by] = Member(
                record.by, record.name, record.observer, record.bot, record.at
            )
        elif isinstance(record, MotionOpened):
            minor = record.minor
            self.motions.append(
                Motion(
                    record.motion,
                    record.event,
                    minor,
                    record.at,
                    record.title,
                    record.date,
                    tuple(zip(record.options, record.texts, strict=False)),
                    len(self.game.decisions),
                    "consent" if minor else "debate",
                    record.at,
                    openings=debate_openings(self.campaign, record.event, record.options or None),
                )
            )
        elif isinstance(record, Posted):
            self._motion(record.motion).posts.append(
                Post(record.at, record.by, record.option, record.side, record.text, record.tendency)
            )
        elif isinstance(record, VoteCalled | Reopened):
            motion = self._motion(record.motion)
            motion.phase, motion.since, motion.vote_opened = "vote", record.at, record.at
            if isinstance(record, Reopened):
                motion.options, motion.votes = record.options, {}
                if record.reason in TO_DEBATE:
                    motion.phase, motion.vote_opened = "debate", None
        elif isinstance(record, Voted):
            self._motion(record.motion).votes[record.by] = record.option
        elif isinstance(record, TakenBack):
            motion = self._motion(record.motion)
            motion.taken_back.append(record.by)
        elif isinstance(record, Closed):
            motion = self._motion(record.motion)
            seats = [m.id for m in self.delegates]
            votes = tuple((s, motion.votes[s]) for s in seats if s in motion.votes)
            motion.rounds.append(Round(record.reason, votes, len(seats)))
        elif isinstance(record, Casting):
            motion = self._motion(record.motion)
            motion.phase, motion.casting, motion.casting_reason = (
                "casting",
                record.options,
                record.reason,
            )
        else:
            self._apply_more(record)

    def _apply_more(self, record: Record) -> None:
        if isinstance(record, Decided):
            motion = self._motion(record.motion)
            motion.phase, motion.decided, motion.how = "decided", record.option, record.how
            motion.decided_at = record.at
            self.game = self.game.choose(record.option)
        elif isinstance(record, Reported):
            self.reports.append(
                Report(
                    len(self.reports),
                    record.motion,
                    record.by,
                    record.option,
                    record.text,
                    record.at,
                )
            )
        elif isinstance(record, ReportReturned):
            self.reports[record.report].returned.append(record)
        elif isinstance(record, TendencyFormed):
            self.tendencies[record.tendency] = Tendency(
                record.tendency, record.name, record.platform, record.by, record.at
            )
            self.members[record.by].tendency = record.tendency
        elif isinstance(record, TendencyJoined):
            self.members[record.by].tendency = record.tendency
        elif isinstance(record, BallotOpened):
            self.ballots.append(
                Ballot(len(self.ballots) + 1, record.question, record.subject, record.at, record.by)
            )
        elif isinstance(record, BallotVoted):
            self.ballots[record.ballot - 1].votes[record.by] = record.choice
        elif isinstance(record, BallotClosed):
            self._close_ballot(record)
        elif not isinstance(record, Created):
            raise TypeError(f"not a council record: {record!r}")

    def _close_ballot(self, record: BallotClosed) -> None:
        ballot = self.ballots[record.ballot - 1]
        ballot.result, ballot.reason, ballot.closed = record.result, record.reason, record.at
        if ballot.question == "recall" and record.result == "carried":
            self.chair = None
        elif ballot.question == "election" and record.result:
            self.chair = record.result
        elif ballot.question == "undo" and record.result == "carried":
            current = self.motion
            if current is not None:
                current.phase = "withdrawn"
            self._motion(int(ballot.subject)).phase = "undone"
            self.game = self.game.undo()

    def _motion(self, number: int) -> Motion:
        return self.motions[number - 1]


def fold(campaign: Campaign, records: Iterable[Record]) -> CouncilState:
    """The state ``records`` add up to; the first must be the council's ``Created``."""
    items = iter(records)
    first = next(items, None)
    if not isinstance(first, Created):
        raise ValueError("a council's records begin with its creation")
    if first.campaign != campaign.id:
        raise ValueError(f"the council plays {first.campaign!r}, not {campaign.id!r}")
    state = CouncilState(
        campaign,
        first.council,
        first.code,
        first.seed,
        first.settings,
        first.at,
        Game.start(campaign, first.seed),
        chair=first.by,
    )
    state.records.append(first)
    state.last_at = first.at
    for record in items:
        state.apply(record)
    return state
