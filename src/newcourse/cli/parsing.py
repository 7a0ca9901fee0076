"""Reading the command line: one sentence for a wrong one, and the campaign named one way.

argparse's own complaint is a usage block and a message; a wrong command line
here gets one sentence that points to the command's ``--help``, and exit 2.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from .errors import EXIT_USAGE

__all__ = ["Parser", "resolve", "sentence"]

_UNRECOGNISED = re.compile(r"unrecognized arguments: (?P<words>.*)")
_CHOICE = re.compile(
    r"argument (?P<name>\S+): invalid choice: '?(?P<value>[^']*?)'? \(choose from (?P<choices>.*)\)"
)
_VALUE = re.compile(r"argument (?P<name>\S+): invalid (?P<kind>\w+) value: '?(?P<value>.*?)'?$")
_ONE = re.compile(r"argument (?P<name>\S+): expected one argument")
_KINDS = {"int": "a whole number", "float": "a number", "Path": "a path"}


def _choices(text: str) -> list[str]:
    return [choice.strip(" '\"") for choice in text.split(",")]


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def sentence(message: str) -> str:
    """argparse's complaint as one sentence in the game's words."""
    if found := _UNRECOGNISED.fullmatch(message):
        words = found["words"].split()
        options = [w for w in words if w.startswith("-")]
        if options:
            kind = "option" if len(options) == 1 else "options"
            return f"unknown {kind} {_listed([repr(o) for o in options])}"
        return f"unexpected {_listed([repr(w) for w in words])}"
    if found := _CHOICE.fullmatch(message):
        choices = _choices(found["choices"])
        value, name = found["value"], found["name"]
        close = difflib.get_close_matches(value, choices, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        if name == "COMMAND":
            return f"unknown command {value!r}{hint}"
        return f"{name} cannot be {value!r}: it takes {_listed(choices)}{hint}"
    if found := _VALUE.fullmatch(message):
        kind = _KINDS.get(found["kind"], f"a {found['kind']}")
        return f"{found['name']} takes {kind}, not {found['value']!r}"
    if found := _ONE.fullmatch(message):
        return f"{found['name']} needs a value"
    return message


class Parser(argparse.ArgumentParser):
    """An argument parser that refuses a wrong command line in one sentence (exit 2)."""

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: {sentence(message)}; see '{self.prog} --help'.", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def resolve(parser: Parser, arguments: list[str]) -> argparse.Namespace:
    """Parse ``arguments``; with no command, they are ``play``'s.

    A campaign named by the older bare folder (``newcourse check PATH``) is
    moved to ``--campaign``. Raises SystemExit (2) for a wrong command line.
    """
    args, extra = parser.parse_known_args(arguments)
    if args.command is None:
        args, extra = parser.parse_known_args(["play", *arguments])
    command = _commands(parser)[args.command]
    if extra:
        command.error(f"unrecognized arguments: {' '.join(extra)}")
    alias = getattr(args, "campaign_alias", None)
    if alias is not None:
        if args.campaign is not None and Path(args.campaign) != Path(alias):
            command.error(f"the campaign is named twice ({alias} and --campaign {args.campaign})")
        args.campaign = alias
    return args
