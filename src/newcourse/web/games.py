"""The web player's games: a player's session opened from the SQL store and put back.

No game rule lives here, and nothing of HTTP: each call loads the player's
game in progress (the ``autosave`` slot), asks the shared ``Session`` to act,
and writes the game back at the revision it was read at, so two requests for
one game cannot both apply a decision (the second gets ``StaleGame``). Every
refusal is a ``session.Refusal`` with its code.

A decision is the request players make most, so its path does little: the
games last played are kept in memory with the view last shown of them, and a
request reads only the slot's revision to know whether the game kept is still
the one stored (a revision is never written twice); the decision and its count
in what the games chose are written in one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock
from typing import Any, NamedTuple

from ..engine import Campaign, Game, SaveError
from ..session import Codex, PublicView, Refusal, Session
from ..storage import AUTOSAVE, MAX_SAVE_BYTES, NoSuchSave, SlotInfo, SlotKey
from ..storage.saves import PREVIOUS, clean_name
from ..storage.sql import Counted, SqlGameStore, StaleGame
from .others import ChoiceCounts, OthersChose, others_chose

__all__ = ["Games", "Played", "new_seed"]

KEEP_PREVIOUS = 5
"""Games set aside when a new one begins or another is loaded, per player."""
CACHED_GAMES = 256
"""Games kept in memory, so that a decision does not replay the whole game."""


class Kept:
    """A game as it was stored at a revision, and its view once it has been shown (with
    its timeline, or ``brief``: without)."""

    __slots__ = ("before", "brief", "game", "revision", "view")

    def __init__(self, revision: int, game: Game, before: PublicView | None = None) -> None:
        self.revision = revision
        self.game = game
        self.view: PublicView | None = None
        self.brief: PublicView | None = None
        self.before = before  # the view the last decision was taken on, when known


@dataclass
class WebSession(Session):
    """A session that shows each game it keeps once: its view is kept with the game."""

    kept: Kept | None = None

    def view(self, timeline: bool = True) -> PublicView:
        kept = self.kept
        if kept is None or kept.game is not self.game:
            return super().view(timeline)
        if kept.view is None and timeline:
            kept.view = super().view()
        if kept.view is not None:
            return kept.view
        if kept.brief is None:
            kept.brief = super().view(timeline=False)
        return kept.brief


class Played(NamedTuple):
    """A player's game as a request sees it: the session and the revision it was read at."""

    session: WebSession
    revision: int

    def view(self, timeline: bool = True) -> PublicView:
        """The game's public view; its timeline (every decision so far) only with
        ``timeline``."""
        return self.session.view(timeline)


def new_seed() -> int:
    """A seed for a game the player did not give one for."""
    return int.from_bytes(os.urandom(4), "big")


