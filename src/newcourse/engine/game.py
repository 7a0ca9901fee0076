"""The one Game API every front-end uses.

A ``Game`` is a value: ``choose`` and ``undo`` return a new game and leave the
old one as it was. It is a named tuple, like the states it holds: immutable, and
made on every decision for less than half what a frozen dataclass costs. A game
is fully determined by its campaign, its seed, its generator of chance
(``dice.py``) and its decisions, which is what a save records.

Save format 2 names the generator (``"dice"``); a save of format 1 has none and
was played with the first one (``OLD_DICE``), which it goes on playing with.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from . import rules
from .dice import DICE, NEW_DICE, OLD_DICE, Dice, dice_named
from .errors import Refusal, SaveError
from .model import Campaign
from .state import GameState
from .view import TurnView, build_view

__all__ = ["SAVE_FORMAT", "SAVE_VERSION", "SEED_LIMIT", "Decision", "Game", "generator_of"]

SAVE_FORMAT = "newcourse-save"
SAVE_VERSION = 2  # 2: the save names its generator of chance
MIN_SAVE_VERSION = 1
SEED_LIMIT = 10**19  # a seed has at most 19 digits
NOTHING_TO_UNDO = "there is nothing to undo yet"


class Decision(NamedTuple):
    """A choice, by stable ids: the event decided and the option taken."""

    event: str
    option: str

    def as_data(self) -> list[str]:
        return [self.event, self.option]


class Game(NamedTuple):
    """One game: its campaign, seed, states so far, decisions and generator of chance."""

    campaign: Campaign
    seed: int
    states: tuple[GameState, ...]  # every state so far; the last is now
    decisions: tuple[Decision, ...]
    generator: str = NEW_DICE  # the name of its generator of chance, a key of DICE

    # ------------------------------------------------------------ starting

    @classmethod
    def start(cls, campaign: Campaign, seed: int = 0, generator: str = NEW_DICE) -> Game:
        """A new game. ``generator`` names its dice; games of old saves keep theirs."""
        state = rules.start(campaign, dice_named(generator, seed))
        return cls(campaign, seed, (state,), (), generator)

    @classmethod
    def replay(
        cls,
        campaign: Campaign,
        seed: int,
        decisions: Iterable[Decision],
        generator: str = NEW_DICE,
    ) -> Game:
        """Play the decisions again from the start. Raises Refusal if one no longer fits."""
        game = cls.start(campaign, seed, generator)
        for number, decision in enumerate(decisions, start=1):
            current = game.state.current_event
            if current != decision.event:
                where = f"at decision {number}"
                raise Refusal(
                    f"{where} the game expected event {decision.event!r} but the campaign "
                    f"now gives {current!r}"
                    if current
                    else f"{where} the campaign has already ended"
                )
            game = game.choose(decision.option)
        return game

    # ------------------------------------------------------------ playing

    @property
    def state(self) -> GameState:
        return self.states[-1]

    @property
    def over(self) -> bool:
        return self.state.over

    @property
    def dice(self) -> Dice:
        """The game's chance: the generator it was started with, on its seed."""
        return dice_named(self.generator, self.seed)

    def view(self, timeline: bool = True) -> TurnView:
        """What the game shows now; its timeline (every decision so far) only with ``timeline``."""
        previous = self.states[-2] if len(self.states) > 1 else None
        return build_view(self.campaign, self.state, previous, self.undo_refusal, timeline)

    def choose(self, option: str | int) -> Game:
        """Decide the current event. ``option`` is an option id or its number in the view."""
        if isinstance(option, int):
            chosen = self.view().option(option)
            if chosen is None:
                count = len(self.view().options)
                raise Refusal(f"there is no option {option}; choose a number from 1 to {count}")
            option = chosen.id
        now = self.states[-1]
        state = rules.choose(self.campaign, self.dice, now, option)
        event = now.queue[0]  # rules.choose refuses a state with nothing to decide
        return Game(
            self.campaign,
            self.seed,
            (*self.states, state),
            (*self.decisions, Decision(event, option)),
            self.generator,
        )

    @property
    def undo_refusal(self) -> str | None:
        """Why the last decision cannot be taken back, in one sentence; None when it can.

        A decision whose outcome was drawn, or whose vote was counted, is sealed:
        undo takes back the decisions after the last sealed one and no further."""
        if len(self.states) < 2:
            return NOTHING_TO_UNDO
        last = self.state.last
        if last is None or last.outcome_id is None:
            return None
        if last.tally is not None:
            return "the vote has been counted, and a counted vote stands"
        return "the outcome has been drawn, and a drawn outcome stands"

    @property
    def can_undo(self) -> bool:
        return self.undo_refusal is None

    def undo(self) -> Game:
        """The game before the last decision. Raises Refusal when there is none, or
        when the last decision's outcome was drawn (see ``undo_refusal``)."""
        refusal = self.undo_refusal
        if refusal is not None:
            raise Refusal(refusal)
        return Game(self.campaign, self.seed, self.states[:-1], self.decisions[:-1], self.generator)

    # ------------------------------------------------------------ saving

    def to_data(self) -> dict[str, Any]:
        return {
            "format": SAVE_FORMAT,
            "format_version": SAVE_VERSION,
            "campaign": {"id": self.campaign.id, "version": self.campaign.version},
            "seed": self.seed,
            "dice": self.generator,
            "decisions": [d.as_data() for d in self.decisions],
            "snapshot": self.state.snapshot(),
        }

    @classmethod
    def from_data(cls, campaign: Campaign, data: object) -> Game:
        """Load a save made by ``to_data``. Raises SaveError with a reason in words."""
        if not isinstance(data, Mapping) or data.get("format") != SAVE_FORMAT:
            raise SaveError("this is not a New Course save")
        version = data.get("format_version")
        if not isinstance(version, int):
            raise SaveError("the save has no format version; it is damaged")
        if version > SAVE_VERSION:
            raise SaveError(
                f"the save has format version {version}, newer than this game "
                f"understands ({SAVE_VERSION}); update New Course to load it"
            )
        if version < MIN_SAVE_VERSION:
            raise SaveError(
                f"the save has format version {version}, older than this game can load "
                f"(at least {MIN_SAVE_VERSION})"
            )
        made_for = data.get("campaign")
        if not isinstance(made_for, Mapping):
            raise SaveError("the save does not say which campaign it belongs to; it is damaged")
        if made_for.get("id") != campaign.id:
            raise SaveError(
                f"the save belongs to campaign {made_for.get('id')!r}, not to {campaign.id!r}"
            )
        seed = data.get("seed")
        raw = data.get("decisions")
        if not isinstance(seed, int) or not isinstance(raw, list):
            raise SaveError("the save's seed or decisions are missing or damaged")
        if not -SEED_LIMIT < seed < SEED_LIMIT:
            raise SaveError("the save's seed is out of range (over 19 digits); it is damaged")
        if not all(
            isinstance(d, list) and len(d) == 2 and all(isinstance(x, str) for x in d) for d in raw
        ):
            raise SaveError("the save's decisions are damaged")
        decisions = [Decision(event, option) for event, option in raw]
        generator = generator_of(data, version, SaveError)
        saved_version = made_for.get("version")
        try:
            game = cls.replay(campaign, seed, decisions, generator)
        except Refusal as refusal:
            if saved_version != campaign.version:
                raise SaveError(
                    f"the save was made with version {saved_version} of {campaign.title!r} and "
                    f"cannot be carried over to version {campaign.version}: {refusal}"
                ) from None
            raise SaveError(f"the save's decisions do not replay: {refusal}") from None
        if saved_version == campaign.version and data.get("snapshot") != game.state.snapshot():
            raise SaveError(
                "the save's recorded state does not match its decisions; "
                "it has been altered or damaged"
            )
        return game


def generator_of(
    data: Mapping[str, Any], version: int, error: type[Exception], what: str = "save"
) -> str:
    """The generator of chance a save (or a replay file: ``what``) of format ``version``
    names: format 1 named none and was played with ``OLD_DICE``. Raises ``error``
    when the name is missing or unknown."""
    if version < 2:
        return OLD_DICE
    name = data.get("dice")
    if not isinstance(name, str) or name not in DICE:
        known = " or ".join(repr(n) for n in DICE)
        raise error(f"the {what}'s generator of chance ('dice') is {name!r}, not {known}")
    return name
