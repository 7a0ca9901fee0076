"""The minutes, exported: as JSON (every record, readable back) and as Markdown (to read).

The JSON minutes are the council itself: ``records_from_minutes`` gives back the
records, and ``Council.from_records`` the council; beside the records they
carry, once per motion, the campaign's historical cases that opened its debate
(for readers: they are the campaign's, not records, and are not read back). The
Markdown minutes tell the same story for people: the members, each motion with
the opening of its debate, its debate, its rounds of open votes and its
decision, the minority reports and what became of them, the ballots.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .openings import opening_data
from .phrases import in_the_spirit
from .records import Record, RecordError, from_data, to_data
from .state import Ballot, CouncilState, Member, Motion

__all__ = ["FORMAT", "VERSION", "minutes_data", "minutes_markdown", "records_from_minutes"]

FORMAT = "newcourse-council-minutes"
VERSION = 1

_HOW = {
    "majority": "by majority",
    "casting": "by the chair's casting vote",
    "settled": "settled by the chair on the consent agenda",
}
_CLOSED = {"all_voted": "all had voted", "chair": "closed by the chair", "deadline": "the deadline"}
_QUESTION = {"recall": "Recall of the chair", "election": "Election of a chair", "undo": "Undo"}
_MARKED = frozenset("\\`*_[]<>&~|")
"""Characters Markdown (or the HTML in it) may read as markup anywhere in a line."""
_OPENING = re.compile(r"^(?:[#+=-]|\d+(?=[.)]))")
"""What makes a line a heading, a list item or a rule when it opens it."""


def minutes_data(state: CouncilState) -> dict[str, Any]:
    """The minutes as JSON data: the council (its id and join code), its campaign and
    every record."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "council": state.id,
        "code": state.code,
        "campaign": state.campaign.id,
        "records": [to_data(record) for record in state.records],
        "openings": [
            {
                "motion": motion.number,
                "event": motion.event,
                "cases": [opening_data(opening) for opening in motion.openings],
            }
            for motion in state.motions
            if motion.openings
        ],
    }


def records_from_minutes(data: Any) -> list[Record]:
    """The records of JSON minutes. Raises RecordError when they are not minutes."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RecordError("these are not a council's minutes")
    if data.get("version") != VERSION:
        raise RecordError(f"the minutes have version {data.get('version')!r}, not {VERSION}")
    records = data.get("records")
    if not isinstance(records, list):
        raise RecordError("the minutes hold no list of records")
    return [from_data(item) for item in records]


def _plain(text: str) -> list[str]:
    """What a member wrote, as Markdown that shows it as typed, line by line: every
    character Markdown reads as markup escaped, and so is a line's opening marker."""
    lines = []
    for line in text.splitlines() or [""]:
        line = "".join(f"\\{c}" if c in _MARKED else c for c in line.strip())
        opening = _OPENING.match(line)
        if opening is not None:
            end = opening.end()
            line = line[:end] + "\\" + line[end:] if line[:1].isdigit() else "\\" + line
        lines.append(line)
    return lines


def _in_item(text: str) -> str:
    """A member's text inside a list item (its later lines go on within the item)."""
    return "\n  ".join(_plain(text))


