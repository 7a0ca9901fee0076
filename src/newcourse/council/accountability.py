"""Accountability and tendencies: minority reports, ballots to recall the chair, elect a
new one or undo a decision, and tendencies with a platform.

A recall carries with more than half of the delegates seated, and closes as
soon as its result is certain; a new chair is then elected among the delegates
who are people (bots do not stand), by the most votes, the earliest seat
breaking a tie. A decision is undone only by the share of the votes the rules
ask (two thirds by default), with a quorum, and only while the engine can take
it back (not past an outcome drawn by chance or a counted vote).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from fractions import Fraction

from . import phrases
from .procedure import Rules
from .records import (
    BallotClosed,
    BallotOpened,
    BallotVoted,
    Record,
    Reported,
    TendencyFormed,
    TendencyJoined,
)
from .refusals import CouncilRefusal
from .state import Ballot, CouncilState, Member
from .texts import checked_text

__all__ = ["Accountability"]


class Accountability(ABC):
    """The commands of accountability and tendencies (a part of ``Council``, which
    gives the abstract methods below)."""

    state: CouncilState

    # ------------------------------------------------------------ given by Council

    @abstractmethod
    def rules(self) -> Rules: ...

    @abstractmethod
    def _add(self, record: Record) -> None: ...

    @abstractmethod
    def _time(self, at: int) -> int: ...

    @abstractmethod
    def _delegate(self, by: str) -> Member: ...

    @abstractmethod
    def _chair(self, by: str) -> Member: ...

    @abstractmethod
    def _open_motion(self, at: int) -> None: ...

    # ------------------------------------------------------------ minority reports

    def report(self, by: str, text: str, at: int, motion: int | None = None) -> None:
        """File a minority report on a decided motion (the last one by default): only a
        delegate whose vote in the last round went to a defeated option may."""
        self._delegate(by)
        if motion is None:
            decided = self.state.last_decided()
            if decided is None:
                raise CouncilRefusal("wrong_phase", phrases.NOTHING_DECIDED)
        elif 1 <= motion <= len(self.state.motions):
            decided = self.state.motions[motion - 1]
        else:
            raise CouncilRefusal("wrong_phase", phrases.NOTHING_DECIDED)
        last = dict(decided.rounds[-1].votes) if decided.rounds else {}
        mine = last.get(by)
        if decided.phase != "decided" or mine is None or mine == decided.decided:
            raise CouncilRefusal("not_minority", phrases.NOT_MINORITY)
        if any(r.motion == decided.number and r.by == by for r in self.state.reports):
            raise CouncilRefusal("already_done", phrases.REPORTED)
        text = checked_text(text, "minority report", phrases.LONGEST_REPORT)
        self._add(Reported(self._time(at), by, decided.number, mine, text))

    # ------------------------------------------------------------ tendencies

    def _tendencies_allowed(self) -> None:
        rules = self.rules()
        if not rules.tendencies:
            raise CouncilRefusal(
                "forbidden", phrases.forbidden("Forming a tendency", rules.reason("tendencies"))
            )

    def form_tendency(self, by: str, name: str, platform: str, at: int) -> str:
        """Form a tendency with a platform, where the rules allow it; its id."""
        self._delegate(by)
        self._tendencies_allowed()
        name = checked_text(name, "tendency's name", phrases.LONGEST_NAME)
        platform = checked_text(platform, "platform", phrases.LONGEST_PLATFORM)
        tendency = f"t{len(self.state.tendencies) + 1}"
        self._add(TendencyFormed(self._time(at), by, tendency, name, platform))
        return tendency

    def join_tendency(self, by: str, tendency: str, at: int) -> None:
        """Join a tendency (leaving any other), where the rules allow it."""
        member = self._delegate(by)
        self._tendencies_allowed()
        if tendency not in self.state.tendencies:
            raise CouncilRefusal("no_such_tendency", "There is no such tendency.")
        if member.tendency == tendency:
            raise CouncilRefusal("already_done", "You already belong to that tendency.")
        self._add(TendencyJoined(self._time(at), by, tendency))

    # ------------------------------------------------------------ ballots

    def move_recall(self, by: str, at: int) -> None:
        """Move to recall the chair: a ballot opens, with the mover's vote for it."""
        self._delegate(by)
        rules = self.rules()
        if not rules.recall:
            raise CouncilRefusal(
                "forbidden", phrases.forbidden("Recalling the chair", rules.reason("recall"))
            )
        if self.state.chair is None:
            raise CouncilRefusal("no_chair", phrases.NO_CHAIR)
        self._open_ballot(by, "recall", self.state.chair, self._time(at))

    def move_undo(self, by: str, at: int) -> None:
        """Move to undo the last decision: a ballot opens, with the mover's vote for it."""
        self._delegate(by)
        decided = self.state.last_decided()
        if decided is None:
            raise CouncilRefusal("cannot_undo", phrases.NOTHING_DECIDED)
        game = self.state.game
        refusal = game.undo_refusal
        if refusal is not None or len(game.decisions) != decided.step + 1:
            raise CouncilRefusal("cannot_undo", f"That decision stands: {refusal}.")
        self._open_ballot(by, "undo", str(decided.number), self._time(at))

    def ballot(self, by: str, choice: str, at: int) -> None:
        """Vote in the open ballot: "yes" or "no", or in an election a candidate's id."""
        self._delegate(by)
        self._ballot_vote(by, choice, self._time(at))

    def close_ballot(self, by: str, at: int) -> None:
        """The chair closes an undo ballot (an election closes itself, a recall too)."""
        self._chair(by)
        ballot = self.state.ballot
        if ballot is None:
            raise CouncilRefusal("no_ballot", phrases.NO_BALLOT)
        if ballot.question != "undo":
            raise CouncilRefusal("not_chair", phrases.NOT_CHAIR)
        self._settle_ballot(ballot, "chair", self._time(at), final=True)

    def candidates(self) -> list[str]:
        """Who may be elected chair: the delegates who are people, in seat order."""
        return [m.id for m in self.state.delegates if not m.bot]

    def _open_ballot(self, by: str, question: str, subject: str, at: int) -> None:
        if self.state.ballot is not None:
            raise CouncilRefusal("ballot_open", phrases.BALLOT_OPEN)
        number = len(self.state.ballots) + 1
        self._add(BallotOpened(at, by, number, question, subject))
        if question != "election":
            self._ballot_vote(by, "yes", at)

    def _ballot_vote(self, by: str, choice: str, at: int) -> None:
        ballot = self.state.ballot
        if ballot is None:
            raise CouncilRefusal("no_ballot", phrases.NO_BALLOT)
        allowed = self.candidates() if ballot.question == "election" else ["yes", "no"]
        if choice not in allowed:
            raise CouncilRefusal(
                "bad_choice",
                "Choose " + (" or ".join(allowed) if len(allowed) < 3 else "a candidate") + ".",
            )
        if ballot.votes.get(by) == choice:
            raise CouncilRefusal("already_done", "You have already voted so.")
        self._add(BallotVoted(at, by, ballot.number, choice))
        everyone = len(ballot.votes) >= len(self.state.delegates)
        self._settle_ballot(ballot, "all_voted", at, final=everyone)

    def _tick_ballot(self, at: int) -> None:
        ballot, deadline = self.state.ballot, self.rules().deadline
        if ballot is not None and deadline and at >= ballot.opened + deadline:
            self._settle_ballot(ballot, "deadline", at, final=True)

    def _settle_ballot(self, ballot: Ballot, reason: str, at: int, final: bool) -> None:
        """Close the ballot when its result is certain, or now when ``final``."""
        delegates = len(self.state.delegates)
        votes = list(ballot.votes.values())
        yes, no = votes.count("yes"), votes.count("no")
        result: str | None = None
        if ballot.question == "recall":
            if yes * 2 > delegates:
                result = "carried"
            elif no * 2 >= delegates or final:
                result = "lost"
        elif ballot.question == "undo":
            rules = self.rules()
            cast = yes + no
            if final:
                quorate = Fraction(cast, max(delegates, 1)) >= rules.quorum
                carried = quorate and cast > 0 and Fraction(yes, cast) >= rules.undo
                result = "carried" if carried else "lost"
        elif final or any(votes.count(c) * 2 > delegates for c in set(votes)):
            seats = self.candidates()
            counts = {c: votes.count(c) for c in seats}
            top = max(counts.values(), default=0)
            result = next((c for c in seats if counts[c] == top), "") if top else ""
        if result is None:
            return
        self._add(BallotClosed(at, "", ballot.number, result, reason))
        recalled = ballot.question == "recall" and result == "carried"
        if recalled or (ballot.question == "election" and not result):
            self._open_ballot("", "election", "", at)
        elif ballot.question == "undo" and result == "carried":
            self._open_motion(at)
