"""How a tool ends: the exit codes it shares with the command line, and its one-line failure.

The codes are those of ``newcourse --help`` (``cli.errors`` holds the same
numbers; a test keeps them equal): the tools cannot import the command line.
"""

from __future__ import annotations

import sys

__all__ = [
    "EXIT_CAMPAIGN",
    "EXIT_DIFFERENT",
    "EXIT_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "fail",
]

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_CAMPAIGN, EXIT_DIFFERENT = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130


def fail(command: str, message: str, code: int = EXIT_ERROR) -> int:
    """Print ``newcourse COMMAND: message`` on standard error; returns ``code``."""
    print(f"newcourse {command}: {message}", file=sys.stderr)
    return code
