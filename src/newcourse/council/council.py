"""A council: the commands its members give, each checked, then written as records.

Every command takes the time (``at``, seconds on the server's clock; a time
earlier than the last record's counts as the last record's) and the member
(``by``, the id ``join`` gave). It refuses with a ``CouncilRefusal`` and
changes nothing, or appends one or more records to the minutes and applies
them to the state. The procedure's own steps follow at once: a vote all have
cast closes, a decided motion makes the game's next decision the next motion,
a minority report an event bears on comes back. ``tick`` applies deadlines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from fractions import Fraction

from ..engine import Campaign, Game
from ..engine.procedure import ProcedureRules
from ..engine.rules import scope_of
from ..session import PublicView, public_view
from ..session.phrases import no_such_option, not_available
from ..session.view import Option
from . import phrases
from .accountability import Accountability
from .bots import bot_ballot_choice, bot_choice
from .procedure import Rules, is_minor, rules_in_force
from .records import (
    Casting,
    Closed,
    Created,
    Decided,
    Joined,
    MotionOpened,
    Posted,
    Record,
    Reopened,
    ReportReturned,
    TakenBack,
    VoteCalled,
    Voted,
)
from .refusals import CouncilRefusal
from .state import CouncilState, Member, Motion, fold
from .texts import checked_name, checked_text

__all__ = ["Council"]


class Council(Accountability):
    """One council playing one game (see the module's notes). What the game shows and the
    rules in force are kept with the game they were made for (a decision makes a new one)."""

    def __init__(self, state: CouncilState) -> None:
        self.state = state
        self._shown: tuple[Game, PublicView] | None = None
        self._rules: tuple[Game, Rules] | None = None

    # ------------------------------------------------------------ opening

    @classmethod
    def create(
        cls,
        campaign: Campaign,
        council: str,
        code: str,
        seed: int,
        name: str,
        at: int,
        settings: ProcedureRules | None = None,
    ) -> Council:
        """A new council with its id and join code (made by the caller), a new game
        on ``seed``, and its creator, called ``name``, in the chair (member "m1")."""
        name = checked_name(name, ())
        created = Created(
            at, "m1", council, code, campaign.id, campaign.version, seed, name,
            settings or ProcedureRules(),
        )  # fmt: skip
        self = cls(fold(campaign, [created]))
        self._add(Joined(at, "m1", name))
        self._open_motion(at)
        return self

    @classmethod
    def from_records(cls, campaign: Campaign, records: Iterable[Record]) -> Council:
        """The council its minutes record, as it was when the last record was made."""
        return cls(fold(campaign, records))

    @property
    def records(self) -> tuple[Record, ...]:
        return tuple(self.state.records)

    @property
    def game(self) -> Game:
        return self.state.game

    def rules(self) -> Rules:
        """The rules of procedure in force now."""
        state, kept = self.state, self._rules
        if kept is None or kept[0] is not state.game:
            rules = rules_in_force(state.campaign, state.settings, state.game)
            kept = self._rules = (state.game, rules)
        return kept[1]

    def shown(self) -> PublicView:
        """The game as it is shown now (``session.public_view``): the same for everyone."""
        game, kept = self.state.game, self._shown
        if kept is None or kept[0] is not game:
            kept = self._shown = (game, public_view(game.view(), self.state.campaign))
        return kept[1]

    def deadline(self) -> int | None:
        """When the open motion's phase ends by the clock, or None."""
        motion, rules = self.state.motion, self.rules()
        if motion is None:
            return None
        if motion.phase == "debate" and rules.debate:
            return motion.since + rules.debate
        if motion.phase in ("vote", "consent") and rules.deadline:
            return motion.since + rules.deadline
        return None

    # ------------------------------------------------------------ seats

    def join(self, name: str, at: int, observer: bool = False) -> str:
        """Seat a delegate (or an observer) called ``name``; their member id. A council
        whose game is over seats nobody (its minutes stay open to all)."""
        if self.state.motion is None:
            raise CouncilRefusal("game_over", phrases.SEATS_CLOSED)
        name = checked_name(name, [m.name for m in self.state.members.values()])
        member = f"m{len(self.state.members) + 1}"
        self._add(Joined(self._time(at), member, name, observer))
        return member

    def seat_bot(self, by: str, strategy: str, at: int) -> str:
        """The chair seats a bot delegate playing a campaign strategy; its member id."""
        self._chair(by)
        if strategy not in self.state.campaign.strategies:
            known = ", ".join(self.state.campaign.strategies) or "none"
            raise CouncilRefusal(
                "no_such_strategy",
                f"There is no strategy {strategy!r}; the strategies are: {known}.",
            )
        taken = [m.name for m in self.state.members.values()]
        name, number = phrases.bot_name(strategy), 2
        while name in taken:
            name, number = f"{phrases.bot_name(strategy)} {number}", number + 1
        member = f"m{len(self.state.members) + 1}"
        self._add(Joined(self._time(at), member, name, bot=strategy))
        return member

    # ------------------------------------------------------------ debate and vote

    def post(
        self, by: str, option: int | str, side: str, text: str, at: int, joint: bool = False
    ) -> None:
        """Post a short argument for or against an option; ``joint``: in the name of
        the member's tendency, where the rules allow joint statements."""
        member, motion = self._delegate(by), self._open()
        if side not in ("for", "against"):
            raise CouncilRefusal("bad_text", phrases.BAD_SIDE)
        text = checked_text(text, "argument", phrases.LONGEST_POST)
        chosen = self._option(motion, option, need_available=False)
        tendency = ""
        if joint:
            rules = self.rules()
            if not rules.tendencies or not rules.joint_statements:
                why = rules.reason("joint_statements") or rules.reason("tendencies")
                raise CouncilRefusal("forbidden", phrases.forbidden("A joint statement", why))
            if not member.tendency:
                raise CouncilRefusal("no_such_tendency", "You belong to no tendency.")
            tendency = member.tendency
        self._add(Posted(self._time(at), by, motion.number, chosen.id, side, text, tendency))

    def call_vote(self, by: str, at: int) -> None:
        """The chair ends the debate and opens the vote."""
        self._chair(by)
        motion = self._open()
        if motion.phase != "debate":
            raise CouncilRefusal("wrong_phase", phrases.wrong_phase(motion.phase, "a debate"))
        self._add(VoteCalled(self._time(at), by, motion.number))

    def vote(self, by: str, option: int | str, at: int) -> None:
        """Vote for an option (by its number or id), or change one's vote."""
        self._delegate(by)
        self._cast_vote(by, option, self._time(at))

    def close(self, by: str, at: int) -> None:
        """The chair closes the vote; it is counted by the rules in force."""
        self._chair(by)
        motion = self._open()
        if motion.phase != "vote":
            raise CouncilRefusal("wrong_phase", phrases.wrong_phase(motion.phase, "an open vote"))
        self._close(motion, "chair", by, self._time(at))

    def cast(self, by: str, option: int | str, at: int) -> None:
        """The chair's casting vote, after a tie or a vote without quorum."""
        self._chair(by)
        motion = self._open()
        if motion.phase != "casting":
            raise CouncilRefusal("wrong_phase", phrases.wrong_phase(motion.phase, "a casting vote"))
        chosen = self._option(motion, option, among=motion.casting)
        self._decide(motion, chosen.id, "casting", by, self._time(at))

    def settle(self, by: str, option: int | str, at: int) -> None:
        """The chair settles a minor motion on the consent agenda."""
        self._chair(by)
        motion = self._open()
        if motion.phase != "consent":
            raise CouncilRefusal(
                "wrong_phase", phrases.wrong_phase(motion.phase, "the consent agenda")
            )
        self._decide(motion, self._option(motion, option).id, "settled", by, self._time(at))

    def take_back(self, by: str, at: int) -> None:
        """Take a minor motion back from the chair; with enough delegates it is debated
        and voted like any other."""
        self._delegate(by)
        motion = self._open()
        if motion.phase != "consent":
            raise CouncilRefusal(
                "wrong_phase", phrases.wrong_phase(motion.phase, "the consent agenda")
            )
        if by in motion.taken_back:
            raise CouncilRefusal("already_done", phrases.TAKEN_BACK)
        at = self._time(at)
        self._add(TakenBack(at, by, motion.number))
        if len(motion.taken_back) >= self.rules().take_back:
            self._to_debate(motion, "taken_back", at)

    def tick(self, at: int) -> None:
        """Apply the deadlines that have passed by ``at``."""
        at = self._time(at)
        motion, due = self.state.motion, self.deadline()
        if motion is not None and due is not None and at >= due:
            if motion.phase == "debate":
                self._add(VoteCalled(at, "", motion.number))
            elif motion.phase == "vote":
                self._close(motion, "deadline", "", at)
            elif motion.phase == "consent":
                self._to_debate(motion, "unsettled", at)
        self._tick_ballot(at)

    def play_bots(self, at: int) -> None:
        """Every bot delegate votes: on the motion open now (not on the next, if their
        votes decide it), and in the open ballot."""
        at = self._time(at)
        bots = [m for m in self.state.delegates if m.bot]
        first = self.state.motion  # the motion before them now, not the one it leads to
        for bot in bots:
            motion = self.state.motion
            if (
                motion is not None
                and motion is first
                and motion.phase == "vote"
                and bot.id not in motion.votes
            ):
                choice = bot_choice(self.state.campaign, self.state.game, bot.bot, motion.options)
                self._cast_vote(bot.id, choice, at)
        for bot in bots:
            ballot = self.state.ballot
            if ballot is not None and bot.id not in ballot.votes:
                candidates = [m.id for m in self.state.delegates if not m.bot]
                self._ballot_vote(
                    bot.id, bot_ballot_choice(ballot.question, ballot.votes, candidates), at
                )

    # ------------------------------------------------------------ the procedure's steps

    def _cast_vote(self, by: str, option: int | str, at: int) -> None:
        motion = self._open()
        if motion.phase != "vote":
            raise CouncilRefusal("wrong_phase", phrases.wrong_phase(motion.phase, "an open vote"))
        chosen = self._option(motion, option, among=motion.options)
        if motion.votes.get(by) == chosen.id:
            raise CouncilRefusal(
                "already_done", f"You have already voted for option {chosen.number}."
            )
        self._add(Voted(at, by, motion.number, chosen.id))
        if len(motion.votes) >= len(self.state.delegates):
            self._close(motion, "all_voted", "", at)

    def _close(self, motion: Motion, reason: str, by: str, at: int) -> None:
        rules = self.rules()
        self._add(Closed(at, by, motion.number, reason))
        delegates = len(self.state.delegates)
        allowed = motion.options or tuple(o.id for o in self.shown().options if o.available)
        if Fraction(len(motion.votes), max(delegates, 1)) < rules.quorum:
            if rules.quorum_fails == "adjourn":
                self._add(Reopened(at, "", motion.number, motion.options, "quorum"))
            else:
                self._add(Casting(at, "", motion.number, allowed, "quorum"))
            return
        counts = Counter(motion.votes.values())
        top = max(counts.values())
        tied = tuple(o for o in allowed if counts.get(o) == top)
        if len(tied) == 1:
            self._decide(motion, tied[0], "majority", "", at)
        elif rules.tie == "chair":
            self._add(Casting(at, "", motion.number, tied, "tie"))
        else:
            self._add(Reopened(at, "", motion.number, tied, "tie"))

    def _decide(self, motion: Motion, option: str, how: str, by: str, at: int) -> None:
        self._add(Decided(at, by, motion.number, option, how))
        self._bring_back(motion, option, at)
        self._open_motion(at)

    def _open_motion(self, at: int) -> None:
        state = self.state
        if state.game.over:
            return
        event = state.game.state.queue[0]
        minor = is_minor(state.campaign, event) and self.rules().consent_agenda
        number = len(state.motions) + 1
        view = self.shown()
        title = view.event.title if view.event is not None else event
        date = view.event.date if view.event is not None else view.date
        ids = tuple(o.id for o in view.options)
        texts = tuple(o.text for o in view.options)
        self._add(MotionOpened(at, "", number, event, minor, title, date, ids, texts))
        self._bring_back(state.motions[-1], None, at)
        if not minor and not self.rules().debate:
            self._add(VoteCalled(at, "", number))

    def _to_debate(self, motion: Motion, reason: str, at: int) -> None:
        self._add(Reopened(at, "", motion.number, (), reason))
        if not self.rules().debate:
            self._add(VoteCalled(at, "", motion.number))

    def _bring_back(self, motion: Motion, option: str | None, at: int) -> None:
        """Minority reports on the options the campaign's verdicts on ``motion``'s event
        (when it comes, or when it is decided as ``option``) vindicate or refute."""
        procedure, state = self.state.campaign.council, self.state
        if procedure is None:
            return
        scope = scope_of(state.campaign, state.game.state)
        for verdict in procedure.verdicts:
            if verdict.event != motion.event or verdict.option != option:
                continue
            if verdict.when is not None and not verdict.when.test(scope):
                continue
            for report in list(state.reports):
                earlier = state.motions[report.motion - 1]
                mine = (earlier.event, report.option)
                theirs = (earlier.event, earlier.decided or "")
                if mine in verdict.vindicates or theirs in verdict.refutes:
                    found = "vindicated"
                elif mine in verdict.refutes or theirs in verdict.vindicates:
                    found = "refuted"
                else:
                    continue
                self._add(ReportReturned(at, "", report.number, motion.number, found, verdict.note))

    # ------------------------------------------------------------ checks

    def _add(self, record: Record) -> None:
        self.state.apply(record)

    def _time(self, at: int) -> int:
        return max(at, self.state.last_at)

    def _member(self, by: str) -> Member:
        member = self.state.members.get(by)
        if member is None:
            raise CouncilRefusal("not_a_member", phrases.NOT_A_MEMBER)
        return member

    def _delegate(self, by: str) -> Member:
        member = self._member(by)
        if member.observer:
            raise CouncilRefusal("observer", phrases.OBSERVER)
        if member.bot:
            raise CouncilRefusal("not_a_member", phrases.BOT_SEAT)
        return member

    def _chair(self, by: str) -> Member:
        member = self._delegate(by)
        if self.state.chair is None:
            raise CouncilRefusal("no_chair", phrases.NO_CHAIR)
        if self.state.chair != by:
            raise CouncilRefusal("not_chair", phrases.NOT_CHAIR)
        return member

    def _open(self) -> Motion:
        motion = self.state.motion
        if motion is None:
            raise CouncilRefusal("game_over", phrases.GAME_OVER)
        return motion

    def _option(
        self,
        motion: Motion,
        typed: int | str,
        among: tuple[str, ...] = (),
        need_available: bool = True,
    ) -> Option:
        options = self.shown().options
        chosen = next(
            (o for o in options if typed in (o.number, o.id) or str(typed) == str(o.number)),
            None,
        )
        if chosen is None:
            raise CouncilRefusal("no_such_option", no_such_option(str(typed), len(options)))
        if need_available and not chosen.available:
            raise CouncilRefusal("not_available", not_available(chosen.number, chosen.reason))
        if among and chosen.id not in among:
            numbers = ", ".join(str(o.number) for o in options if o.id in among)
            raise CouncilRefusal(
                "no_such_option",
                f"Option {chosen.number} is not before the council now; choose {numbers}.",
            )
        return chosen
