"""campaign.yaml: the campaign's span and the names it declares."""

from __future__ import annotations

from ...engine.calendar import Quarter
from ...engine.expressions import NameKind, Namespace
from ...engine.model import Faction, Flag, Quality, Source
from .. import schema
from ..limits import FIRST_YEAR, LAST_YEAR, MAX_NUMBER, MAX_TURNS
from ..yaml_source import Document, Path_
from .compiler import Compiler
from .tracks import declare_clocks, read_levels

__all__ = ["COMPACT_GROUP", "COMPACT_LABEL", "declare", "span"]

COMPACT_GROUP = "support"
"""The quality group the players show on one compact line, each by a short label."""

COMPACT_LABEL = 10
"""The longest label of a quality in the compact group."""


def span(ctx: Compiler, doc: Document, meta: schema.CampaignFile) -> None:
    """Set the campaign's first and last turns, reporting a span the game cannot run."""
    ctx.start, ctx.end = Quarter.of(meta.start), Quarter.of(meta.end)
    for key, date in (("start", meta.start), ("end", meta.end)):
        if not FIRST_YEAR <= date.year <= LAST_YEAR:
            ctx.error(
                doc,
                doc.line((key,)),
                f"the campaign's {key} {date.isoformat()} is outside the years "
                f"{FIRST_YEAR} to {LAST_YEAR}",
            )
    turns = ctx.end.turns_since(ctx.start) + 1
    if ctx.end < ctx.start:
        ctx.error(doc, doc.line(("end",)), "the campaign ends before it starts")
    elif turns > MAX_TURNS:
        ctx.error(
            doc,
            doc.line(("end",)),
            f"the campaign lasts {turns} turns; a campaign may last at most {MAX_TURNS}",
        )


def declare(
    ctx: Compiler, doc: Document, meta: schema.CampaignFile
) -> tuple[dict[str, Quality], dict[str, Faction], dict[str, Flag]]:
    """The qualities, factions and flags of the campaign, in one namespace."""
    kinds: dict[str, NameKind] = {name: NameKind.BUILTIN for name in ("year", "quarter", "turn")}
    qualities: dict[str, Quality] = {}
    for name, q in meta.qualities.items():
        path: Path_ = ("qualities", name)
        if q.min > q.max:
            ctx.error(doc, doc.line(path), f"quality {name!r}: min {q.min} is above max {q.max}")
        elif not q.min <= q.initial <= q.max:
            ctx.error(
                doc,
                doc.line((*path, "initial")),
                f"quality {name!r}: initial value {q.initial} is outside {q.min}..{q.max}",
            )
        if q.group == COMPACT_GROUP and len(q.label) > COMPACT_LABEL:
            ctx.error(
                doc,
                doc.line((*path, "label")),
                f"quality {name!r}: the {COMPACT_GROUP} group is shown on one compact line, "
                f"so its label {q.label!r} must be at most {COMPACT_LABEL} characters "
                f"(the description can say more)",
            )
        qualities[name] = Quality(
            name,
            q.label,
            q.min,
            q.max,
            q.initial,
            q.shown,
            q.group,
            q.description,
            Source(doc.name, doc.line(path)),
            read_levels(ctx, doc, path, q),
        )
        _declare(ctx, doc, path, name, NameKind.QUALITY, kinds)
        ctx.ranges[name] = (q.min, q.max)
    declare_clocks(ctx, doc, meta, qualities, kinds)
    factions: dict[str, Faction] = {}
    for name, f in meta.factions.items():
        path = ("factions", name)
        factions[name] = Faction(
            name, f.label, f.initial, f.description, Source(doc.name, doc.line(path))
        )
        _declare(ctx, doc, path, name, NameKind.FACTION, kinds)
        ctx.ranges[name] = (0, 1000)
    if sum(f.initial for f in factions.values()) > MAX_NUMBER:
        ctx.error(
            doc,
            doc.line(("factions",)),
            f"the factions' delegates add up to more than {MAX_NUMBER:,}",
        )
    flags: dict[str, Flag] = {}
    for name, flag in meta.flags.items():
        path = ("flags", name)
        flag = flag or schema.FlagFile()
        flags[name] = Flag(name, flag.description, flag.initial, Source(doc.name, doc.line(path)))
        _declare(ctx, doc, path, name, NameKind.FLAG, kinds)
    ctx.names = Namespace(kinds)
    return qualities, factions, flags


def _declare(
    ctx: Compiler,
    doc: Document,
    path: Path_,
    name: str,
    kind: NameKind,
    kinds: dict[str, NameKind],
) -> None:
    if name in kinds:
        ctx.error(
            doc,
            doc.line(path),
            f"{kind.value} {name!r}: the name is already taken by a {kinds[name].value}",
        )
    else:
        kinds[name] = kind
