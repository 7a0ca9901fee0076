"""The report's charts, drawn with matplotlib as SVG text (no display needed)."""

from __future__ import annotations

import io
import math
from typing import Any

__all__ = ["Charts", "endings_svg", "make_charts", "qualities_svg"]

Charts = dict[str, str]  # "endings", "qualities" -> SVG text


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "newcourse"  # the same report gives the same file
    import matplotlib.pyplot as plt

    return plt


def _svg(figure: Any) -> str:
    plt = _pyplot()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def endings_svg(data: dict[str, Any]) -> str:
    """Each ending's share of the games, with its 95% interval."""
    plt = _pyplot()
    rows = list(reversed(data["endings"]))
    figure, axes = plt.subplots(figsize=(7, 0.45 * len(rows) + 1))
    shares = [r["share"] * 100 for r in rows]
    low = [max(0.0, (r["share"] - r["ci95"][0]) * 100) for r in rows]
    high = [max(0.0, (r["ci95"][1] - r["share"]) * 100) for r in rows]
    axes.barh([r["id"] for r in rows], shares, xerr=[low, high], color="#b22222", ecolor="#333333")
    axes.set_xlabel("share of games (%), with 95% interval")
    axes.set_xlim(0, max(100.0, *(s + h for s, h in zip(shares, high, strict=True))))
    axes.set_title(f"Endings over {data['games']:,} games")
    return _svg(figure)


def qualities_svg(data: dict[str, Any], kind: str = "quality") -> str:
    """Each quality by date: the p5–p95 band, the median, and the extremes."""
    plt = _pyplot()
    names = [n for n, q in data["qualities"].items() if q["kind"] == kind and q["by_turn"]]
    if not names:
        names = [n for n, q in data["qualities"].items() if q["by_turn"]]
    columns = min(3, max(1, len(names)))
    rows = max(1, math.ceil(len(names) / columns))
    figure, grid = plt.subplots(
        rows, columns, figsize=(4 * columns, 2.6 * rows), squeeze=False, sharex=True
    )
    for index, name in enumerate(names):
        axes = grid[index // columns][index % columns]
        quality = data["qualities"][name]
        turns = [row["turn"] for row in quality["by_turn"]]
        axes.fill_between(
            turns,
            [row["min"] for row in quality["by_turn"]],
            [row["max"] for row in quality["by_turn"]],
            color="#f4d6d6",
            label="min–max",
        )
        axes.fill_between(
            turns,
            [row["p5"] for row in quality["by_turn"]],
            [row["p95"] for row in quality["by_turn"]],
            color="#e08080",
            label="p5–p95",
        )
        axes.plot(turns, [row["p50"] for row in quality["by_turn"]], color="#7a0000", label="p50")
        low, high = quality["range"]
        axes.set_ylim(low, high)
        axes.set_title(quality["label"], fontsize=9)
        axes.tick_params(labelsize=7)
        ticks = turns[:: max(1, len(turns) // 4)]
        axes.set_xticks(ticks)
        dates = {row["turn"]: row["date"] for row in quality["by_turn"]}
        axes.set_xticklabels([dates[t] for t in ticks], rotation=30, ha="right", fontsize=6)
    for index in range(len(names), rows * columns):
        grid[index // columns][index % columns].axis("off")
    if names:
        grid[0][0].legend(fontsize=6, loc="upper left")
    figure.suptitle("Qualities at the start of each turn", fontsize=11)
    figure.tight_layout()
    return _svg(figure)


def make_charts(data: dict[str, Any]) -> Charts:
    """Every chart of the report, drawn once for all the files that show them."""
    return {"endings": endings_svg(data), "qualities": qualities_svg(data)}
