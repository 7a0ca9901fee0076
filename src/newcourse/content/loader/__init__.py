"""Loading a campaign folder into the engine's model.

The loader reads every file, validates its shape, parses and checks every
expression against the declared names, and checks the links between files.
It collects every problem (file, line, message) before it gives up, and raises
one ``CampaignError`` holding them all. A campaign that loads is safe to play:
its numbers, dates and texts are within what the engine handles.

One module per job: ``reader`` (files and their shapes), ``compiler``
(expressions and numbers), ``declarations`` (``campaign.yaml``), ``fronts``
(its fronts abroad), ``events`` and ``sections`` (the other files and the
links between them).
"""

from __future__ import annotations

from pathlib import Path

from ...engine.model import Campaign, Source
from .. import schema
from ..diagnostics import CampaignError, Diagnostic, Severity
from .compiler import Compiler
from .congress import check_leaders, read_congress
from .council import read_council
from .declarations import declare, span
from .events import read_events
from .fronts import read_fronts
from .people import check_casts, read_people, with_cast
from .sections import (
    check_links,
    read_codex_notes,
    read_endings,
    read_headlines,
    read_rules,
    read_strategies,
)
from .timing import read_texts, settle_time
from .tracks import read_clocks

__all__ = ["BUNDLED", "builtin_campaign_path", "load_campaign", "load_with_diagnostics"]

BUNDLED = Path(__file__).resolve().parent.parent.parent / "campaigns"
DEFAULT_CAMPAIGN = "left_opposition"


def builtin_campaign_path(name: str = DEFAULT_CAMPAIGN) -> Path:
    """The folder of a campaign that ships with the game."""
    return BUNDLED / name


def load_campaign(folder: str | Path) -> Campaign:
    """Load and check the campaign in ``folder``. Raises CampaignError listing every error."""
    campaign, diagnostics = load_with_diagnostics(folder)
    if campaign is None:
        raise CampaignError(diagnostics)
    return campaign


def load_with_diagnostics(folder: str | Path) -> tuple[Campaign | None, list[Diagnostic]]:
    """Load a campaign, returning it (or None) with every diagnostic found."""
    ctx = Compiler(Path(folder))
    campaign = _build(ctx)
    errors = [d for d in ctx.diagnostics if d.severity is Severity.ERROR]
    return (None if errors else campaign), ctx.diagnostics


def _build(ctx: Compiler) -> Campaign | None:
    if not ctx.folder.is_dir():
        ctx.error(str(ctx.folder), 0, "there is no campaign folder here")
        return None
    head = ctx.read("campaign.yaml", schema.CampaignFile, required=True)
    if head is None:
        return None
    doc, meta = head
    span(ctx, doc, meta)
    qualities, factions, flags = declare(ctx, doc, meta)
    clocks = read_clocks(ctx, doc, meta)
    fronts = read_fronts(ctx, doc, meta, meta.clocks)
    packing = ctx.weight(doc, ("vote_packing",), meta.vote_packing)
    congress = read_congress(ctx, doc, meta)
    roster = read_people(ctx)
    check_leaders(ctx, doc, congress, roster)
    events = read_events(ctx)
    rules = read_rules(ctx)
    check_casts(ctx, roster, events, rules)
    ctx.names = with_cast(ctx.names, roster, events)  # texts name the people cast: {secretary}
    headlines = read_headlines(ctx)
    endings = read_endings(ctx)
    codex = read_codex_notes(ctx)
    strategies = read_strategies(ctx)
    council = read_council(ctx, events, roster, codex)
    check_links(ctx, events, headlines, codex, factions)
    events = settle_time(ctx, doc, dict(meta.arcs), events)
    texts = read_texts(ctx, events.values(), rules, headlines, endings)
    if any(d.severity is Severity.ERROR for d in ctx.diagnostics):
        return None  # a campaign is built only from parts that all loaded
    return Campaign(
        id=meta.id,
        title=meta.title,
        version=meta.version,
        start=ctx.start,
        end=ctx.end,
        intro=meta.intro,
        storylets_per_turn=meta.storylets_per_turn,
        max_events_per_turn=meta.max_events_per_turn,
        vote_packing=packing,
        qualities=qualities,
        factions=factions,
        flags=flags,
        events=events,
        rules=rules,
        headlines=headlines,
        endings=endings,
        codex=codex,
        strategies=strategies,
        source=Source(doc.name, 1),
        ranges=dict(ctx.ranges),
        texts=texts,
        arcs=tuple(meta.arcs.items()),
        congress=congress,
        clocks=clocks,
        roster=roster,
        fronts=fronts,
        council=council,
    )
