"""How the command line ends: exit codes, the one-sentence failure, and loading a campaign.

Every expected failure ends with one clear line on standard error and a
non-zero exit, never a traceback. The exit codes (also in ``newcourse --help``
and the README):

====  ===========================================================================
0     done
1     something else failed: a file could not be read or written, a fault in the program
2     the command line is wrong: an unknown command or option, a bad value,
      flags that contradict each other
3     the campaign has errors (``check --strict``: or warnings)
4     ``playtest --replay``: a replay did not end as its file expects
130   interrupted (Ctrl-C)
====  ===========================================================================
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..engine import Campaign

__all__ = [
    "EXIT_CAMPAIGN",
    "EXIT_CODES",
    "EXIT_DIFFERENT",
    "EXIT_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "fail",
    "load_or_report",
]

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_CAMPAIGN, EXIT_DIFFERENT = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130

EXIT_CODES: dict[int, str] = {
    EXIT_OK: "done",
    EXIT_ERROR: "something else failed (a file could not be read or written, "
    "a fault in the program)",
    EXIT_USAGE: "the command line is wrong (an unknown command or option, a bad value, "
    "flags that contradict each other)",
    EXIT_CAMPAIGN: "the campaign has errors (check --strict: or warnings)",
    EXIT_DIFFERENT: "playtest --replay: a replay did not end as its file expects",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C)",
}


def fail(message: str, code: int = EXIT_ERROR, command: str | None = None) -> int:
    """Print one line on standard error and return the exit code to end with.

    ``command`` names the sub-command that speaks (``newcourse check: ...``).
    """
    who = f"newcourse {command}" if command else "newcourse"
    print(f"{who}: {message}", file=sys.stderr)
    return code


def load_or_report(folder: Path | None) -> Campaign | None:
    """Load a campaign, or print every error in it and return None."""
    from ..content import CampaignError, builtin_campaign_path
    from ..content.cache import load_checked

    path = folder if folder is not None else builtin_campaign_path()
    try:
        return load_checked(path)
    except CampaignError as error:
        for diagnostic in error.errors:
            print(diagnostic, file=sys.stderr)
        count = len(error.errors)
        print(f"newcourse: the campaign has {count} error{'s' * (count != 1)}", file=sys.stderr)
        return None
