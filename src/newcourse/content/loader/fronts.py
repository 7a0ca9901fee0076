"""campaign.yaml: the fronts abroad, their windows of opportunity and their states."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ...engine.calendar import Quarter
from ...engine.expressions import NameKind
from ...engine.fronts import KINDS, Front, FrontState
from ...engine.model import Source
from .. import schema
from ..limits import FIRST_YEAR, LAST_YEAR
from ..yaml_source import Document, Path_
from .compiler import Compiler

__all__ = ["read_fronts"]


def _hint(name: str, names: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(names), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def read_fronts(
    ctx: Compiler, doc: Document, meta: schema.CampaignFile, clocks: Iterable[str]
) -> tuple[Front, ...]:
    """The fronts, reporting a quality or clock that is not one, a window that closes
    before it opens or before the campaign starts, a state named twice or without a
    kind, and a last state that does not always hold; call once every name is declared."""
    clock_names = set(clocks)
    measured: dict[str, str] = {}
    fronts = []
    for name, raw in meta.fronts.items():
        path: Path_ = ("fronts", name)
        ok = _check_names(ctx, doc, path, name, raw, clock_names, measured)
        ok = _check_window(ctx, doc, (*path, "window"), name, raw.window) and ok
        states = _read_states(ctx, doc, path, name, raw.states)
        if ok and states is not None:
            fronts.append(
                Front(
                    name,
                    raw.label,
                    raw.quality,
                    raw.clock,
                    raw.window.from_,
                    raw.window.to,
                    states,
                    raw.background,
                    raw.description,
                    Source(doc.name, doc.line(path)),
                )
            )
    return tuple(fronts)


def _check_names(
    ctx: Compiler,
    doc: Document,
    path: Path_,
    name: str,
    raw: schema.FrontFile,
    clocks: set[str],
    measured: dict[str, str],
) -> bool:
    ok = True
    kinds = ctx.names.kinds
    qualities = [n for n, k in kinds.items() if k is NameKind.QUALITY and n not in clocks]
    if kinds.get(raw.quality) is not NameKind.QUALITY or raw.quality in clocks:
        what = "a clock" if raw.quality in clocks else "not a quality"
        ctx.error(
            doc,
            doc.line((*path, "quality")),
            f"front {name!r}: its quality {raw.quality!r} is {what}"
            + _hint(raw.quality, qualities),
        )
        ok = False
    elif raw.quality in measured:
        ctx.error(
            doc,
            doc.line((*path, "quality")),
            f"front {name!r}: the quality {raw.quality!r} already measures the front "
            f"{measured[raw.quality]!r}; give each front its own",
        )
        ok = False
    else:
        measured[raw.quality] = name
    if raw.clock is not None and raw.clock not in clocks:
        ctx.error(
            doc,
            doc.line((*path, "clock")),
            f"front {name!r}: its clock {raw.clock!r} is not a declared clock"
            + (_hint(raw.clock, clocks) if clocks else " (the campaign declares none)"),
        )
        ok = False
    return ok


def _check_window(
    ctx: Compiler, doc: Document, path: Path_, name: str, window: schema.WindowFile
) -> bool:
    opens, closes = window.from_, window.to
    for key, date in (("from", opens), ("to", closes)):
        if not FIRST_YEAR <= date.year <= LAST_YEAR:
            ctx.error(
                doc,
                doc.line((*path, key)),
                f"front {name!r}: its window's {key!r} date {date.isoformat()} is outside "
                f"the years {FIRST_YEAR} to {LAST_YEAR}",
            )
            return False
    if closes < opens:
        ctx.error(
            doc,
            doc.line((*path, "to")),
            f"front {name!r}: its window closes ({closes.isoformat()}) before it opens "
            f"({opens.isoformat()})",
        )
        return False
    if Quarter.of(closes) < ctx.start:
        ctx.error(
            doc,
            doc.line((*path, "to")),
            f"front {name!r}: its window closes ({closes.isoformat()}) before the campaign "
            f"starts ({ctx.start}), so it can never be open or prepared for",
        )
        return False
    return True


def _read_states(
    ctx: Compiler,
    doc: Document,
    path: Path_,
    name: str,
    raws: list[schema.FrontStateFile],
) -> tuple[FrontState, ...] | None:
    states = []
    seen: set[str] = set()
    ok = True
    for index, raw in enumerate(raws):
        where: Path_ = (*path, "states", index)
        line = doc.line(where)
        if raw.id in seen:
            ctx.error(doc, line, f"front {name!r}: the state {raw.id!r} is named twice")
            ok = False
        seen.add(raw.id)
        kind = raw.kind or (raw.id if raw.id in KINDS else None)
        if kind is None:
            ctx.error(
                doc,
                line,
                f"front {name!r}: the state {raw.id!r} needs a kind, one of " + ", ".join(KINDS),
            )
            ok = False
        when = ctx.condition(doc, (*where, "when"), raw.when)
        if raw.when is not None and when is None:
            ok = False  # reported by the compiler
        last = index == len(raws) - 1
        if last and (raw.when is not None or raw.window is not None):
            ctx.error(
                doc,
                line,
                f"front {name!r}: its last state {raw.id!r} has a condition, so in some "
                "seasons no state would hold; end with a state without 'when' or 'window'",
            )
            ok = False
        states.append(
            FrontState(raw.id, raw.label, kind or "quiet", when, raw.window, Source(doc.name, line))
        )
    return tuple(states) if ok else None
