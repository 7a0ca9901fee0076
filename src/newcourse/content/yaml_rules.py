"""YAML as campaign files read it: the YAML 1.2 core schema, on libyaml's parser.

PyYAML resolves plain scalars by YAML 1.1, where ``Yes``, ``no``, ``on`` and
``off`` are booleans, ``010`` is octal, ``1_000`` a thousand and ``1:30``
ninety. Editors that check files against the JSON Schemas read YAML 1.2, where
those are strings and ``010`` is ten. This loader keeps libyaml's speed and
resolves plain scalars by the 1.2 core schema, so the game and the editor read
the same file the same way. Dates are strings, read by the file's schema.
"""

from __future__ import annotations

import re
from typing import ClassVar

import yaml
from yaml.constructor import ConstructorError

__all__ = ["CORE_TAGS", "CampaignLoader"]

try:
    _Base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Base = yaml.SafeLoader

_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_STR = "tag:yaml.org,2002:str"
CORE_TAGS = frozenset(
    {_NULL, _BOOL, _INT, _FLOAT, _STR, "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
)

_RESOLVERS = [
    (_NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    (_INT, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        _FLOAT,
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
]
_DECIMAL = re.compile(r"[-+]?[0-9]+")


class CampaignLoader(_Base):  # type: ignore[misc, valid-type]
    """libyaml's safe loader with the YAML 1.2 core schema's plain scalars."""

    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        """An integer by YAML 1.2: decimal (``010`` is ten), ``0o`` octal or ``0x`` hex."""
        text = str(self.construct_scalar(node))
        if _DECIMAL.fullmatch(text):
            return int(text, 10)
        if text[:2] in ("0o", "0x") and len(text) > 2:
            try:
                return int(text[2:], 8 if text[1] == "o" else 16)
            except ValueError:
                pass
        raise ConstructorError(None, None, f"{text!r} is not an integer", node.start_mark)


for _tag, _pattern, _first in _RESOLVERS:
    CampaignLoader.add_implicit_resolver(_tag, re.compile(_pattern), _first)
CampaignLoader.add_constructor(_INT, CampaignLoader.construct_yaml_int)
