"""``newcourse graph``: draw what leads to what.

Usage:
    newcourse graph [CAMPAIGN] [--format dot|svg] [-o FILE] [--year YEAR ...] [--name NAME ...]
"""

from __future__ import annotations

import argparse
import difflib
import sys

from ..loading import campaign_folder, load_or_report

__all__ = ["run_graph"]

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def run_graph(args: argparse.Namespace) -> int:
    from .build import build_graph
    from .dot import GraphvizMissing, to_dot, to_svg
    from .filters import by_names, by_years

    campaign = load_or_report(campaign_folder(args.campaign))
    if campaign is None:
        return EXIT_USAGE
    graph = build_graph(campaign, weights=args.weights or bool(args.name))
    if args.name:
        known = [*campaign.qualities, *campaign.factions, *campaign.flags]
        for name in args.name:
            if name not in known:
                close = difflib.get_close_matches(name, known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                return _fail(f"the campaign has no quality, faction or flag {name!r}{hint}")
        graph = by_names(graph, args.name)
    elif args.flags:
        graph = by_names(graph, campaign.flags)
    if args.year:
        first, last = campaign.start.year, campaign.end.year
        outside = [y for y in args.year if not first <= y <= last]
        if outside:
            return _fail(f"the campaign runs from {first} to {last}, not {outside[0]}")
        graph = by_years(graph, args.year)
    form = args.format or (
        "svg" if args.output is not None and args.output.suffix.lower() == ".svg" else "dot"
    )
    try:
        text = to_svg(graph) if form == "svg" else to_dot(graph)
    except GraphvizMissing as error:
        return _fail(str(error), EXIT_ERROR)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as error:
        return _fail(f"cannot write {args.output}: {error.strerror}", EXIT_ERROR)
    print(f"Wrote {args.output} ({len(graph.nodes)} nodes, {len(graph.edges)} links)")
    return EXIT_OK


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"newcourse: {message}", file=sys.stderr)
    return code
