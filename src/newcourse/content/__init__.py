"""Loading campaign folders into the engine's model, with precise diagnostics.

The loader, and with it YAML and pydantic, is imported when first asked for:
a start that finds its campaign in the cache (``cache.load_checked``) needs
neither.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .diagnostics import CampaignError, Diagnostic, Severity

if TYPE_CHECKING:
    from .loader import load_campaign, load_with_diagnostics

__all__ = [
    "BUNDLED",
    "CampaignError",
    "Diagnostic",
    "Severity",
    "builtin_campaign_path",
    "load_campaign",
    "load_with_diagnostics",
]

BUNDLED = Path(__file__).resolve().parent.parent / "campaigns"
DEFAULT_CAMPAIGN = "left_opposition"
_FROM_LOADER = ("load_campaign", "load_with_diagnostics")


def builtin_campaign_path(name: str = DEFAULT_CAMPAIGN) -> Path:
    """The folder of a campaign that comes with the game."""
    return BUNDLED / name


def __getattr__(name: str) -> Any:
    if name in _FROM_LOADER:
        from . import loader

        return getattr(loader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
