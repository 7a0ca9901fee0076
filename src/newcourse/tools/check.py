"""``newcourse check``: report everything wrong or suspicious in a campaign.

The loader finds what stops a campaign from loading (file shapes, unknown
names, bad expressions, broken links, dates outside the campaign); the
analyses find what loads but plays wrong (see ``tools.analysis``). Every
problem comes out at once, as ``file:line: level: message``, sorted by file and
line. Exit status: 3 with errors (or, under ``--strict``, with warnings), else 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ..content import Diagnostic, Severity, builtin_campaign_path, load_with_diagnostics
from .analysis import DEFAULT_GAMES, analyse
from .exits import EXIT_CAMPAIGN, EXIT_OK

__all__ = ["check_campaign", "exit_status", "run_check", "write_report"]

_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}


def check_campaign(folder: str | Path, games: int = DEFAULT_GAMES) -> list[Diagnostic]:
    """Every diagnostic for the campaign in ``folder``, sorted by file and line.

    A campaign that does not load is not analysed further: its loader errors
    are the whole report. A failure inside an analysis is reported as an error
    rather than raised, so that a writer never sees a traceback.
    """
    campaign, diagnostics = load_with_diagnostics(folder)
    if campaign is not None:
        try:
            diagnostics = [*diagnostics, *analyse(campaign, games)]
        except Exception as failure:  # a checker bug must not hide the loader's report
            diagnostics.append(
                Diagnostic(
                    Severity.ERROR,
                    str(folder),
                    0,
                    f"the checker failed ({type(failure).__name__}: {failure}); "
                    "please report this with the campaign",
                )
            )
    unique = list(dict.fromkeys(diagnostics))
    return sorted(unique, key=lambda d: (d.file, d.line, _ORDER[d.severity]))


def exit_status(diagnostics: Sequence[Diagnostic], strict: bool) -> int:
    """3 (the campaign has errors) with an error, or with a warning when ``strict``; else 0."""
    levels = {d.severity for d in diagnostics}
    if Severity.ERROR in levels or (strict and Severity.WARNING in levels):
        return EXIT_CAMPAIGN
    return EXIT_OK


def _counts(diagnostics: Sequence[Diagnostic]) -> dict[str, int]:
    return {
        f"{level.value}s": sum(1 for d in diagnostics if d.severity is level) for level in Severity
    }


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def write_report(diagnostics: Sequence[Diagnostic], folder: Path, form: str, out: TextIO) -> None:
    counts = _counts(diagnostics)
    if form == "json":
        report = {
            "campaign": str(folder),
            **counts,
            "diagnostics": [d.as_data() for d in diagnostics],
        }
        json.dump(report, out, indent=1)
        out.write("\n")
        return
    for diagnostic in diagnostics:
        out.write(f"{diagnostic}\n")
    summary = ", ".join(_plural(counts[f"{level.value}s"], level.value) for level in Severity)
    out.write(f"{folder}: {summary}\n")


def run_check(args: argparse.Namespace) -> int:
    """Run ``newcourse check``: the report on standard output; returns the exit code."""
    folder = Path(args.campaign) if args.campaign else builtin_campaign_path()
    games = getattr(args, "games", DEFAULT_GAMES)
    diagnostics = check_campaign(folder, games)
    write_report(diagnostics, folder, args.format, sys.stdout)
    return exit_status(diagnostics, args.strict)
