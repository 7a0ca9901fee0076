"""``newcourse playtest``: seeded, weighted, coverage-reporting bot playtests.

The modules: ``strategies`` (how a bot picks), ``runner`` (playing many games
in parallel into mergeable counts), ``report`` (the counts as plain data),
``render_*`` and ``charts`` (terminal, HTML, Markdown), ``replay`` (record and
check single games), ``arguments`` and ``command`` (the command line).

The public names below are imported when first used, so that building the
command-line parser stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "Run",
    "StrategyError",
    "StrategySpec",
    "Tally",
    "build_player",
    "build_report",
    "check_replay",
    "game_seed",
    "play",
    "read_replay",
    "record_replay",
    "run_games",
]

_HOMES = {
    "Run": "many",
    "Tally": "runner",
    "game_seed": "runner",
    "play": "runner",
    "run_games": "many",
    "StrategyError": "strategies",
    "StrategySpec": "strategies",
    "build_player": "strategies",
    "build_report": "report",
    "check_replay": "replay",
    "read_replay": "replay",
    "record_replay": "replay",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
