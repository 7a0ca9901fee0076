"""The councils this server sits: commands run at the server's time, stored before they
are acknowledged, and told to every client.

No rule of procedure lives here: ``council.Council`` checks and records every
command. This layer gives each command the clock's time, applies the deadlines
that have passed and lets the bots vote (on every read and every command),
stores the new records at the number it read, and publishes the new number.
Before a command is even read, the player spends one of their turns
(``turns.Turns``): a player who floods a council is refused at once.
When another process stored a record first, the council is read again and the
command run again on what it now is (its checks may then refuse it); after a
few such collisions the member is asked to try again.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import TypeVar

from ...council import Council
from ...engine import Campaign
from ...engine.procedure import ProcedureRules
from ...settings import COUNCIL_BURST, COUNCIL_RATE
from ...storage.sql import CodeTaken, StaleCouncil
from ..games import new_seed
from .keeping import CouncilStore, Kept, NoSuchCouncil, Sitting
from .notices import Notifier
from .turns import Turns

__all__ = ["CODE_LETTERS", "Clock", "CouncilBusy", "Councils", "clean_code"]

T = TypeVar("T")
U = TypeVar("U")
Clock = Callable[[], float]
"""The server's clock: seconds since the epoch (``time.time``; tests give their own)."""
CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""The letters of a join code: none that reads as another (no O and 0, no I and 1)."""
CODE_LENGTH = 6
ATTEMPTS = 4
KNOWN_CODES = 4096
"""Join codes kept in memory with their council, the most recently used (a council keeps
its code for good)."""


class CouncilBusy(Exception):
    """Other members' commands kept arriving first; nothing of this one was kept."""


def clean_code(typed: str) -> str:
    """A join code as typed ("abc-234 ") as it is kept ("ABC234")."""
    return "".join(c for c in typed.upper() if c.isalnum())[:16]


def _new_code() -> str:
    return "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))


