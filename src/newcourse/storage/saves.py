"""The saves of one campaign in the player's data folder: the autosave, named saves, previous games.

A save is the engine's plain data (``Game.to_data``) written as JSON (see
``files.py`` for how it is written and read safely). The folder holds:

- ``autosave.json``: the game in progress, written after every decision;
- ``NAME.json``: a save the player named;
- ``previous-YYYYMMDD-HHMMSS.json``: a game set aside when a new one began or
  another was loaded (the last ``KEEP_PREVIOUS`` are kept, the oldest dropped).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import settings
from ..engine import Quarter, SaveError
from .files import SaveFile, read_save, remove_orphans, write_save

__all__ = [
    "AUTOSAVE",
    "KEEP_PREVIOUS",
    "PREVIOUS",
    "SaveEntry",
    "SaveFile",
    "SaveStore",
    "default_data_dir",
    "read_save",
]

AUTOSAVE = "autosave"
PREVIOUS = "previous"  # the prefix of the games set aside
KEEP_PREVIOUS = 5
MAX_NAME_LENGTH = 64
QUICKSAVE = "quicksave"


def default_data_dir() -> Path:
    """The player's data folder, or the one named by NEWCOURSE_DATA_DIR."""
    override = settings.current().data_dir
    if override is not None:
        return override
    from platformdirs import user_data_dir

    return Path(user_data_dir("newcourse", appauthor=False))


def clean_name(name: str) -> str:
    """A save's name as it is kept: letters, digits, ``-`` and ``_``, each run of spaces
    a ``-`` ("my first try" is kept as "my-first-try"); ``quicksave`` if nothing is left."""
    words = ("".join(c for c in word if c.isalnum() or c in "-_") for word in name.split())
    return "-".join(word for word in words if word)[:MAX_NAME_LENGTH] or QUICKSAVE


def looks_like_path(text: str) -> bool:
    """Whether a ``--load`` or ``save`` argument names a file rather than a save's name."""
    return "/" in text or os.sep in text or "." in text or text.startswith("~")


@dataclass(frozen=True)
class SaveEntry:
    """A save as the Load list shows it.

    ``kind`` is "autosave", "named" or "previous"; ``summary`` says where the
    game stands ("Winter 1924, turn 3"), or that the save is damaged.
    """

    name: str
    kind: str
    path: Path
    modified: dt.datetime
    summary: str


def _kind(stem: str) -> str:
    if stem == AUTOSAVE:
        return "autosave"
    if stem == PREVIOUS or stem.startswith(f"{PREVIOUS}-"):
        return "previous"
    return "named"


def summarise(data: dict[str, Any], start: Quarter | None) -> str:
    """Where a saved game stands, read from its snapshot without replaying it."""
    snapshot = data.get("snapshot")
    turn = snapshot.get("turn") if isinstance(snapshot, dict) else None
    if not isinstance(turn, int) or isinstance(turn, bool) or not 0 <= turn < 10_000:
        return "damaged: it says nothing of where the game stands"
    parts = [str(start.plus(turn))] if start is not None else []
    parts.append(f"turn {turn + 1}")
    if isinstance(snapshot, dict) and snapshot.get("ending") is not None:
        parts.append("ended")
    return ", ".join(parts)


class SaveStore:
    """The saves of one campaign, in a folder of the player's data directory.

    ``start`` (the campaign's first quarter) lets the Load list name a save's season.
    """

    def __init__(self, root: Path, campaign_id: str, *, start: Quarter | None = None) -> None:
        self.root = root
        self.folder = root / "saves" / campaign_id
        self.start = start

    # ------------------------------------------------------------ names and paths

    def path(self, name: str) -> Path:
        """The file of the save called ``name`` (cleaned as ``clean_name`` does)."""
        return self.folder / f"{clean_name(name)}.json"

    def has(self, name: str) -> bool:
        return self.path(name).is_file()

    def names(self) -> list[str]:
        """The names of every save in the folder, sorted."""
        return sorted(p.stem for p in self._files())

    def _files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return [p for p in self.folder.glob("*.json") if not p.name.startswith(".")]

    # ------------------------------------------------------------ reading and writing

    def write(self, name: str, data: dict[str, Any]) -> Path:
        """Write a save atomically; returns its file. Raises OSError when the disk refuses."""
        path = self.path(name)
        write_save(path, data)
        return path

    def read(self, name: str) -> SaveFile:
        return read_save(self.path(name))

    def set_aside_autosave(self) -> Path | None:
        """Keep the game in progress as a previous game; returns where, or None if there was none.

        Only the last ``KEEP_PREVIOUS`` previous games are kept; older ones are deleted.
        """
        current = self.path(AUTOSAVE)
        if not current.is_file():
            return None
        stamp = dt.datetime.fromtimestamp(current.stat().st_mtime).strftime("%Y%m%d-%H%M%S")
        kept = self.path(f"{PREVIOUS}-{stamp}")
        number = 1
        while kept.exists():
            number += 1
            kept = self.path(f"{PREVIOUS}-{stamp}-{number}")
        os.replace(current, kept)
        for old in [e.path for e in self.entries() if e.kind == "previous"][KEEP_PREVIOUS:]:
            old.unlink(missing_ok=True)
        return kept

    def remove_orphans(self) -> list[Path]:
        """Delete temporary files left by a writer that was killed (hold the lock first)."""
        return remove_orphans(self.folder)

    # ------------------------------------------------------------ the Load list

    def entries(self) -> list[SaveEntry]:
        """Every save: the autosave, named saves newest first, previous games newest first.

        A save that cannot be read is listed all the same, its summary saying it is damaged.
        """
        found = []
        for path in self._files():
            try:
                modified = dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
            except OSError:
                continue
            found.append(
                SaveEntry(path.stem, _kind(path.stem), path, modified, self._summary(path))
            )
        order = {"autosave": 0, "named": 1, "previous": 2}
        found.sort(key=lambda e: (order[e.kind], -e.modified.timestamp(), e.name))
        return found

    def _summary(self, path: Path) -> str:
        try:
            saved = read_save(path)
        except SaveError:
            return "damaged: it cannot be loaded"
        return summarise(saved.data, self.start)
