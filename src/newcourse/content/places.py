"""Naming places in campaign files the way a writer thinks of them.

A diagnostic says ``event 'letter', option 'publish', effects`` rather than a
path of keys and indices, and suggests the field a misspelt key was meant to be.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from . import schema
from .yaml_source import Path_

__all__ = ["describe_path", "known_fields"]


def known_fields() -> list[str]:
    names: set[str] = set()
    for model in _all_models():
        for field_name, field in model.model_fields.items():
            names.add(field.alias or field_name)
    return sorted(names)


def _all_models() -> list[type[BaseModel]]:
    return [
        value
        for value in vars(schema).values()
        if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel
    ]


def describe_path(data: Any, path: Path_) -> str:
    """Name a place in a file the way a writer thinks of it: event 'x', option 'y', field."""
    parts: list[str] = []
    node = data
    kinds = {
        "events": "event",
        "options": "option",
        "outcomes": "outcome",
        "rules": "rule",
        "endings": "ending",
        "headlines": "headline",
        "strategies": "strategy",
        "qualities": "quality",
        "factions": "faction",
        "flags": "flag",
        "summary": "summary line",
        "clocks": "clock",
    }
    parent_key: str | int | None = None
    for part in path:
        child = None
        if isinstance(node, dict):
            child = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            child = node[part]
        kind = kinds.get(str(parent_key), "") if parent_key is not None else ""
        if isinstance(part, int):
            ident = child.get("id") if isinstance(child, dict) else None
            parts.append(f"{kind or 'item'} {ident!r}" if ident else f"{kind or 'item'} {part + 1}")
        elif kind in ("quality", "faction", "flag", "clock"):
            parts.append(f"{kind} {part!r}")
        elif part not in kinds:
            parts.append(str(part))
        parent_key = part
        node = child
    return ", ".join(parts) if parts else "the file"
