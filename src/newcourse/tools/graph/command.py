"""``newcourse graph``: draw what leads to what.

Usage:
    newcourse graph [--campaign PATH] [--format dot|svg|png|pdf] [-o FILE]
                    [--year YEAR ...] [--name NAME ...] [--flags] [--weights]

The form follows ``--format``, else ``-o``'s suffix: ``.dot`` or ``.gv`` for
DOT text, ``.svg``, ``.png`` or ``.pdf`` drawn by Graphviz; any other suffix is
refused rather than written with the wrong contents.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from ..exits import EXIT_CAMPAIGN, EXIT_ERROR, EXIT_OK, EXIT_USAGE, fail
from ..loading import campaign_folder, load_or_report

__all__ = ["FORMS", "FormError", "output_form", "run_graph"]

COMMAND = "graph"
TEXT_FORMS = {".dot": "dot", ".gv": "dot"}
DRAWN_FORMS = {".svg": "svg", ".png": "png", ".pdf": "pdf"}
FORMS = ("dot", "svg", "png", "pdf")


class FormError(ValueError):
    """The output's form cannot be told, or contradicts ``--format``."""


def output_form(output: Path | None, chosen: str | None) -> str:
    """The form to write: ``--format`` if given, else the one ``-o``'s suffix names.

    Raises:
        FormError: the suffix names no form the command writes, or another form than
            ``--format``.
    """
    if output is None:
        form = chosen or "dot"
        if form in ("png", "pdf"):
            raise FormError(f"--format {form} is not text: give a file to write with -o FILE")
        return form
    suffix = output.suffix.lower()
    by_suffix = {**TEXT_FORMS, **DRAWN_FORMS}.get(suffix)
    if by_suffix is None:
        named = f"a {suffix!r} file" if suffix else f"{output.name!r}, which has no suffix,"
        raise FormError(
            f"cannot write {named}: -o takes FILE.dot or FILE.gv (DOT text), "
            "or FILE.svg, FILE.png or FILE.pdf (drawn by Graphviz)"
        )
    if chosen is not None and chosen != by_suffix:
        raise FormError(f"-o {output.name} is {by_suffix.upper()}, but --format says {chosen}")
    return by_suffix


def run_graph(args: argparse.Namespace) -> int:
    """Run ``newcourse graph``; returns the exit code."""
    from .build import build_graph
    from .dot import GraphvizMissing, draw, to_dot
    from .filters import by_names, by_years

    try:
        form = output_form(args.output, args.format)
    except FormError as error:
        return fail(COMMAND, str(error), EXIT_USAGE)
    campaign = load_or_report(campaign_folder(args.campaign), command=COMMAND)
    if campaign is None:
        return EXIT_CAMPAIGN
    graph = build_graph(campaign, weights=args.weights or bool(args.name))
    if args.name:
        known = [*campaign.qualities, *campaign.factions, *campaign.flags]
        for name in args.name:
            if name not in known:
                close = difflib.get_close_matches(name, known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                message = f"the campaign has no quality, faction or flag {name!r}{hint}"
                return fail(COMMAND, message, EXIT_USAGE)
        graph = by_names(graph, args.name)
    elif args.flags:
        graph = by_names(graph, campaign.flags)
    if args.year:
        first, last = campaign.start.year, campaign.end.year
        outside = [y for y in args.year if not first <= y <= last]
        if outside:
            message = f"the campaign runs from {first} to {last}, not {outside[0]}"
            return fail(COMMAND, message, EXIT_USAGE)
        graph = by_years(graph, args.year)
    try:
        content = to_dot(graph).encode("utf-8") if form == "dot" else draw(graph, form)
    except GraphvizMissing as error:
        return fail(COMMAND, str(error), EXIT_ERROR)
    if args.output is None:
        sys.stdout.write(content.decode("utf-8"))
        return EXIT_OK
    try:
        args.output.write_bytes(content)
    except OSError as error:
        return fail(COMMAND, f"could not write {args.output}: {error.strerror}", EXIT_ERROR)
    print(
        f"Wrote {args.output} ({len(graph.nodes)} nodes, {len(graph.edges)} links)", file=sys.stderr
    )
    return EXIT_OK
