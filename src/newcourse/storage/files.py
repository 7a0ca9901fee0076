"""Reading and writing one save file, safely.

Writes go to a temporary file in the same folder, are flushed to disk, replace
the old file in one step, and the folder itself is flushed, so a crash or a
full disk mid-write never destroys the save that was there before. Reads refuse
what is not a regular file of a save's size before reading a byte of it.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..engine import SaveError

__all__ = [
    "MAX_SAVE_BYTES",
    "NoSuchSave",
    "SaveFile",
    "read_save",
    "remove_orphans",
    "write_atomically",
    "write_save",
]

MAX_SAVE_BYTES = 5 * 1024 * 1024  # a real save is a few kilobytes
TEMPORARY_SUFFIX = ".tmp"


class NoSuchSave(SaveError):
    """A save asked for by a name or path that names nothing."""


@dataclass(frozen=True)
class SaveFile:
    """A save on disk and the data it holds."""

    path: Path
    data: dict[str, Any]


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step; the old file stays whole if anything fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def write_save(path: Path, data: dict[str, Any]) -> None:
    """Write a game's data (``Game.to_data``) as a save file, atomically."""
    write_atomically(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk, so a rename in it survives a power cut."""
    if not hasattr(os, "O_DIRECTORY"):
        return  # Windows cannot open a folder; its renames are journalled
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems cannot flush a folder; the rename itself is done
    finally:
        os.close(handle)


def remove_orphans(folder: Path) -> list[Path]:
    """Delete the temporary files a killed writer left behind; returns what was removed.

    Call it only while holding the folder's lock, so no live writer's file is taken.
    """
    removed = []
    if folder.is_dir():
        for path in folder.glob(f".*.json.*{TEMPORARY_SUFFIX}"):
            try:
                path.unlink()
            except OSError:
                continue
            removed.append(path)
    return removed


def _what_it_is(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _check_kind_and_size(path: Path, status: os.stat_result) -> None:
    if not stat.S_ISREG(status.st_mode):
        raise SaveError(f"{path} is {_what_it_is(status.st_mode)}, not a save file")
    if status.st_size > MAX_SAVE_BYTES:
        megabytes = status.st_size / (1024 * 1024)
        raise SaveError(
            f"{path} is {megabytes:.1f} MB, too large to be a save "
            f"(a save is a few KB; the limit is {MAX_SAVE_BYTES // (1024 * 1024)} MB)"
        )


def read_bytes(path: Path) -> bytes:
    """The bytes of a save file, refusing what is not a regular file of a save's size."""
    try:
        _check_kind_and_size(path, os.stat(path))
        # a pipe swapped in after the check must not block the open
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise NoSuchSave(f"there is no save file at {path}") from None
    except NotADirectoryError:
        raise NoSuchSave(
            f"there is no save file at {path} (a part of the path is a file)"
        ) from None
    except PermissionError:
        raise SaveError(f"cannot read the save file {path}: permission denied") from None
    except OSError as error:
        raise SaveError(f"cannot read the save file {path}: {error.strerror}") from None
    with os.fdopen(handle, "rb") as stream:
        _check_kind_and_size(path, os.fstat(stream.fileno()))
        try:
            content = stream.read(MAX_SAVE_BYTES + 1)
        except OSError as error:
            raise SaveError(f"cannot read the save file {path}: {error.strerror}") from None
    if len(content) > MAX_SAVE_BYTES:
        raise SaveError(f"{path} grew past {MAX_SAVE_BYTES // (1024 * 1024)} MB while being read")
    return content


def read_save(path: Path) -> SaveFile:
    """Read a save file. Raises SaveError with a one-line reason worded for what is wrong."""
    content = read_bytes(path)
    try:
        text = content.decode("utf-8-sig")  # a byte-order mark (as Notepad writes) is fine
    except UnicodeDecodeError:
        raise SaveError(
            f"cannot read the save file {path}: it is not text (not UTF-8); it is damaged"
        ) from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise SaveError(
            f"the save file {path} is damaged (its data is nested too deeply)"
        ) from None
    except json.JSONDecodeError:
        raise SaveError(
            f"the save file {path} is damaged or cut short (it is not valid JSON)"
        ) from None
    except ValueError:  # e.g. a number of thousands of digits
        raise SaveError(
            f"the save file {path} is damaged (it holds a value out of range)"
        ) from None
    if not isinstance(data, dict):
        raise SaveError(f"the save file {path} is not a New Course save")
    return SaveFile(path, data)
