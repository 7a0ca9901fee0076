"""Shared helpers of the benchmarks: the campaign to measure, timing, the machine."""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "campaigns" / "mini"


def newcourse_command() -> list[str]:
    """How to run ``newcourse`` with this interpreter (the project's virtual environment)."""
    script = Path(sys.executable).with_name("newcourse")
    return [str(script)] if script.exists() else [sys.executable, "-m", "newcourse"]


def campaign_folder() -> tuple[Path, str]:
    """The bundled campaign, or the small test campaign if the bundled one does not load."""
    from newcourse.content import CampaignError, builtin_campaign_path, load_campaign

    folder = builtin_campaign_path()
    try:
        load_campaign(folder)
    except CampaignError:
        return MINI, "the bundled campaign does not load; measured on tests/campaigns/mini"
    return folder, ""


def median_of(repeat: int, measure: Callable[[], float]) -> tuple[float, list[float]]:
    runs = [measure() for _ in range(repeat)]
    return statistics.median(runs), runs


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    return {
        "date": dt.date.today().isoformat(),
        "cores": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
