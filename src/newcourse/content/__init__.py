"""Loading campaign folders into the engine's model, with precise diagnostics."""

from .diagnostics import CampaignError, Diagnostic, Severity
from .loader import BUNDLED, builtin_campaign_path, load_campaign, load_with_diagnostics

__all__ = [
    "BUNDLED",
    "CampaignError",
    "Diagnostic",
    "Severity",
    "builtin_campaign_path",
    "load_campaign",
    "load_with_diagnostics",
]
