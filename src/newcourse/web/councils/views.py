"""A council as one member sees it, ready for JSON and for the pages.

Votes are open in a council, so every member (an observer too) sees the whole
council: the motion and its options with the game's own view of them (odds,
expected votes: ``session.public_view``), the debate, who voted what, the rules
in force and why, the chair, the ballots, the minority reports and those that
came back, the tendencies. ``you`` says which seat is the member's, so a page
offers only what that seat may do (the council still checks every command).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import lru_cache
from typing import Any

from ...council import Council, CouncilState, Motion, Rules, opening_data, rule_lines
from ...council.phrases import in_the_spirit, roughly, share
from ...engine import Campaign
from ...engine.game import Game
from ...session import PublicView, public_view, to_data
from .keeping import Sitting

__all__ = ["council_view", "game_shown"]

KEPT_GAMES = 256
"""Games whose shown part is kept, the most recently shown (a council's game changes only
when a motion is decided, and every member's view of it shows the same)."""

_HOW = {
    "majority": "by majority",
    "casting": "by the chair's casting vote",
    "settled": "settled by the chair",
}
_PHASES = {
    "consent": "On the consent agenda: the chair settles it unless delegates take it back.",
    "debate": "In debate: post arguments; the chair calls the vote.",
    "vote": "The vote is open: one vote each, which may be changed until it closes.",
    "casting": "The vote is closed and waits for the chair's casting vote.",
}
_WHY_CASTING = {
    "tie": "The vote was tied.",
    "quorum": "Too few delegates voted for a quorum.",
}
_CLOSED = {"all_voted": "all had voted", "chair": "closed by the chair", "deadline": "deadline"}


def _name(state: CouncilState, member: str) -> str:
    found = state.members.get(member)
    return found.name if found is not None else "the procedure"


def council_view(sitting: Sitting, member: str | None, now: int) -> dict[str, Any]:
    """What ``member`` (None: a visitor without a seat) sees of the council at ``now``."""
    council = sitting.council
    state = council.state
    rules = council.rules()
    lines, undo = _rules_told(rules)
    game, game_data, option_data = game_shown(state.game, state.campaign)
    seat = state.members.get(member or "")
    motion = state.motion
    return {
        "council": {
            "id": state.id,
            "code": state.code,
            "campaign": state.campaign.id,
            "title": state.campaign.title,
            "seed": state.seed,
            "seq": sitting.seq,
            "created": state.created,
        },
        "you": {
            "member": seat.id if seat else None,
            "name": seat.name if seat else "",
            "delegate": bool(seat and not seat.observer and not seat.bot),
            "observer": bool(seat and seat.observer),
            "chair": bool(seat and state.chair == seat.id),
            "tendency": seat.tendency if seat else "",
        },
        "chair": None
        if state.chair is None
        else {"id": state.chair, "name": _name(state, state.chair)},
        "members": [
            {
                "id": m.id,
                "name": m.name,
                "kind": "observer" if m.observer else "bot" if m.bot else "delegate",
                "strategy": m.bot,
                "chair": m.id == state.chair,
                "tendency": state.tendencies[m.tendency].name if m.tendency else "",
            }
            for m in state.members.values()
        ],
        "rules": list(lines),
        "rights": {
            "tendencies": rules.tendencies,
            "joint_statements": rules.tendencies and rules.joint_statements,
            "recall": rules.recall,
            "consent_agenda": rules.consent_agenda,
            "take_back": rules.take_back,
            "undo": undo,
            "why": dict(rules.reasons),
        },
        "game": game_data,
        "motion": None
        if motion is None
        else _motion(council, motion, game, option_data, member, now),
        "ballot": _ballot(council, member),
        "ballots": [_past_ballot(state, b.number) for b in state.ballots if b.result is not None],
        "decided": [
            {
                "number": m.number,
                "title": m.title,
                "date": m.date,
                "phase": m.phase,
                "decided": m.text(m.decided) if m.decided else "",
                "how": _HOW.get(m.how, m.how),
            }
            for m in reversed(state.motions)
            if not m.open
        ],
        "reports": _reports(state, member),
        "can_report": _can_report(state, member),
        "can_undo": _can_undo(council),
        "tendencies": [
            {
                "id": t.id,
                "name": t.name,
                "platform": t.platform,
                "founder": _name(state, t.founder),
                "members": [m.name for m in state.members.values() if m.tendency == t.id],
            }
            for t in state.tendencies.values()
        ],
        "over": game.over,
    }


@lru_cache(maxsize=64)
def _rules_told(rules: Rules) -> tuple[tuple[str, ...], str]:
    """The rules in force as sentences, and the share that undoes a decision, in words
    (the same for every council under the same rules)."""
    return rule_lines(rules), share(rules.undo)


class _Shown:
    """The shown part of the games last shown, by the game (which never changes: a decision
    makes a new one), kept with the game so that its id is not taken by another."""

    def __init__(self) -> None:
        self.games: OrderedDict[int, tuple[Game, PublicView, dict[str, Any], list[Any]]] = (
            OrderedDict()
        )
        self.lock = threading.Lock()

    def __call__(
        self, game: Game, campaign: Campaign
    ) -> tuple[PublicView, dict[str, Any], list[Any]]:
        with self.lock:
            found = self.games.get(id(game))
            if found is not None and found[0] is game:
                self.games.move_to_end(id(game))
                return found[1], found[2], found[3]
        shown = public_view(game.view(), campaign)
        kept = (game, shown, to_data(shown), [to_data(option) for option in shown.options])
        with self.lock:
            self.games[id(game)] = kept
            while len(self.games) > KEPT_GAMES:
                self.games.popitem(last=False)
        return kept[1], kept[2], kept[3]


game_shown = _Shown()
"""A game as a member is shown it: the public view, its data and its options' data (the
same for every member, and made once per game; the data is shared, never to be changed)."""


def _motion(
    council: Council,
    motion: Motion,
    game: PublicView,
    option_data: list[Any],
    member: str | None,
    now: int,
) -> dict[str, Any]:
    state = council.state
    numbers = {o.id: o.number for o in game.options}
    counts: dict[str, list[str]] = {}
    for voter, chosen in motion.votes.items():
        counts.setdefault(chosen, []).append(_name(state, voter))
    deadline = council.deadline()
    options = []
    for option, shown in zip(game.options, option_data, strict=True):
        data = dict(shown)  # the data shown is shared: this member's copy
        data["in_round"] = not motion.options or option.id in motion.options
        data["casting"] = option.id in motion.casting
        data["voters"] = counts.get(option.id, [])
        options.append(data)
    return {
        "number": motion.number,
        "event": motion.event,
        "title": motion.title,
        "date": motion.date,
        "phase": motion.phase,
        "phase_text": _PHASES.get(motion.phase, ""),
        "minor": motion.minor,
        "deadline": deadline,
        "time_left": roughly(max(deadline - now, 1)) if deadline is not None else "",
        "options": options,
        "openings": [
            {
                **opening_data(case),
                "number": numbers.get(case.option, 0),
                "option_text": motion.text(case.option),
                "credit": in_the_spirit(case),
            }
            for case in (motion.openings if motion.texts else ())
        ],
        "posts": [
            {
                "at": p.at,
                "member": p.by,
                "name": _name(state, p.by),
                "option": numbers.get(p.option, 0),
                "option_text": motion.text(p.option),
                "side": p.side,
                "text": p.text,
                "tendency": state.tendencies[p.tendency].name if p.tendency else "",
            }
            for p in motion.posts
        ],
        "votes": [
            {
                "member": voter,
                "name": _name(state, voter),
                "option": numbers.get(option, 0),
                "option_text": motion.text(option),
            }
            for voter, option in motion.votes.items()
        ],
        "your_vote": numbers.get(motion.votes.get(member or "", "")),
        "voted": len(motion.votes),
        "delegates": len(state.delegates),
        "taken_back": [_name(state, m) for m in motion.taken_back],
        "taken_back_by_you": (member or "") in motion.taken_back,
        "casting_reason": _WHY_CASTING.get(motion.casting_reason, ""),
        "rounds": [
            {
                "reason": _CLOSED.get(r.reason, r.reason),
                "delegates": r.delegates,
                "votes": [
                    {"name": _name(state, m), "option_text": motion.text(o)} for m, o in r.votes
                ],
            }
            for r in motion.rounds
        ],
    }


def _ballot(council: Council, member: str | None) -> dict[str, Any] | None:
    state = council.state
    ballot = state.ballot
    if ballot is None:
        return None
    election = ballot.question == "election"
    shown = {c: _name(state, c) for c in council.candidates()} if election else {}
    deadline = council.rules().deadline
    return {
        "number": ballot.number,
        "question": ballot.question,
        "subject": ballot.subject,
        "subject_name": _name(state, ballot.subject) if ballot.question == "recall" else "",
        "mover": _name(state, ballot.by) if ballot.by else "",
        "votes": [
            {"name": _name(state, m), "choice": shown.get(c, c)} for m, c in ballot.votes.items()
        ],
        "your_vote": ballot.votes.get(member or ""),
        "candidates": [{"id": c, "name": n} for c, n in shown.items()],
        "deadline": ballot.opened + deadline if deadline else None,
    }


def _past_ballot(state: CouncilState, number: int) -> dict[str, Any]:
    ballot = state.ballots[number - 1]
    result = ballot.result or ""
    if ballot.question == "election":
        result = f"{_name(state, result)} elected" if result else "no one elected"
    return {
        "number": number,
        "question": ballot.question,
        "subject": _name(state, ballot.subject) if ballot.question == "recall" else ballot.subject,
        "mover": _name(state, ballot.by) if ballot.by else "",
        "result": result,
    }


def _reports(state: CouncilState, member: str | None) -> list[dict[str, Any]]:
    found = []
    for report in state.reports:
        motion = state.motions[report.motion - 1]
        found.append(
            {
                "number": report.number,
                "motion": motion.number,
                "motion_title": motion.title,
                "name": _name(state, report.by),
                "yours": report.by == member,
                "option_text": motion.text(report.option),
                "text": report.text,
                "returned": [
                    {
                        "motion": back.motion,
                        "motion_title": state.motions[back.motion - 1].title,
                        "verdict": back.verdict,
                        "note": back.note,
                    }
                    for back in report.returned
                ],
            }
        )
    return found


def _can_report(state: CouncilState, member: str | None) -> int | None:
    """The motion the member may file a minority report on now, or None."""
    decided = state.last_decided()
    if member is None or decided is None or not decided.rounds:
        return None
    mine = dict(decided.rounds[-1].votes).get(member)
    if mine is None or mine == decided.decided:
        return None
    if any(r.motion == decided.number and r.by == member for r in state.reports):
        return None
    return decided.number


def _can_undo(council: Council) -> bool:
    decided = council.state.last_decided()
    game = council.state.game
    return (
        decided is not None
        and game.undo_refusal is None
        and len(game.decisions) == decided.step + 1
    )