class Councils:
    """The councils of one campaign: kept in ``store``, told by ``notifier``, timed by
    ``clock``, each player's commands counted by ``turns``."""

    def __init__(
        self,
        campaign: Campaign,
        store: CouncilStore,
        notifier: Notifier,
        clock: Clock = time.time,
        turns: Turns | None = None,
    ) -> None:
        self.campaign = campaign
        self.kept = Kept(campaign, store)
        self.store = store
        self.local = store.local
        self.notifier = notifier
        self.clock = clock
        self.turns = turns or Turns(COUNCIL_BURST, COUNCIL_RATE)
        self._locks: dict[str, threading.Lock] = {}
        self._locks_lock = threading.Lock()
        self._codes: OrderedDict[str, str] = OrderedDict()

    def now(self) -> int:
        """The server's time, in whole seconds."""
        return int(self.clock())

    def turn(self, player: str, code: str = "") -> None:
        """Spend one of ``player``'s turns to address the council whose join code is
        ``code`` as typed (none: a new council). ``turns.TooFast`` when none is left."""
        self.turns.take(player, clean_code(code))

    # ------------------------------------------------------------ finding

    def find(self, code: str) -> str:
        """The id of the council whose join code is ``code`` (as typed). ``NoSuchCouncil``."""
        cleaned = clean_code(code)
        with self._locks_lock:
            known = self._codes.get(cleaned)
            if known is not None:
                self._codes.move_to_end(cleaned)
                return known
        found = self.store.find(cleaned)
        if found is None or found[1] != self.campaign.id:
            raise NoSuchCouncil(code)
        with self._locks_lock:
            self._codes[cleaned] = found[0]
            while len(self._codes) > KNOWN_CODES:
                self._codes.popitem(last=False)
        return found[0]

    # ------------------------------------------------------------ creating

    def create(
        self,
        name: str,
        seed: int | None = None,
        settings: ProcedureRules | None = None,
        bots: Iterable[str] = (),
    ) -> Sitting:
        """A new council for a new game, chaired by its creator ``name`` (member "m1"),
        with a bot delegate for each strategy in ``bots``; stored before it is returned."""
        seed = new_seed() if seed is None else seed
        for _ in range(ATTEMPTS):
            at = self.now()
            council = Council.create(
                self.campaign, secrets.token_hex(8), _new_code(), seed, name, at, settings
            )
            for strategy in bots:
                council.seat_bot("m1", strategy, at)
            council.play_bots(at)
            sitting = Sitting(council, 0)
            try:
                self.kept.create(sitting)
            except CodeTaken:
                continue
            self.notifier.publish(council.state.id, sitting.seq)
            return sitting
        raise CouncilBusy("no free join code was found")

    # ------------------------------------------------------------ reading and acting

    def read(self, council: str, look: Callable[[Sitting], T]) -> T:
        """What ``look`` reads of the council, brought up to the server's time first
        (deadlines passed, bots' votes cast, and stored)."""
        with self._lock(council):
            for _ in range(ATTEMPTS):
                sitting = self.kept.load(council)
                try:
                    self._advance(sitting, self.now())
                except StaleCouncil:
                    continue
                return look(sitting)
        raise CouncilBusy(council)

    def act(self, council: str, command: Callable[[Council, int], T]) -> T:
        """Run ``command`` (given the council and the time) and store what it records.
        A refusal (``CouncilRefusal``) changes nothing."""
        return self.act_and_look(council, command, _nothing)[0]

    def act_and_look(
        self,
        council: str,
        command: Callable[[Council, int], T],
        look: Callable[[T, Sitting], U],
    ) -> tuple[T, U]:
        """What ``command`` gives (as ``act`` runs it), and what ``look`` reads, given
        that, of the council as the command left it and it was stored."""
        with self._lock(council):
            held = self.kept.held(council)
            if held is not None:
                done = self._unread(held, command, look)
                if done is not None:
                    return done
            for _ in range(ATTEMPTS):
                sitting = self.kept.load(council)
                at = self.now()
                try:
                    self._advance(sitting, at)
                    made = len(sitting.council.state.records)
                    try:
                        result = command(sitting.council, at)
                    except Exception:
                        if len(sitting.council.state.records) != made:
                            self.kept.forget(council)  # half-made records: read again
                        raise
                    sitting.council.play_bots(at)
                    self._save(sitting)
                except StaleCouncil:
                    continue
                return result, look(result, sitting)
        raise CouncilBusy(council)

    def due(self, council: str) -> int | None:
        """When the council's open motion or ballot next meets a deadline, or None."""

        def due(sitting: Sitting) -> int | None:
            found = sitting.council.deadline()
            ballot = sitting.council.state.ballot
            deadline = sitting.council.rules().deadline
            if ballot is not None and deadline:
                ends = ballot.opened + deadline
                found = ends if found is None else min(found, ends)
            return found

        return self.read(council, due)

    # ------------------------------------------------------------ inside

    def _unread(
        self,
        sitting: Sitting,
        command: Callable[[Council, int], T],
        look: Callable[[T, Sitting], U],
    ) -> tuple[T, U] | None:
        """``act_and_look`` on the council as this process holds it, unread: its records
        are stored after the last number it knows, which succeeds only if no other process
        stored one since, so that a stored command was run on the council as it stood.
        None when that is not known (another process was first, or nothing was stored: a
        refusal, or a command that records nothing): the council must then be read."""
        known, council = sitting.seq, sitting.council
        at = self.now()
        try:
            self._advance(sitting, at)
            made = len(council.state.records)
            try:
                result = command(council, at)
            except Exception:
                if len(council.state.records) != made:
                    self.kept.forget(council.state.id)  # half-made records: read again
                if sitting.seq != known:
                    raise  # the deadlines or bots stored a record: the council stood so
                return None
            council.play_bots(at)
            self._save(sitting)
        except StaleCouncil:
            return None
        if sitting.seq == known:
            return None
        return result, look(result, sitting)

    def _advance(self, sitting: Sitting, at: int) -> None:
        council = sitting.council
        council.tick(at)
        council.play_bots(at)
        self._save(sitting)

    def _save(self, sitting: Sitting) -> None:
        if self.kept.save(sitting):
            self.notifier.publish(sitting.council.state.id, sitting.seq)

    def _lock(self, council: str) -> threading.Lock:
        with self._locks_lock:
            return self._locks.setdefault(council, threading.Lock())


def _nothing(_result: object, _sitting: Sitting) -> None:
    return None
