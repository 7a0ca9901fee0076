"""campaign.yaml: the named levels of qualities, and the progress clocks.

A clock is declared as a quality of ``segments`` steps (so expressions read it
and effects move it by its name); its fill is compiled into one effect: the
writer's effects, then its flag, then the emptying.
"""

from __future__ import annotations

import difflib

from ...engine.expressions import NameKind, compile_effects, parse_effects
from ...engine.model import Clock, Effects, Quality, Source
from .. import schema
from ..places import describe_path
from ..yaml_source import Document, Path_
from .compiler import Compiler

__all__ = ["declare_clocks", "read_clocks", "read_levels"]


def read_levels(
    ctx: Compiler, doc: Document, path: Path_, quality: schema.QualityFile
) -> tuple[tuple[int, str], ...]:
    """A quality's named levels, lowest first, reporting a level outside the quality's
    range, levels not written in increasing order, and a blank or repeated name."""
    levels: list[tuple[int, str]] = []
    where = describe_path(doc.data, (*path, "levels"))
    for least, name in quality.levels.items():
        line = doc.line((*path, "levels", str(least)))
        text = name.strip()
        if not quality.min <= least <= quality.max:
            ctx.error(
                doc,
                line,
                f"{where}: the level {text!r} starts at {least}, outside the quality's "
                f"range {quality.min}..{quality.max}",
            )
        elif levels and least <= levels[-1][0]:
            ctx.error(
                doc,
                line,
                f"{where}: the level {text!r} starts at {least}, not above the level before "
                f"it ({levels[-1][1]!r} at {levels[-1][0]}); write the levels lowest first",
            )
        elif not text:
            ctx.error(doc, line, f"{where}: the level at {least} has no name")
        elif text in (n for _, n in levels):
            ctx.error(doc, line, f"{where}: the name {text!r} is given to two levels")
        else:
            levels.append((least, text))
    return tuple(levels)


def declare_clocks(
    ctx: Compiler,
    doc: Document,
    meta: schema.CampaignFile,
    qualities: dict[str, Quality],
    kinds: dict[str, NameKind],
) -> None:
    """Declare each clock as a quality of ``0..segments``, reporting a clock that starts
    full or empties to full, and a name already taken."""
    for name, clock in meta.clocks.items():
        path: Path_ = ("clocks", name)
        line = doc.line(path)
        if clock.initial >= clock.segments:
            ctx.error(
                doc,
                doc.line((*path, "initial")),
                f"clock {name!r}: it starts at {clock.initial}, full already; "
                f"start it below its {clock.segments} segments",
            )
        if not 0 <= clock.on_full.empty_to < clock.segments:
            ctx.error(
                doc,
                doc.line((*path, "on_full", "empty_to")),
                f"clock {name!r}: it empties to {clock.on_full.empty_to}, which is not "
                f"within 0..{clock.segments - 1} (below its segments)",
            )
        if name in kinds:
            ctx.error(
                doc, line, f"clock {name!r}: the name is already taken by a {kinds[name].value}"
            )
            continue
        kinds[name] = NameKind.QUALITY
        ctx.ranges[name] = (0, clock.segments)
        qualities[name] = Quality(
            name,
            clock.label,
            0,
            clock.segments,
            clock.initial,
            clock.shown,
            clock.group,
            clock.description,
            Source(doc.name, line),
        )


def read_clocks(ctx: Compiler, doc: Document, meta: schema.CampaignFile) -> tuple[Clock, ...]:
    """The clocks with their compiled fills; call once every name is declared."""
    clocks: list[Clock] = []
    for name, clock in meta.clocks.items():
        path: Path_ = ("clocks", name)
        if ctx.names.kinds.get(name) is not NameKind.QUALITY or name not in ctx.ranges:
            continue  # reported when it was declared
        fill = clock.on_full
        own = ctx.effects(doc, (*path, "on_full", "effects"), fill.effects)
        if fill.effects is not None and own is None:
            continue  # reported by the compiler
        extra = [f"{name} = {fill.empty_to}"]
        if fill.flag is not None:
            if ctx.names.kinds.get(fill.flag) is not NameKind.FLAG:
                _unknown_flag(ctx, doc, (*path, "on_full", "flag"), name, fill.flag)
                continue
            extra.insert(0, f"{fill.flag} = true")
        clocks.append(
            Clock(
                name,
                clock.label,
                clock.segments,
                fill.empty_to,
                _joined(ctx, own, "\n".join(extra)),
                fill.news.strip() or f"{clock.label} fills",
                clock.shown,
                Source(doc.name, doc.line(path)),
            )
        )
    return tuple(clocks)


def _joined(ctx: Compiler, own: Effects | None, extra: str) -> Effects:
    """The writer's fill effects followed by the flag and the emptying, as one effect."""
    statements = (*(own.statements if own else ()), *parse_effects(extra))
    text = f"{own.text}\n{extra}" if own else extra
    return Effects(text, statements, compile_effects(statements, ctx.names, ctx.ranges))


def _unknown_flag(ctx: Compiler, doc: Document, path: Path_, clock: str, flag: str) -> None:
    flags = [n for n, kind in ctx.names.kinds.items() if kind is NameKind.FLAG]
    close = difflib.get_close_matches(flag, flags, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    ctx.error(
        doc,
        doc.line(path),
        f"clock {clock!r}: its fill sets flag {flag!r}, which is not a declared flag{hint}",
    )