def _when(at: int) -> str:
    return dt.datetime.fromtimestamp(at, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _name(state: CouncilState, member: str) -> str:
    found = state.members.get(member)
    return _in_item(found.name) if found is not None else "the procedure"


def _role(state: CouncilState, member: Member) -> str:
    role = "observer" if member.observer else f"bot ({member.bot})" if member.bot else "delegate"
    tendency = state.tendencies.get(member.tendency)
    return role + (f", {_in_item(tendency.name)}" if tendency else "")


def _motion_lines(state: CouncilState, motion: Motion) -> list[str]:
    lines = [f"## Motion {motion.number}: {motion.title} ({motion.date})", ""]
    if motion.minor:
        lines += ["On the consent agenda.", ""]
    for number, (_, text) in enumerate(motion.texts, start=1):
        lines.append(f"{number}. {text}")
    lines.append("")
    if motion.openings:
        lines += ["### The opening of the debate", ""]
        for opening in motion.openings:
            lines.append(
                f"- {in_the_spirit(opening)}, {opening.side} "
                f"“{motion.text(opening.option)}”: {opening.text}"
            )
        lines.append("")
    if motion.posts:
        lines += ["### Debate", ""]
        for post in motion.posts:
            who = _name(state, post.by)
            if post.tendency:
                who += f" for {_in_item(state.tendencies[post.tendency].name)}"
            lines.append(
                f"- **{who}**, {post.side} “{motion.text(post.option)}”: {_in_item(post.text)}"
            )
        lines.append("")
    if motion.taken_back:
        names = ", ".join(_name(state, m) for m in motion.taken_back)
        lines += [f"Taken back from the chair by {names}.", ""]
    for number, done in enumerate(motion.rounds, start=1):
        lines += [
            f"### Vote, round {number} ({_CLOSED.get(done.reason, done.reason)}; "
            f"{len(done.votes)} of {done.delegates} delegate{'s' if done.delegates != 1 else ''} "
            f"voted)",
            "",
        ]
        lines += [f"- {_name(state, m)}: {motion.text(o)}" for m, o in done.votes]
        lines.append("")
    if motion.decided is not None:
        lines += [
            f"**Decided** {_HOW.get(motion.how, motion.how)}: {motion.text(motion.decided)}",
            "",
        ]
    elif motion.phase in ("withdrawn", "undone"):
        lines += [f"The motion was {motion.phase}.", ""]
    if motion.phase == "undone":
        lines += ["The decision was undone by ballot.", ""]
    for report in (r for r in state.reports if r.motion == motion.number):
        lines += [
            f"**Minority report** by {_name(state, report.by)}, "
            f"for “{motion.text(report.option)}”:",
            "",
            "\n".join(f"> {line}" for line in _plain(report.text)),
            "",
        ]
        for back in report.returned:
            later = state.motions[back.motion - 1]
            lines += [
                f"Brought back at motion {later.number} ({later.title}): "
                f"{back.verdict}. {back.note}".rstrip(),
                "",
            ]
    return lines


def _ballot_line(state: CouncilState, ballot: Ballot) -> str:
    what = _QUESTION[ballot.question]
    if ballot.question == "recall":
        what += f" ({_name(state, ballot.subject)})"
    elif ballot.question == "undo":
        what += f" of motion {ballot.subject}"
    mover = f", moved by {_name(state, ballot.by)}" if ballot.by else ""
    votes = "; ".join(
        f"{_name(state, m)}: {_name(state, c) if ballot.question == 'election' else c}"
        for m, c in ballot.votes.items()
    )
    if ballot.result is None:
        result = "open"
    elif ballot.question == "election":
        result = f"{_name(state, ballot.result)} elected" if ballot.result else "no one elected"
    else:
        result = ballot.result
    return f"- {what}{mover}: {result}" + (f" ({votes})" if votes else "")


def minutes_markdown(state: CouncilState) -> str:
    """The minutes as Markdown, for people to read."""
    campaign = state.campaign
    lines = [
        f"# Minutes of council {state.code}",
        "",
        f"{campaign.title}, seed {state.seed}; opened {_when(state.created)}.",
        "",
        "## Members",
        "",
    ]
    for member in state.members.values():
        chair = " (chair)" if member.id == state.chair else ""
        lines.append(f"- {_in_item(member.name)}{chair}: {_role(state, member)}")
    lines.append("")
    if state.tendencies:
        lines += ["## Tendencies", ""]
        for tendency in state.tendencies.values():
            lines.append(
                f"- **{_in_item(tendency.name)}** ({_name(state, tendency.founder)}): "
                + _in_item(tendency.platform)
            )
        lines.append("")
    for motion in state.motions:
        lines += _motion_lines(state, motion)
    if state.ballots:
        lines += ["## Ballots", ""]
        lines += [_ballot_line(state, ballot) for ballot in state.ballots]
        lines.append("")
    ending = state.game.view().ending
    if ending is not None:
        lines += [f"## The ending: {ending.title}", ""]
    return "\n".join(lines).rstrip() + "\n"
