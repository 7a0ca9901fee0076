"""How the command line ends: exit codes, the one-sentence failure, and loading a campaign.

Every expected failure ends with one clear line on standard error and a
non-zero exit, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..engine import Campaign

__all__ = ["EXIT_ERROR", "EXIT_OK", "EXIT_USAGE", "fail", "load_or_report"]

EXIT_OK, EXIT_USAGE, EXIT_ERROR = 0, 2, 1


def fail(message: str, code: int = EXIT_ERROR) -> int:
    """Print one line on standard error and return the exit code to end with."""
    print(f"newcourse: {message}", file=sys.stderr)
    return code


def load_or_report(folder: Path | None) -> Campaign | None:
    """Load a campaign, or print every error in it and return None."""
    from ..content import CampaignError, builtin_campaign_path, load_campaign

    path = folder if folder is not None else builtin_campaign_path()
    try:
        return load_campaign(path)
    except CampaignError as error:
        for diagnostic in error.errors:
            print(diagnostic, file=sys.stderr)
        count = len(error.errors)
        print(f"newcourse: the campaign has {count} error{'s' * (count != 1)}", file=sys.stderr)
        return None
