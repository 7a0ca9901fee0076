"""Standard output that tells a failed write apart from every other failure.

A full disk (``> /dev/full``) or a reader that went away (``| head -1``) is an
output error, said in its own sentence, not a failure of the game or the tool.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO, cast

__all__ = ["OutputError", "guarded_stdout", "output_failed", "stdout_failing"]


class OutputError(Exception):
    """Writing to standard output failed; ``reason`` says why (the system's words)."""

    def __init__(self, error: OSError) -> None:
        self.reason = error.strerror or str(error)
        super().__init__(self.reason)


class _Guarded:
    """A stream that raises ``OutputError`` where the stream it wraps raises ``OSError``."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as error:
            raise OutputError(error) from error

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            raise OutputError(error) from error

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def guarded_stdout() -> Iterator[None]:
    """Within the block, ``sys.stdout`` raises ``OutputError`` when a write fails.

    Leaving the block flushes what is left, so that a failure at the end is
    caught here too, and puts the stream back.
    """
    stream = sys.stdout
    sys.stdout = cast(TextIO, _Guarded(stream))
    try:
        yield
        sys.stdout.flush()
    finally:
        sys.stdout = stream


def stdout_failing(error: OSError) -> bool:
    """Whether ``error`` is most likely standard output's: a write error (a full disk, a
    closed pipe) naming no file, or one after which standard output cannot be flushed.

    (Save files are written by the storage layer, which reports its own failures.)
    """
    if error.errno not in (errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EDQUOT, errno.EFBIG):
        return False
    if error.filename is None:
        return True
    try:
        sys.stdout.flush()
    except OSError:
        return True
    return False


def output_failed(error: OSError | OutputError) -> str:
    """The sentence for a failed write to standard output; later writes are dropped.

    What cannot be written is thrown away (standard output is pointed at the
    null device), so that Python does not complain again when it exits.
    """
    reason = error.reason if isinstance(error, OutputError) else error.strerror or str(error)
    with contextlib.suppress(OSError, ValueError, AttributeError):
        if sys.stdout.fileno() == 1:
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    return f"could not write the output: {reason}"
