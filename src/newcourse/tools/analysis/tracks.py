"""Clocks that can never fill: nothing in play raises them to their last segment."""

from __future__ import annotations

from .context import Context
from .intervals import number
from .reach import sites

__all__ = ["check_clocks"]


def check_clocks(ctx: Context) -> None:
    """Warn of every clock that what play can reach never fills."""
    for clock in ctx.campaign.clocks:
        highest = number(ctx.reach[clock.name]).hi
        if highest >= clock.segments:
            continue
        raised = any(
            statement.target == clock.name and statement.op in ("+=", "+%=")
            for site in sites(ctx)
            for statement in site.statements
        )
        why = (
            f"no effect raises it above {highest:g} of its {clock.segments} segments"
            if raised
            else "no effect raises it"
        )
        ctx.warning(clock.source, f"clock {clock.name!r} can never fill: {why}")
