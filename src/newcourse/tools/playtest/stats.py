"""The few statistics a playtest report needs, on exact integer counts."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping

__all__ = ["percentile", "summarise", "total_variation", "wilson"]

PERCENTILES = (5, 50, 95)


def wilson(successes: int, trials: int, z: float = 1.959964) -> tuple[float, float]:
    """The Wilson score interval for a proportion (95% by default)."""
    if trials == 0:
        return (0.0, 1.0)
    share = successes / trials
    denominator = 1 + z * z / trials
    centre = (share + z * z / (2 * trials)) / denominator
    margin = z * math.sqrt(share * (1 - share) / trials + z * z / (4 * trials * trials))
    return (max(0.0, centre - margin / denominator), min(1.0, centre + margin / denominator))


def percentile(counts: Mapping[int, int], p: float) -> int:
    """The nearest-rank ``p``-th percentile of a histogram {value: count}."""
    total = sum(counts.values())
    if total == 0:
        raise ValueError("no values")
    rank = max(1, math.ceil(p / 100 * total))
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if seen >= rank:
            return value
    return max(counts)


def summarise(counts: Mapping[int, int]) -> dict[str, float | int]:
    """games, min, p5, p50, p95, max and mean of a histogram."""
    total = sum(counts.values())
    summary: dict[str, float | int] = {"games": total, "min": min(counts)}
    for p in PERCENTILES:
        summary[f"p{p}"] = percentile(counts, p)
    summary["max"] = max(counts)
    summary["mean"] = round(sum(v * c for v, c in counts.items()) / total, 3)
    return summary


def total_variation(a: Counter[str], b: Counter[str]) -> float:
    """Half the summed absolute difference of two distributions given as counts (0..1)."""
    size_a, size_b = sum(a.values()), sum(b.values())
    if not size_a or not size_b:
        return 0.0
    keys = set(a) | set(b)
    return 0.5 * sum(abs(a[k] / size_a - b[k] / size_b) for k in keys)