class Games:
    """Every player's games of one campaign, kept in ``store``."""

    def __init__(self, campaign: Campaign, store: SqlGameStore) -> None:
        self.campaign = campaign
        self.store = store
        self.counts = ChoiceCounts(store)
        self.codex = Codex(campaign)
        self.local = store.engine.dialect.name == "sqlite"
        """Whether the store is a file this process reads itself (SQLite), whose calls are
        quick enough to make on the event loop, rather than a database server."""
        self._cache: OrderedDict[str, Kept] = OrderedDict()  # by player
        self._lock = Lock()

    def key(self, player: str, slot: str = AUTOSAVE) -> SlotKey:
        return SlotKey(player, self.campaign.id, slot)

    # ------------------------------------------------------------ reading

    def current(self, player: str) -> Played:
        """The player's game in progress. Refusal ``no_save`` when there is none,
        ``bad_save`` when it cannot be loaded."""
        key = self.key(player)
        try:
            revision = self.store.revision(key)
            with self._lock:
                kept = self._cache.get(player)
            if kept is None or kept.revision != revision:
                data, revision = self.store.read_revision(key)
                kept = self._remember(player, Kept(revision, self._game(data)))
        except NoSuchSave:
            raise Refusal("no_save", "There is no game in progress yet: start a new one.") from None
        return _played(kept)

    def others(self, played: Played) -> OthersChose | None:
        """What this server's games chose at the event the player decided last."""
        kept, game = played.session.kept, played.session.game
        before = kept.before if kept is not None and kept.game is game else None
        return others_chose(self.counts, game, before)

    def has_game(self, player: str) -> bool:
        return self.store.has(self.key(player))

    def slots(self, player: str) -> list[SlotInfo]:
        """The player's saves: the game in progress, named saves, games set aside."""
        return self.store.slots(player, self.campaign.id)

    def export(self, player: str) -> dict[str, Any]:
        """The game in progress as a save file's data (the terminal's format)."""
        return self.current(player).session.game.to_data()

    # ------------------------------------------------------------ playing

    def new(self, player: str, seed: int | None = None) -> Played:
        """A new game; the game in progress is set aside, never overwritten."""
        return self._begin(player, Game.start(self.campaign, new_seed() if seed is None else seed))

    def choose(self, player: str, option: int | str, revision: int | None = None) -> Played:
        """Decide the current event (Refusal ``no_such_option``, ``not_available``,
        ``nothing_to_choose``); ``revision``, when given, is the game the player saw."""
        played = self._at(player, revision)
        before = played.view(timeline=False)  # for its options: no timeline is made for it
        played.session.choose(option)
        decided = played.session.game.decisions[-1]
        return self._put(player, played, Counted(decided.event, decided.option), before=before)

    def undo(self, player: str, revision: int | None = None) -> Played:
        """Take back the last decision (Refusal ``cannot_undo``)."""
        played = self._at(player, revision)
        taken_back = played.session.game.decisions[-1:]
        played.session.undo()
        return self._put(player, played, *(Counted(d.event, d.option, -1) for d in taken_back))

    def save_as(self, player: str, name: str) -> str:
        """Keep the game in progress under ``name``; returns the name it is kept as."""
        kept = clean_name(name)
        if kept in (AUTOSAVE, PREVIOUS) or kept.startswith(f"{PREVIOUS}-"):
            raise Refusal(
                "reserved_name",
                f"The name {kept!r} is kept for the game's own saves; choose another.",
            )
        self.store.write(self.key(player, kept), self.export(player))
        return kept

    def load(self, player: str, slot: str) -> Played:
        """Open a saved game as the game in progress (the one before is set aside)."""
        name = clean_name(slot)
        if name == AUTOSAVE:
            return self.current(player)
        try:
            data = self.store.read(self.key(player, name))
        except NoSuchSave:
            raise Refusal("no_save", f"There is no save called {name!r}.") from None
        except SaveError as error:
            raise Refusal("bad_save", _sentence(f"That save cannot be loaded: {error}")) from None
        return self._begin(player, self._game(data))

    def delete(self, player: str, slot: str) -> None:
        """Delete a named save or a game set aside (refused for the game in progress)."""
        name = clean_name(slot)
        if name == AUTOSAVE:
            raise Refusal("reserved_name", "The game in progress cannot be deleted.")
        if not self.store.has(self.key(player, name)):
            raise Refusal("no_save", f"There is no save called {name!r}.")
        self.store.delete(self.key(player, name))

    def import_save(self, player: str, content: bytes) -> Played:
        """Open a save file's content (the terminal's format) as the game in progress.
        Refusal ``bad_save``, in one sentence, for anything that is not such a save."""
        return self._begin(player, self._game(parse_save(content)))

    # ------------------------------------------------------------ inside

    def _game(self, data: object) -> Game:
        try:
            return Game.from_data(self.campaign, data)
        except SaveError as error:
            raise Refusal("bad_save", _sentence(f"That save cannot be loaded: {error}")) from None

    def _begin(self, player: str, game: Game) -> Played:
        self._set_aside(player)
        revision = self.store.write(self.key(player), game.to_data())
        return _played(self._remember(player, Kept(revision, game)))

    def _set_aside(self, player: str) -> None:
        try:
            data = self.store.read(self.key(player))
        except SaveError:
            return
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S-%f")
        self.store.write(self.key(player, f"{PREVIOUS}-{stamp}"), data)
        previous = [s for s in self.slots(player) if s.kind == "previous"]
        for old in previous[KEEP_PREVIOUS:]:
            self.store.delete(old.key)

    def _at(self, player: str, revision: int | None) -> Played:
        """The player's game in progress, which must be at ``revision`` when one is given.

        When the game kept in memory is at that revision, the store is not asked: if
        another process has written the game since, the write that follows is refused
        as stale, as the player's view of the game is."""
        if revision is not None:
            with self._lock:
                kept = self._cache.get(player)
            if kept is not None and kept.revision == revision:
                return _played(kept)
        played = self.current(player)
        if revision is not None and revision != played.revision:
            raise StaleGame("the game has moved on since this page was shown; look again")
        return played

    def _put(
        self, player: str, played: Played, *counted: Counted, before: PublicView | None = None
    ) -> Played:
        """Write the game back at the revision it was read at, with the decisions to count."""
        game = played.session.game
        since = self.counts.clock()
        revision = self.store.write(
            self.key(player), game.to_data(), revision=played.revision, counted=counted
        )
        self.counts.counted(self.campaign.id, counted, since)
        kept = self._remember(player, Kept(revision, game, before))
        played.session.kept = kept
        return Played(played.session, revision)

    def _remember(self, player: str, kept: Kept) -> Kept:
        with self._lock:
            self._cache[player] = kept
            self._cache.move_to_end(player)
            while len(self._cache) > CACHED_GAMES:
                self._cache.popitem(last=False)
        return kept


def parse_save(content: bytes) -> Any:
    """A save file's bytes as JSON data; Refusal ``bad_save`` in one sentence otherwise."""
    if len(content) > MAX_SAVE_BYTES:
        raise Refusal("bad_save", "That file is too large to be a save (a save is a few KB).")
    try:
        return json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise Refusal("bad_save", "That file is not a save: it is not text.") from None
    except (ValueError, RecursionError):
        raise Refusal("bad_save", "That file is not a save: it is not valid JSON.") from None


def _played(kept: Kept) -> Played:
    return Played(WebSession(kept.game, None, autosaving=False, kept=kept), kept.revision)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."
