"""Save files on disk.

A save is the engine's plain data (``Game.to_data``) written as JSON. Writes go
to a temporary file in the same folder, are flushed to disk, and then replace
the old file in one step, so a crash or a full disk mid-write never destroys the
save that was there before.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..engine import SaveError

__all__ = ["AUTOSAVE", "PREVIOUS", "SaveFile", "SaveStore", "default_data_dir"]

AUTOSAVE = "autosave"
PREVIOUS = "previous"  # the autosave of the game before a new one began
DATA_DIR_VARIABLE = "NEWCOURSE_DATA_DIR"


def default_data_dir() -> Path:
    """The player's data folder, or the one named by NEWCOURSE_DATA_DIR."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("newcourse", appauthor=False))


@dataclass(frozen=True)
class SaveFile:
    """A save on disk and the data it holds."""

    path: Path
    data: dict[str, Any]


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_save(path: Path) -> SaveFile:
    """Read a save file. Raises SaveError with a one-line reason."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SaveError(f"there is no save file at {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SaveError(f"cannot read the save file {path}: {error}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise SaveError(
            f"the save file {path} is damaged or cut short (it is not valid JSON)"
        ) from None
    if not isinstance(data, dict):
        raise SaveError(f"the save file {path} is not a New Course save")
    return SaveFile(path, data)


class SaveStore:
    """The saves of one campaign, in a folder of the player's data directory."""

    def __init__(self, root: Path, campaign_id: str) -> None:
        self.folder = root / "saves" / campaign_id

    def path(self, name: str) -> Path:
        safe = "".join(c for c in name if c.isalnum() or c in "-_") or AUTOSAVE
        return self.folder / f"{safe}.json"

    def write(self, name: str, data: dict[str, Any]) -> Path:
        path = self.path(name)
        write_atomically(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        return path

    def read(self, name: str) -> SaveFile:
        return read_save(self.path(name))

    def set_aside(self, name: str, as_name: str) -> Path | None:
        """Rename a save (replacing one of the new name), so nothing overwrites it."""
        path = self.path(name)
        if not path.is_file():
            return None
        kept = self.path(as_name)
        os.replace(path, kept)
        return kept

    def has(self, name: str) -> bool:
        return self.path(name).is_file()

    def names(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.stem for p in self.folder.glob("*.json"))
