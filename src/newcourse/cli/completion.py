"""``newcourse completion bash|zsh|fish``: the shell's tab completion, written by shtab.

The script is made from the one parser, so it always knows every command and
option; folders complete after ``--campaign``, files after the options that
take one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import EXIT_OK

__all__ = ["SHELLS", "completion_script", "run_completion"]

SHELLS = ("bash", "zsh", "fish")

HOW_TO_INSTALL = {
    "bash": "newcourse completion bash > ~/.local/share/bash-completion/completions/newcourse",
    "zsh": "newcourse completion zsh > ~/.zfunc/_newcourse  (with fpath+=~/.zfunc in ~/.zshrc)",
    "fish": "newcourse completion fish > ~/.config/fish/completions/newcourse.fish",
}


def _mark_paths(parser: argparse.ArgumentParser, folder: object, file: object) -> None:
    """Complete folders after ``--campaign``, files after options that take a path."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in set(action.choices.values()):
                _mark_paths(sub, folder, file)
        elif action.metavar == "PATH":
            action.complete = folder  # type: ignore[attr-defined]
        elif action.type is Path or "FILE" in str(action.metavar):
            action.complete = file  # type: ignore[attr-defined]


def completion_script(parser: argparse.ArgumentParser, shell: str) -> str:
    """The completion script of ``parser`` for ``shell`` (one of ``SHELLS``)."""
    import shtab

    _mark_paths(parser, shtab.DIRECTORY, shtab.FILE)
    script: str = shtab.complete(parser, shell=shell)
    return script


def run_completion(args: argparse.Namespace) -> int:
    """Write the completion script for ``args.shell`` to standard output."""
    sys.stdout.write(completion_script(args.parser, args.shell))
    return EXIT_OK
