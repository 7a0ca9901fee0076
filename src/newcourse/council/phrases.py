"""The council's phrasebook: what council mode says, in the same words in every front-end.

Refusals are one sentence each; ``rule_lines`` states the rules of procedure in
force, as a council shows them on screen. The campaign's own words (an event's
title, an option's text, a story rule's reason) come from its files.
"""

from __future__ import annotations

from fractions import Fraction

from .openings import Opening
from .procedure import Rules

__all__ = [
    "LONGEST_NAME",
    "LONGEST_PLATFORM",
    "LONGEST_POST",
    "LONGEST_REPORT",
    "because",
    "bot_name",
    "duration",
    "empty",
    "forbidden",
    "in_the_spirit",
    "roughly",
    "rule_lines",
    "share",
    "strategy_label",
    "withheld",
]

LONGEST_NAME = 40
LONGEST_POST = 600
LONGEST_REPORT = 2000
LONGEST_PLATFORM = 1000

NOT_A_MEMBER = "You do not have a seat in this council."
BOT_SEAT = "That seat is a bot's; it votes by its strategy alone."
OBSERVER = "Observers watch the council; only delegates post, vote and move."
NOT_CHAIR = "Only the chair may do that."
NO_CHAIR = "The council has no chair until it elects one."
GAME_OVER = "The game is over; there is no motion to decide."
SEATS_CLOSED = "The game is over, so the council takes no new members; its minutes are open to all."
NO_BALLOT = "There is no ballot open."
BALLOT_OPEN = "Another ballot is open; it must close first."
NOT_MINORITY = "Only a delegate who voted for a defeated option may file a minority report."
REPORTED = "You have already filed a minority report on that motion."
TAKEN_BACK = "You have already taken this motion back."
NOTHING_DECIDED = "The council has decided nothing yet."
CONTROL = "The text holds control characters; write plain text."
NAME_TAKEN = "Another member already uses that name; choose another."
BAD_SIDE = 'An argument is "for" or "against" an option.'

_PHASES = {
    "consent": "the motion is on the consent agenda: the chair settles it unless it is taken back",
    "debate": "the motion is in debate: the vote is not open yet",
    "vote": "the vote is open",
    "casting": "the vote is closed and waits for the chair's casting vote",
}


def empty(what: str) -> str:
    """The refusal of an empty text, naming the field ("The display name is empty: ...")."""
    return f"The {what} is empty: write it first."


def too_long(what: str, longest: int) -> str:
    """The refusal of a text over its length."""
    return f"The {what} is too long: at most {longest} characters."


def wrong_phase(phase: str, wanted: str) -> str:
    """The refusal of an act the motion's phase does not allow."""
    now = _PHASES.get(phase, "the motion is decided")
    return f"Not now: {now}; this needs {wanted}."


_OPENERS = frozenset(
    {"a", "an", "the", "this", "that", "these", "those", "it", "its", "there", "no"}
    | {"every", "each", "some", "all", "any", "one"}
)
"""Words that open a sentence and take a small letter inside one; a name keeps its capital."""


def _inside(sentence: str) -> str:
    """A sentence as a clause of another: no closing full stop, and no capital on an
    opening common word ("The ban holds." -> "the ban holds"; "Stalin rules." keeps his)."""
    clause = sentence.strip().rstrip(".")
    first = clause.split(" ", 1)[0]
    return clause[:1].lower() + clause[1:] if first.lower() in _OPENERS else clause


def because(sentence: str, reason: str) -> str:
    """``sentence`` with the story's ``reason`` after a colon, as a clause of it (when the
    story gave one): "Tendencies are forbidden now: the ban on factions of 1921 holds."."""
    reason = _inside(reason)
    return f"{sentence}: {reason}." if reason else f"{sentence}."


def forbidden(what: str, reason: str) -> str:
    """The refusal of a right the rules withhold, with the story's reason when it gave one."""
    return because(f"{what} is not allowed now", reason)


def withheld(rules: Rules) -> dict[str, str]:
    """The members' rights the rules withhold now ("tendencies", "recall"), each told as the
    council shows it, with the story's reason."""
    told = {}
    if not rules.tendencies:
        told["tendencies"] = because("Tendencies are forbidden now", rules.reason("tendencies"))
    if not rules.recall:
        told["recall"] = because("The chair cannot be recalled now", rules.reason("recall"))
    return told


def in_the_spirit(opening: Opening) -> str:
    """Whose case an opening puts, and where from: the campaign paraphrases, it does
    not quote ("In the spirit of Leon Trotsky (The New Course, December 1923)")."""
    return f"In the spirit of {opening.speaker} ({opening.source})"


def strategy_label(strategy: str) -> str:
    """A campaign strategy as people read it ("late_bloc" -> "Late bloc")."""
    return strategy.replace("_", " ").capitalize()


def bot_name(strategy: str) -> str:
    """A bot delegate's display name."""
    return f"{strategy_label(strategy)} (bot)"


def share(value: Fraction) -> str:
    """A share as people say it: "half", "two thirds", "60%"."""
    named = {
        Fraction(1, 2): "half",
        Fraction(2, 3): "two thirds",
        Fraction(1, 3): "a third",
        Fraction(3, 4): "three quarters",
        Fraction(1, 4): "a quarter",
        Fraction(1): "all",
        Fraction(0): "none",
    }
    return named.get(value, f"{round(float(value) * 100)}%")


def duration(seconds: int) -> str:
    """A length of time in the largest whole unit: "2 days", "36 hours", "90 minutes"."""
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds % size == 0 and seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} seconds"


def roughly(seconds: int) -> str:
    """A time left, rounded down to a unit that keeps it near: "3 days", "90 minutes",
    "59 minutes", "45 seconds" (a unit once there are two of it)."""
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= 2 * size:
            return f"{seconds // size} {unit}s"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


def rule_lines(rules: Rules) -> tuple[str, ...]:
    """The rules of procedure in force, one sentence each, as shown on screen."""
    lines = [
        f"Quorum: {share(rules.quorum)} of the delegates must vote.",
        "The option with the most votes carries."
        + (
            " A tie is broken by the chair's casting vote."
            if rules.tie == "chair"
            else " After a tie the vote is held again among the tied options."
        ),
        "Without a quorum "
        + ("the vote is held again." if rules.quorum_fails == "adjourn" else "the chair decides."),
        f"Votes close after {duration(rules.deadline)}, or when all have voted."
        if rules.deadline
        else "Votes close when all have voted or the chair closes them.",
        f"A decision is undone only by {share(rules.undo)} of the votes.",
    ]
    if rules.debate:
        lines.append(f"Each motion is debated for {duration(rules.debate)} before the vote.")
    if rules.consent_agenda:
        needed = "a delegate takes" if rules.take_back == 1 else f"{rules.take_back} delegates take"
        lines.append(f"The chair settles minor motions unless {needed} them back.")
    if not rules.tendencies:
        lines.append("Tendencies are forbidden.")
    elif not rules.joint_statements:
        lines.append("Tendencies may not post joint statements.")
    if not rules.recall:
        lines.append("The chair cannot be recalled.")
    for reason in dict.fromkeys(why for _, why in rules.reasons if why):
        lines.append(reason)
    return tuple(lines)
