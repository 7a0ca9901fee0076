"""The commands the game's hints name: ones that work from where the player is.

``newcourse play --continue`` is only right when the ``newcourse`` on the PATH
is this same program. Otherwise a hint names the program that is running (for
example ``.venv/bin/newcourse``), or the launcher that started it, named by
``NEWCOURSE_LAUNCHER``: ``make play`` (whose arguments go in ``ARGS=...``), or
any command in which ``{args}`` stands for the arguments after ``play``.
"""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

from .. import settings

__all__ = ["play_command", "resume_command"]

PROGRAM = "newcourse"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _shown(path: Path) -> str:
    """A path as short as it can be and still work from the current folder."""
    try:
        relative = path.absolute().relative_to(Path.cwd())
    except ValueError:
        return str(path.absolute())
    return str(relative) if len(relative.parts) > 1 else f"./{relative}"


def _program() -> str:
    """How to run this program from here, as a shell command."""
    running = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    on_path = shutil.which(PROGRAM)
    if on_path is not None:
        found = Path(on_path)
        if running is not None and running.name == PROGRAM and _same_file(found, running):
            return PROGRAM
        # `python -m newcourse` from the environment whose own command is on the PATH
        if found.parent.absolute() == Path(sys.executable).parent.absolute():
            return PROGRAM
    if running is not None and running.name == PROGRAM and running.exists():
        return shlex.quote(_shown(running))
    return f"{shlex.quote(_shown(Path(sys.executable)))} -m newcourse"


def play_command(*arguments: str) -> str:
    """The command that runs ``newcourse play`` with ``arguments`` from where the player is."""
    rest = shlex.join(arguments)
    launcher = settings.current().launcher
    if launcher:
        if "{args}" in launcher:
            return launcher.replace("{args}", rest)
        if not rest:
            return launcher
        if launcher.split()[0] == "make":
            return f"{launcher} ARGS={shlex.quote(rest)}"
        return f"{launcher} {rest}"
    return f"{_program()} play {rest}".strip()


def resume_command() -> str:
    """The command that continues the game in progress."""
    return play_command("--continue")
