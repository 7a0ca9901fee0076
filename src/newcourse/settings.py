"""The game's settings from the environment: every ``NEWCOURSE_*`` variable, read once.

=====================  =====================================================
``NEWCOURSE_DATA_DIR``   the folder of saves (else the user's data folder)
``NEWCOURSE_CACHE_DIR``  the folder of checked campaigns (else the user's cache)
``NEWCOURSE_NO_CACHE``   set to anything but ``0``: read the campaign's files
                         every time
``NEWCOURSE_DEBUG``      set: an internal error shows its traceback
``NEWCOURSE_LAUNCHER``   the command that starts the game, for hints
                         (``make play``, or a command with ``{args}``)
``NEWCOURSE_DATABASE_URL`` the web player's database (else an SQLite file in
                         the data folder); ``newcourse serve --database-url``
                         sets it for the server's processes
``NEWCOURSE_REDIS_URL``  the Redis that carries councils' notices between the
                         web player's processes (else none: one process);
                         ``newcourse serve --redis-url`` sets it
``NEWCOURSE_COUNCIL_BURST`` the commands a player may give a council at once
                         (default 30)
``NEWCOURSE_COUNCIL_RATE``  the commands a second a player may give a council
                         after a burst (default 5)
=====================  =====================================================

``current()`` reads them the first time it is asked and keeps what it read;
``reload()`` reads them again (a test that changes the environment calls it).
Nothing else in the game reads a ``NEWCOURSE_*`` variable.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "PREFIX",
    "VARIABLES",
    "Settings",
    "current",
    "pass_on_database_url",
    "pass_on_redis_url",
    "reload",
]

PREFIX = "NEWCOURSE_"
VARIABLES = (
    "NEWCOURSE_DATA_DIR",
    "NEWCOURSE_CACHE_DIR",
    "NEWCOURSE_NO_CACHE",
    "NEWCOURSE_DEBUG",
    "NEWCOURSE_LAUNCHER",
    "NEWCOURSE_DATABASE_URL",
    "NEWCOURSE_REDIS_URL",
    "NEWCOURSE_COUNCIL_BURST",
    "NEWCOURSE_COUNCIL_RATE",
)
"""Every variable the game reads."""
COUNCIL_BURST = 30
"""The commands a player may give a council at once, by default."""
COUNCIL_RATE = 5.0
"""The commands a second a player may give a council after a burst, by default."""


@dataclass(frozen=True, slots=True)
class Settings:
    """What the environment asks of the game; None or empty where it asks nothing (a
    council's limits are their defaults where unset or not a positive number)."""

    data_dir: Path | None = None
    cache_dir: Path | None = None
    no_cache: bool = False
    debug: bool = False
    launcher: str = ""
    database_url: str = ""
    redis_url: str = ""
    council_burst: int = COUNCIL_BURST
    council_rate: float = COUNCIL_RATE

    @classmethod
    def from_environment(cls, environment: Mapping[str, str]) -> Settings:
        """The settings ``environment`` (such as ``os.environ``) gives."""

        def folder(name: str) -> Path | None:
            value = environment.get(name, "")
            return Path(value).expanduser() if value else None

        return cls(
            data_dir=folder("NEWCOURSE_DATA_DIR"),
            cache_dir=folder("NEWCOURSE_CACHE_DIR"),
            no_cache=environment.get("NEWCOURSE_NO_CACHE", "") not in ("", "0"),
            debug=bool(environment.get("NEWCOURSE_DEBUG", "")),
            launcher=environment.get("NEWCOURSE_LAUNCHER", "").strip(),
            database_url=environment.get("NEWCOURSE_DATABASE_URL", "").strip(),
            redis_url=environment.get("NEWCOURSE_REDIS_URL", "").strip(),
            council_burst=max(
                1, int(_positive(environment.get("NEWCOURSE_COUNCIL_BURST", ""), COUNCIL_BURST))
            ),
            council_rate=_positive(environment.get("NEWCOURSE_COUNCIL_RATE", ""), COUNCIL_RATE),
        )


def _positive(text: str, default: float) -> float:
    """The number ``text`` says when it is a positive one, else ``default``."""
    try:
        value = float(text)
    except ValueError:
        return default
    return value if 0 < value < float("inf") else default


_current: Settings | None = None


def current() -> Settings:
    """The settings of this process, read from its environment the first time."""
    global _current
    if _current is None:
        _current = Settings.from_environment(os.environ)
    return _current


def pass_on_database_url(url: str) -> Settings:
    """Set the web player's database for this process and the processes it starts
    (the server's workers read their settings afresh), and keep the new settings."""
    os.environ["NEWCOURSE_DATABASE_URL"] = url
    return reload()


def pass_on_redis_url(url: str) -> Settings:
    """Set the Redis that carries councils' notices for this process and the processes it
    starts, and keep the new settings."""
    os.environ["NEWCOURSE_REDIS_URL"] = url
    return reload()


def reload() -> Settings:
    """Read the environment again (after a change to it) and keep the new settings."""
    global _current
    _current = None
    return current()
