"""Where a session keeps its game: a player's slots of one campaign in a ``GameStore``.

A session asks the store for what every store does (read, write, has, delete,
list). When the store keeps files in folders (``SaveFolders``, the terminal's
saves), it also names a slot by its file, holds the folder for one game at a
time and sets the game in progress aside by renaming it whole; any other store
sets it aside by copying it to a slot of its own.

A save given by a path rather than a name (``--load ~/game.json``, ``save
~/game.json``) is a file outside any store: read and written here, safely.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any, NamedTuple

from ..engine import SaveError
from ..storage import (
    AUTOSAVE,
    KEEP_PREVIOUS,
    GameLock,
    GameStore,
    NoSuchSave,
    SaveFolders,
    SlotKey,
    read_save,
)
from ..storage.files import write_save
from ..storage.saves import PREVIOUS, clean_name, looks_like_path

__all__ = ["Found", "Kept", "Shelf", "read_file", "write_file"]


class Found(NamedTuple):
    """A save found by its name or its path: its data, where it is (for messages), and
    its slot's name when it is one of the store's (None for a file given by path)."""

    data: dict[str, Any]
    place: str
    slot: str | None


class Kept(NamedTuple):
    """Where a game was saved: in a slot of the store (its name), or in a file (None);
    ``place`` is the file, or the slot as the player knows it."""

    slot: str | None
    place: str


class Shelf(NamedTuple):
    """The player's saves of one campaign, in ``store``."""

    store: GameStore
    player: str
    campaign: str

    def key(self, slot: str) -> SlotKey:
        """The key of the slot called ``slot`` (cleaned as a save's name is)."""
        return SlotKey(self.player, self.campaign, clean_name(slot))

    def place(self, slot: str) -> str:
        """Where the slot is, as a message names it: its file, or its name."""
        if isinstance(self.store, SaveFolders):
            return str(self.store.path(self.key(slot)))
        return f"the save called {clean_name(slot)}"

    def hold(self) -> GameLock | None:
        """Hold the saves for this game alone, where the store keeps folders (else None).

        Raises GameOpenElsewhere when another game holds them. A folder that cannot be
        made is not held: the first autosave says what is wrong.
        """
        if not isinstance(self.store, SaveFolders):
            return None
        try:
            return self.store.hold(self.player, self.campaign)
        except SaveError:
            raise
        except OSError:
            return None

    def write(self, slot: str, data: dict[str, Any]) -> None:
        """Keep ``data`` in the slot, whole or not at all. Raises OSError when refused."""
        self.store.write(self.key(slot), data)

    def set_aside(self) -> str | None:
        """Keep the game in progress as a previous game; returns the slot it is kept in,
        or None when there was none. Only the last ``KEEP_PREVIOUS`` are kept.

        Raises OSError when it cannot be kept, SaveError when a store that copies
        cannot read it: the game in progress must then not be written over.
        """
        if isinstance(self.store, SaveFolders):
            kept = self.store.set_aside(self.player, self.campaign)
            return kept.slot if kept is not None else None
        now = self.key(AUTOSAVE)
        if not self.store.has(now):
            return None
        data = self.store.read(now)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S-%f")
        kept_key = self.key(f"{PREVIOUS}-{stamp}")
        self.store.write(kept_key, data)
        self.store.delete(now)
        previous = [s for s in self.store.slots(self.player, self.campaign) if s.kind == "previous"]
        for old in previous[KEEP_PREVIOUS:]:
            self.store.delete(old.key)
        return kept_key.slot

    def find(self, name_or_path: str | Path) -> Found:
        """The save ``--load`` means: a save's name first, then a file's path.

        A bare word (no ``/``, ``.`` or ``~``) that names a save loads it; anything
        else, or a word no save is called, is read as a path. Raises NoSuchSave
        naming the saves there are when neither exists, SaveError when the save is
        not one.
        """
        text = str(name_or_path)
        if isinstance(name_or_path, str) and not looks_like_path(text):
            key = self.key(text)
            if self.store.has(key):
                return Found(self.store.read(key), self.place(text), key.slot)
        given = Path(text).expanduser()
        if os.path.lexists(given):
            return read_file(given)
        if looks_like_path(text) or isinstance(name_or_path, Path):
            raise NoSuchSave(f"there is no save file at {given}")
        known = ", ".join(s.key.slot for s in self.store.slots(self.player, self.campaign))
        raise NoSuchSave(
            f"there is no save called {text!r} (saves: {known or 'none yet'}) "
            "and no file of that name"
        )


def read_file(path: Path) -> Found:
    """A save file given by its path. Raises SaveError (NoSuchSave when there is none)."""
    return Found(read_save(path).data, str(path), None)


def write_file(path: Path, data: dict[str, Any]) -> None:
    """Write a save file at ``path``, atomically. Raises OSError when refused."""
    write_save(path, data)
