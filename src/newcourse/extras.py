"""The optional parts of New Course, and the one sentence when one is not installed.

The base install plays the game line by line and runs the authoring tools'
checks; the extras add the full-screen player (``terminal``), the web player
(``web``, and ``postgres`` for its PostgreSQL driver) and the charts and drawn
graphs of the tools (``tools``). A command that needs a missing extra
ends with one sentence naming it and how to install it, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["EXTRAS", "Extra", "MissingExtra", "missing_extra"]


@dataclass(frozen=True, slots=True)
class Extra:
    """An optional package: the extra that installs it, what needs it, and what works without."""

    name: str
    purpose: str
    advice: str = ""


# by the import name of each optional package
EXTRAS: dict[str, Extra] = {
    "textual": Extra("terminal", "the full-screen player", "play line by line with --plain"),
    "matplotlib": Extra(
        "tools", "drawing the report's charts", "--json and the terminal report work without"
    ),
    "graphviz": Extra("tools", "drawing the graph", "DOT text (-o FILE.dot) works without"),
    **{
        name: Extra("web", "the web player")
        for name in ("fastapi", "starlette", "uvicorn", "jinja2", "multipart", "sqlalchemy")
    },
    "alembic": Extra("web", "the web player"),
    "psycopg": Extra("postgres", "a PostgreSQL database"),
}


class MissingExtra(ImportError):
    """An optional part is not installed; the message says which extra to install."""

    def __init__(self, extra: Extra) -> None:
        self.extra = extra
        otherwise = f"; or {extra.advice}" if extra.advice else ""
        super().__init__(
            f"{extra.purpose} needs the '{extra.name}' extra: "
            f"pip install 'newcourse[{extra.name}]'{otherwise}"
        )


def missing_extra(error: BaseException) -> MissingExtra | None:
    """The missing extra behind ``error``, if it is the failed import of an optional package.

    An old release without a module the game needs (``textual.content``) counts
    too: installing the extra brings a release that has it.
    """
    if isinstance(error, MissingExtra):
        return error
    if not isinstance(error, ImportError) or not error.name:
        return None
    extra = EXTRAS.get(error.name.partition(".")[0])
    return MissingExtra(extra) if extra else None
