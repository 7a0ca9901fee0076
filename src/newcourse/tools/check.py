"""``newcourse check``: report everything wrong or suspicious in a campaign.

The loader finds what stops a campaign from loading (file shapes, unknown
names, bad expressions, broken links, dates outside the campaign); the
analyses find what loads but plays wrong (see ``tools.analysis``). Every
problem comes out at once, as ``file:line: level: message``, sorted by file and
line. Exit status: 2 with errors, 1 with warnings under ``--strict``, else 0.
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

__all__ = ["check_campaign", "exit_status", "run_check", "write_report"]

EXIT_CLEAN, EXIT_WARNINGS, EXIT_ERRORS = 0, 1, 2
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
    levels = {d.severity for d in diagnostics}
    if Severity.ERROR in levels:
        return EXIT_ERRORS
    if strict and Severity.WARNING in levels:
        return EXIT_WARNINGS
    return EXIT_CLEAN


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
    folder = Path(args.campaign) if args.campaign else builtin_campaign_path()
    games = getattr(args, "games", DEFAULT_GAMES)
    diagnostics = check_campaign(folder, games)
    write_report(diagnostics, folder, args.format, sys.stdout)
    return exit_status(diagnostics, args.strict)
