"""The public view as JSON data: what ``json.dumps`` (or pydantic's encoder) writes.

``to_data`` turns a view, or any part of it, into dicts, lists and plain values:
every dataclass and named tuple a dict by field name, every tuple a list. How a
type is turned is worked out once per type (a view holds a thousand values and a
few dozen types); fields declared to hold only text, numbers, booleans or None
are taken as they are. ``view_data`` turns a whole view, leaving out its
timeline unless asked for it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields, is_dataclass
from operator import attrgetter
from types import UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

from .view import PersonView, PublicView

__all__ = ["to_data", "view_data"]


def to_data(value: Any) -> Any:
    """``value`` (a view or any part of it) as JSON data: every dataclass and named
    tuple a dict by field name, every tuple a list."""
    kind = type(value)
    if kind in _AS_IS:
        return value
    shape = _SHAPES.get(kind)
    if shape is None:
        shape = _SHAPES[kind] = _shape_of(kind)
    return shape(value)


def view_data(view: PublicView, timeline: bool = True) -> dict[str, Any]:
    """``view`` as JSON data (as ``to_data`` gives it); without the ``timeline`` key unless
    ``timeline``, for an answer that does not need the whole game's past again.

    The people's data is kept by the very tuple it was made from (the engine gives the
    same tuple again while nobody changes), so views' data may share it: encode the data,
    do not change it in place."""
    return {
        name: _people_data(view.people) if name == "people" else to_data(getattr(view, name))
        for name in _VIEW_FIELDS
        if timeline or name != "timeline"
    }


def _people_data(people: tuple[PersonView, ...]) -> Any:
    kept = _KEPT_PEOPLE.get(id(people))
    if kept is not None and kept[0] is people:
        return kept[1]
    made = to_data(people)
    if len(_KEPT_PEOPLE) >= KEPT_PEOPLE:
        _KEPT_PEOPLE.clear()
    _KEPT_PEOPLE[id(people)] = (people, made)  # kept alive, so no other takes its id
    return made


KEPT_PEOPLE = 1024
"""People's data kept (of as many views); when full, forgotten all at once."""
_KEPT_PEOPLE: dict[int, tuple[tuple[PersonView, ...], Any]] = {}


_VIEW_FIELDS = tuple(field.name for field in fields(PublicView))
_AS_IS = frozenset({str, int, float, bool, type(None)})
_SHAPES: dict[type, Callable[[Any], Any]] = {}
"""How ``to_data`` turns a value of each type into data, worked out once per type: a
view holds a thousand values and a few dozen types."""


def _shape_of(kind: type) -> Callable[[Any], Any]:
    if is_dataclass(kind) or (issubclass(kind, tuple) and hasattr(kind, "_fields")):
        return _record_shape(kind)
    if issubclass(kind, tuple | list):
        return lambda value: [to_data(item) for item in value]
    if issubclass(kind, Mapping):
        return lambda value: {str(key): to_data(item) for key, item in value.items()}
    return lambda value: value


def _record_shape(kind: type) -> Callable[[Any], dict[str, Any]]:
    """A dataclass or named tuple as a dict by field name. Fields declared to hold only
    text, numbers, booleans or None are taken as they are, without a look at each value:
    the others (a tuple, another record) are turned into data in turn."""
    if is_dataclass(kind):
        names = tuple(f.name for f in fields(kind))
        take = attrgetter(*names)
        values: Callable[[Any], Any] = (lambda value: (take(value),)) if len(names) == 1 else take
    else:
        names = kind._fields  # type: ignore[attr-defined]
        values = _itself
    try:
        hints = get_type_hints(kind)
    except (NameError, TypeError):  # a name only known to the type checker: look at all
        hints = {}
    nested = tuple(name for name in names if not _plain(hints.get(name)))

    def shape(value: Any) -> dict[str, Any]:
        data = dict(zip(names, values(value), strict=True))
        for name in nested:
            item = data[name]
            if type(item) not in _AS_IS:
                data[name] = to_data(item)
        return data

    return shape


def _itself(value: Any) -> Any:
    return value


def _plain(hint: Any) -> bool:
    """Whether a field declared ``hint`` holds only values JSON writes as they are."""
    if hint in _AS_IS:
        return True
    if get_origin(hint) in (Union, UnionType):
        return all(_plain(member) for member in get_args(hint))
    return False
