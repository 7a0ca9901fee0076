"""Reading a campaign's files and folders within bounds.

Only regular files of a sane size are read; folders are listed without
following a symbolic link that leads back to itself. Each refusal is one
diagnostic naming the file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .diagnostics import Diagnostic, Severity
from .limits import MAX_FILE_BYTES, MAX_FILES, control_character, describe_character

__all__ = ["list_files", "read_text"]


def _refusal(name: str, line: int, message: str) -> list[Diagnostic]:
    return [Diagnostic(Severity.ERROR, name, line, message)]


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _why(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "it is a symbolic link that leads back to itself"
    if error.errno == errno.ENOENT:
        return (
            "it is a symbolic link to nothing"
            if os.path.islink(error.filename or "")
            else ("it does not exist")
        )
    return error.strerror or str(error)


def read_text(
    path: Path, name: str, limit: int = MAX_FILE_BYTES
) -> tuple[str | None, list[Diagnostic]]:
    """The text of a regular UTF-8 file of at most ``limit`` bytes, with line ends as ``\\n``.

    Returns None with the reason when the file is not a regular file, is too
    large, is not UTF-8, or holds a control character other than tab and newline.
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return None, _refusal(name, 0, f"cannot read the file: it is {_kind(info.st_mode)}")
        if info.st_size > limit:
            return None, _refusal(name, 0, _too_large(info.st_size, limit))
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as error:
        return None, _refusal(name, 0, f"cannot read the file: {_why(error)}")
    if len(data) > limit:
        return None, _refusal(name, 0, _too_large(len(data), limit))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, _refusal(name, line, "the file is not UTF-8 text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    offset = control_character(text)
    if offset is not None:
        line = text.count("\n", 0, offset) + 1
        character = describe_character(text[offset])
        return None, _refusal(name, line, f"text contains a control character ({character})")
    return text, []


def _too_large(size: int, limit: int) -> str:
    return (
        f"the file is {size:,} bytes; a campaign file may hold at most {limit:,} bytes"
        if size <= 10 * limit
        else f"the file is larger than a campaign file may be ({limit:,} bytes at most)"
    )


def list_files(
    folder: Path, suffixes: tuple[str, ...], name_of: NameOf
) -> tuple[list[Path], list[Diagnostic]]:
    """The files in ``folder`` whose names end in one of ``suffixes``, sorted by name.

    Entries that cannot be read as files (symbolic link loops, folders, pipes)
    are reported rather than followed; a missing folder is an empty list.
    """
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if e.name.endswith(suffixes))
    except FileNotFoundError:
        return [], []
    except OSError as error:
        return [], _refusal(name_of(folder), 0, f"cannot read the folder: {_why(error)}")
    problems: list[Diagnostic] = []
    if len(names) > MAX_FILES:
        problems += _refusal(
            name_of(folder), 0, f"the folder holds {len(names)} files; at most {MAX_FILES} are read"
        )
        names = names[:MAX_FILES]
    files = []
    for file_name in names:
        path = folder / file_name
        try:
            mode = path.stat().st_mode
        except OSError as error:
            problems += _refusal(name_of(path), 0, f"cannot read the file: {_why(error)}")
            continue
        if not stat.S_ISREG(mode):
            problems += _refusal(name_of(path), 0, f"cannot read the file: it is {_kind(mode)}")
            continue
        files.append(path)
    return files, problems


class NameOf:
    """Turns a path inside the campaign folder into the name messages show."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        try:
            self.cwd: Path | None = Path.cwd().resolve()
            self.base = folder.resolve()
        except (OSError, RuntimeError):
            self.cwd, self.base = None, folder.absolute()

    def __call__(self, path: Path) -> str:
        """``path`` (inside the campaign folder, or relative to it) as messages name it."""
        relative = path.relative_to(self.folder) if path.is_relative_to(self.folder) else path
        full = self.base / relative
        if self.cwd is not None and full.is_relative_to(self.cwd):
            return str(full.relative_to(self.cwd))
        return str(self.folder / relative)
