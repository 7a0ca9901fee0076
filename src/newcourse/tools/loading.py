"""Loading the campaign a tool works on, refusing one that does not load."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from ..content import CampaignError, builtin_campaign_path, load_campaign
from ..engine.model import Campaign

__all__ = ["campaign_folder", "load_or_report"]


def campaign_folder(argument: str | Path | None) -> Path:
    """The folder ``--campaign`` names, or the bundled campaign's."""
    return Path(argument) if argument else builtin_campaign_path()


def load_or_report(
    folder: Path, stream: TextIO | None = None, command: str | None = None
) -> Campaign | None:
    """Load the campaign in ``folder``, or print every error in it and return None."""
    out = stream or sys.stderr
    who = f"newcourse {command}" if command else "newcourse"
    try:
        return load_campaign(folder)
    except CampaignError as error:
        for diagnostic in error.errors:
            print(diagnostic, file=out)
        count = len(error.errors)
        print(f"{who}: the campaign has {count} error{'s' * (count != 1)}", file=out)
        return None
