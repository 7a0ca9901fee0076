"""Where games are kept, behind one protocol: a save is found by (player, campaign, slot).

``GameStore`` is what a front-end needs of storage: read, write, list and
delete saves. ``FileGameStore`` keeps them as today's save files (one folder of
JSON files per campaign, see ``saves.py``); a database can keep them just as
well. The data is the engine's (``Game.to_data``); a store neither reads nor
checks the game in it, beyond refusing what is not a save.

On one machine there is one player, ``LOCAL``, whose saves are the folder the
terminal players have always used; any other player's saves are kept apart,
in a folder of their own.

A store that keeps saves as files in folders (``SaveFolders``) can do three
things more, which a session uses when it can: say which file a slot is, hold a
folder for one game at a time, and set the game in progress aside by renaming
its file (so even a damaged save is kept as it was).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any, NamedTuple, Protocol, runtime_checkable

from ..engine import Quarter
from .files import NoSuchSave
from .lock import GameLock
from .saves import SaveStore, clean_name, default_data_dir

__all__ = ["LOCAL", "FileGameStore", "GameStore", "SaveFolders", "SlotInfo", "SlotKey"]

LOCAL = "local"
"""The player of a machine's own games: the terminal players' saves."""


class SlotKey(NamedTuple):
    """Which save: whose (``player``), of which campaign (its id), in which slot."""

    player: str
    campaign: str
    slot: str


class SlotInfo(NamedTuple):
    """A save as a list of saves shows it."""

    key: SlotKey
    kind: str  # "autosave", "named" or "previous"
    modified: dt.datetime
    summary: str  # where the game stands ("Winter 1924, turn 3"), or that it is damaged


class GameStore(Protocol):
    """Saves keyed by player, campaign and slot."""

    def read(self, key: SlotKey) -> dict[str, Any]:
        """The save's data. Raises NoSuchSave when there is none, SaveError when it is
        not a save."""
        ...

    def write(self, key: SlotKey, data: dict[str, Any]) -> None:
        """Keep ``data`` in the slot, whole or not at all. Raises OSError when refused."""
        ...

    def has(self, key: SlotKey) -> bool:
        """Whether the slot holds a save."""
        ...

    def delete(self, key: SlotKey) -> None:
        """Empty the slot (an empty slot stays empty)."""
        ...

    def slots(self, player: str, campaign: str) -> list[SlotInfo]:
        """The player's saves of the campaign: the autosave, named saves, previous games."""
        ...


@runtime_checkable
class SaveFolders(GameStore, Protocol):
    """A store keeping each player's saves of a campaign as files in a folder."""

    def path(self, key: SlotKey) -> Path:
        """The file that holds (or would hold) the slot's save."""
        ...

    def hold(self, player: str, campaign: str) -> GameLock:
        """Hold the folder for one game at a time, clearing what a killed game left.
        Raises GameOpenElsewhere when another game holds it, OSError when the folder
        cannot be made."""
        ...

    def set_aside(self, player: str, campaign: str) -> SlotKey | None:
        """Keep the game in progress (the autosave) as a previous game, renamed whole;
        returns its slot, or None when there was none. Raises OSError when refused."""
        ...


class FileGameStore:
    """Saves as JSON files under ``root`` (by default the player's data folder).

    ``start`` (the campaign's first quarter) lets the list of saves name a season.
    """

    def __init__(self, root: Path | None = None, *, start: Quarter | None = None) -> None:
        self.root = root if root is not None else default_data_dir()
        self.start = start

    def saves(self, player: str, campaign: str) -> SaveStore:
        """The folder of the player's saves of the campaign, as the terminal players use it."""
        if player == LOCAL:
            return SaveStore(self.root, campaign, start=self.start)
        # a player's id may hold anything: its folder is named by a digest of it
        folder = hashlib.sha256(player.encode("utf-8")).hexdigest()[:32]
        return SaveStore(self.root / "players" / folder, campaign, start=self.start)

    def path(self, key: SlotKey) -> Path:
        return self.saves(key.player, key.campaign).path(key.slot)

    def hold(self, player: str, campaign: str) -> GameLock:
        saves = self.saves(player, campaign)
        lock = GameLock.take(saves.folder)
        saves.remove_orphans()
        return lock

    def set_aside(self, player: str, campaign: str) -> SlotKey | None:
        kept = self.saves(player, campaign).set_aside_autosave()
        return SlotKey(player, campaign, kept.stem) if kept is not None else None

    def read(self, key: SlotKey) -> dict[str, Any]:
        saves = self.saves(key.player, key.campaign)
        if not saves.has(key.slot):
            raise NoSuchSave(f"there is no save called {clean_name(key.slot)!r}")
        return saves.read(key.slot).data

    def write(self, key: SlotKey, data: dict[str, Any]) -> None:
        self.saves(key.player, key.campaign).write(key.slot, data)

    def has(self, key: SlotKey) -> bool:
        return self.saves(key.player, key.campaign).has(key.slot)

    def delete(self, key: SlotKey) -> None:
        self.saves(key.player, key.campaign).path(key.slot).unlink(missing_ok=True)

    def slots(self, player: str, campaign: str) -> list[SlotInfo]:
        return [
            SlotInfo(
                SlotKey(player, campaign, entry.name), entry.kind, entry.modified, entry.summary
            )
            for entry in self.saves(player, campaign).entries()
        ]
