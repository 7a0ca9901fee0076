"""The terminal's output once the terminal has gone away."""

from __future__ import annotations

import io

from newcourse.terminal.lost import TerminalOutput


class ClosedTerminal(io.StringIO):
    """A terminal whose device answers every write with an input/output error."""

    def write(self, text: str) -> int:
        raise OSError(5, "Input/output error")

    def flush(self) -> None:
        raise OSError(5, "Input/output error")


def test_a_failed_write_tells_once_and_later_writes_are_dropped() -> None:
    told: list[str] = []
    output = TerminalOutput(ClosedTerminal(), lambda: told.append("lost"))
    assert output.write("\x1b[?1049l") == len("\x1b[?1049l")
    output.write("more")
    output.flush()
    assert told == ["lost"]
    assert output.lost and not output.isatty()


def test_a_working_terminal_gets_every_write() -> None:
    file = io.StringIO()
    told: list[str] = []
    output = TerminalOutput(file, lambda: told.append("lost"))
    output.write("Autumn 1923")
    output.flush()
    assert file.getvalue() == "Autumn 1923" and not told
