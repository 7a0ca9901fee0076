"""The command-line arguments of ``newcourse graph`` (kept light: no heavy imports)."""

from __future__ import annotations

import argparse
from pathlib import Path

__all__ = ["add_graph_arguments"]


def add_graph_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("dot", "svg", "png", "pdf"),
        help="DOT text, or drawn by Graphviz (default: from -o's suffix, else DOT)",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write to FILE: .dot or .gv (text), .svg, .png or .pdf (drawn)",
    )
    parser.add_argument(
        "--year",
        type=int,
        action="append",
        metavar="YEAR",
        help="only the events of this year (repeatable)",
    )
    parser.add_argument(
        "--weights",
        action="store_true",
        help="also link what makes events, outcomes and votes likelier (weights, odds, swing)",
    )
    parser.add_argument(
        "--flags",
        action="store_true",
        help="only the links made by flags: the story's branches, without the qualities",
    )
    parser.add_argument(
        "--name",
        action="append",
        metavar="NAME",
        help="only the links about this quality, faction or flag (repeatable)",
    )
