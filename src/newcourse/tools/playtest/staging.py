"""Writing report files all or nothing: each is written aside, then all are moved into place.

A report that fails half-way (a full disk, a folder that cannot be written)
leaves no file behind, neither its own nor its charts. What is not a plain
file (``/dev/stdout``, a named pipe, a link) is written to where it is, never
replaced.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from types import TracebackType

__all__ = ["Staging"]


class Staging:
    """A set of files written into hidden folders beside their places, then moved in together.

    Use it as a context manager: ``aside(target)`` gives the path to write
    ``target`` at (files written beside it, such as charts, go into the same
    folder); leaving the block without an error moves every file into place;
    with an error, nothing is moved and the hidden folders are removed.
    """

    def __init__(self) -> None:
        self._folders: dict[Path, Path] = {}  # destination folder -> hidden folder
        self._direct: list[Path] = []
        self.placed: list[Path] = []

    def aside(self, target: Path) -> Path:
        """Where to write ``target`` for now. Raises OSError if its folder cannot be written.

        A target that exists and is not a plain file is given back as it is.
        """
        if target.is_symlink() or (target.exists() and not target.is_file()):
            self._direct.append(target)
            return target
        parent = target.parent
        folder = self._folders.get(parent)
        if folder is None:
            folder = Path(tempfile.mkdtemp(prefix=".newcourse-", dir=parent))
            self._folders[parent] = folder
        return folder / target.name

    def __enter__(self) -> Staging:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            if kind is None:
                self._move_in()
        finally:
            for folder in self._folders.values():
                shutil.rmtree(folder, ignore_errors=True)

    def _move_in(self) -> None:
        self.placed.extend(self._direct)
        for parent, folder in self._folders.items():
            for staged in sorted(folder.iterdir()):
                os.replace(staged, parent / staged.name)
                self.placed.append(parent / staged.name)
