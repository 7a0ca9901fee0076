"""Driving a council through the real campaign in tests."""

from __future__ import annotations

from newcourse.council import Council, bot_choice
from newcourse.engine import Campaign

START = 1_700_000_000  # the time the councils of the tests are created


def council_of(real: Campaign, *names: str, **settings: object) -> Council:
    """A council on seed 7 chaired by Ana (m1), with the other ``names`` seated."""
    from newcourse.engine.procedure import ProcedureRules

    council = Council.create(real, "c1", "RED123", 7, "Ana", START, ProcedureRules(**settings))  # type: ignore[arg-type]
    for number, name in enumerate(names, start=1):
        council.join(name, START + number)
    return council


def historical(council: Council) -> str:
    """The option the historian strategy would take now."""
    return bot_choice(council.state.campaign, council.game, "historian")


def drive_to(council: Council, event: str, at: int = START + 100) -> int:
    """Decide motions as history went, every person voting alike, until ``event`` is the
    motion; the time reached."""
    while True:
        motion = council.state.motion
        assert motion is not None, f"the game ended before {event}"
        if motion.event == event and motion.phase in ("vote", "consent", "debate"):
            return at
        choice = historical(council)
        if motion.phase == "consent":
            council.settle("m1", choice, at)
        elif motion.phase == "casting":
            council.cast("m1", motion.casting[0], at)
        else:
            for member in council.state.delegates:
                if not member.bot and council.state.motion is motion:
                    council.vote(member.id, choice, at)
            council.play_bots(at)
        at += 1
