"""``newcourse graph``: the campaign's events, options, qualities and endings as a graph,
found from conditions and effects (``polarity``, ``build``), cut down (``filters``)
and written as DOT or SVG (``dot``); ``arguments`` and ``command`` are the command line.

The public names below are imported when first used, so that building the
command-line parser stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "Edge",
    "Graph",
    "GraphvizMissing",
    "Node",
    "build_graph",
    "by_names",
    "by_years",
    "to_dot",
    "to_svg",
]

_HOMES = {
    "Edge": "build",
    "Graph": "build",
    "Node": "build",
    "build_graph": "build",
    "GraphvizMissing": "dot",
    "to_dot": "dot",
    "to_svg": "dot",
    "by_names": "filters",
    "by_years": "filters",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
