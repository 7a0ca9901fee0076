"""``newcourse check``: report everything wrong or suspicious in a campaign."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..content import Severity, builtin_campaign_path, load_with_diagnostics

__all__ = ["run_check"]


def run_check(args: argparse.Namespace) -> int:
    folder = Path(args.campaign) if args.campaign else builtin_campaign_path()
    campaign, diagnostics = load_with_diagnostics(folder)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    warnings = [d for d in diagnostics if d.severity is Severity.WARNING]
    if args.format == "json":
        json.dump([d.as_data() for d in diagnostics], sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        for diagnostic in diagnostics:
            print(diagnostic)
        print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    if errors:
        return 2
    if warnings and args.strict:
        return 1
    return 0
