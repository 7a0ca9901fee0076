"""One game at a time in a save folder: a lock file holding the owner's process id.

The lock is the operating system's (``flock`` on POSIX, ``msvcrt.locking`` on
Windows), so it ends with the process that held it: a lock left by a process
that was killed is simply taken over by the next game. Within one process the
lock is shared (a player that opens another game before closing the first
never locks itself out); it is let go when the last holder releases it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import BinaryIO

from ..engine import SaveError

__all__ = ["LOCK_NAME", "GameLock", "GameOpenElsewhere"]

LOCK_NAME = "game.lock"


class GameOpenElsewhere(SaveError):
    """Another running game holds the save folder."""


def _try_lock(stream: BinaryIO) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(stream.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(stream: BinaryIO) -> None:
    if sys.platform == "win32":
        import msvcrt

        stream.seek(0)
        msvcrt.locking(stream.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(stream.fileno(), fcntl.LOCK_UN)


_held: dict[Path, tuple[BinaryIO, int]] = {}  # this process's locks and their holders


class GameLock:
    """The lock on a save folder, held while a game with saves is open."""

    def __init__(self, path: Path, stream: BinaryIO) -> None:
        self.path = path
        self._stream: BinaryIO | None = stream

    @classmethod
    def take(cls, folder: Path) -> GameLock:
        """Lock ``folder`` for this process.

        Raises GameOpenElsewhere when another live game holds it, and OSError
        when the folder cannot be made or written (the caller decides what then).
        """
        folder.mkdir(parents=True, exist_ok=True)
        path = (folder / LOCK_NAME).absolute()
        if path in _held:
            stream, holders = _held[path]
            _held[path] = (stream, holders + 1)
            return cls(path, stream)
        stream = open(path, "a+b")  # noqa: SIM115 (held open for as long as the lock)
        try:
            if not _try_lock(stream):
                stream.seek(0)
                owner = stream.read(32).decode("ascii", "replace").strip()
                stream.close()
                held_by = f" (process {owner})" if owner.isdigit() else ""
                raise GameOpenElsewhere(
                    f"this game is already open in another window{held_by}; close it there, "
                    "or play here without saving (--no-save) or with another data folder "
                    "(NEWCOURSE_DATA_DIR)"
                )
            stream.seek(0)
            stream.truncate()
            stream.write(f"{os.getpid()}\n".encode("ascii"))
            stream.flush()
        except OSError:
            stream.close()
            raise
        _held[path] = (stream, 1)
        return cls(path, stream)

    @property
    def held(self) -> bool:
        return self._stream is not None

    def release(self) -> None:
        """Let another game open the folder. Safe to call twice."""
        stream, self._stream = self._stream, None
        if stream is None:
            return
        holders = _held.pop(self.path, (stream, 1))[1] - 1
        if holders > 0:
            _held[self.path] = (stream, holders)
            return
        try:
            stream.seek(0)
            stream.truncate()
            _unlock(stream)
        except OSError:
            pass  # closing the file below releases the lock all the same
        finally:
            stream.close()
