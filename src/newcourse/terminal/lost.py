"""A terminal that goes away under the full-screen player.

When a terminal closes (a window shut, an SSH connection dropped, a tmux
session killed) its device answers every read with end of input and every
write with an error. Textual's output thread dies on the first such error, and
the next screen update then waits forever for it; its input thread reads end
of input again and again. Under a parent such as ``make``, which keeps the
hang-up signal for itself, nothing ends the game.

The driver here tells the app instead, from whichever thread notices first;
the app saves the game and exits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

from textual.driver import Driver

__all__ = ["TerminalOutput", "watching_driver"]


class TerminalOutput:
    """The terminal's output as Textual's writer thread uses it: once a write fails,
    the terminal is taken as lost, ``on_lost`` is called once, and later writes are
    dropped instead of failing."""

    def __init__(self, file: IO[str], on_lost: Callable[[], None]) -> None:
        self._file = file
        self._on_lost = on_lost
        self.lost = False

    def _lose(self) -> None:
        if not self.lost:
            self.lost = True
            self._on_lost()

    def write(self, text: str) -> int:
        """Write ``text``, or drop it when the terminal is gone."""
        if not self.lost:
            try:
                self._file.write(text)
            except (OSError, ValueError):
                self._lose()
        return len(text)

    def flush(self) -> None:
        """Flush, or do nothing when the terminal is gone."""
        if not self.lost:
            try:
                self._file.flush()
            except (OSError, ValueError):
                self._lose()

    def fileno(self) -> int:
        """The file descriptor of the terminal."""
        return self._file.fileno()

    def isatty(self) -> bool:
        """Whether the output is a terminal (while it is still there)."""
        return not self.lost and self._file.isatty()


def watching_driver(base: type[Driver], on_lost: Callable[[], None]) -> type[Driver]:
    """``base`` (Textual's driver for this platform) telling ``on_lost`` when the
    terminal fails under its output or input threads. ``on_lost`` is called from
    those threads, so it must only hand the news to the app's event loop.

    Only the driver for Unix terminals has these threads; others are returned as
    they are.
    """
    try:
        from textual.drivers.linux_driver import LinuxDriver
    except ImportError:  # no termios: not a Unix terminal
        return base
    if not issubclass(base, LinuxDriver):
        return base
    linux: type[LinuxDriver] = base

    class WatchingDriver(linux):  # type: ignore[valid-type,misc]
        """Textual's Unix driver, telling the app when the terminal goes away."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            output: Any = TerminalOutput(getattr(self, "_file"), on_lost)  # noqa: B009
            self._file = output

        def run_input_thread(self) -> None:
            try:
                super().run_input_thread()
            except OSError:  # the device is gone (EIO)
                on_lost()

    return WatchingDriver
