"""The state of the world's charts, drawn on the server by matplotlib as SVG text.

One chart per group of shown qualities (small multiples: each quality on its own
scale) and one of the delegates (each faction's share, stacked to 100%), over
the decisions so far, the seasons marked along the bottom. matplotlib's object
API is used, never pyplot's global figures, so requests drawing at once do not
share anything. Charts are images (``<img>``): the page beside them gives the
same numbers as a table.
"""

from __future__ import annotations

import io
import math
from threading import Lock
from typing import TYPE_CHECKING, Any

from ..session import History, Series

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["chart_names", "chart_svg", "series_of"]

PAPER = "#f6f1e7"
INK = "#1d1b18"
SOFT = "#4a453d"
RULE = "#b9ad96"
LINE = "#9c1c1c"
FACTION_COLOURS = ("#9c1c1c", "#4a453d", "#b9ad96", "#2f5d2f", "#0b57b8", "#8a6d1d")
DELEGATES = "delegates"
COLUMNS = 3
_DRAWING = Lock()
"""matplotlib's settings are global: one chart is drawn at a time."""


def chart_names(past: History) -> list[str]:
    """The charts a history has: its qualities' groups in order, then the delegates."""
    groups = list(dict.fromkeys(series.group for series in past.qualities))
    return [*groups, DELEGATES] if past.factions else groups


def series_of(past: History, name: str) -> tuple[Series, ...]:
    """The series a chart draws (none for a chart that does not exist)."""
    if name == DELEGATES:
        return past.factions
    return tuple(series for series in past.qualities if series.group == name)


def _settings() -> Any:
    import matplotlib

    matplotlib.use("Agg")  # no display
    return matplotlib.rc_context(
        {
            "svg.hashsalt": "newcourse",  # the same game draws the same file
            "svg.fonttype": "none",  # text as text: smaller, and readable by tools
            "font.family": "DejaVu Sans",
            "font.size": 9,
            "axes.edgecolor": RULE,
            "axes.labelcolor": INK,
            "axes.facecolor": PAPER,
            "figure.facecolor": PAPER,
            "xtick.color": SOFT,
            "ytick.color": SOFT,
            "text.color": INK,
        }
    )


def _seasons(axes: Axes, past: History) -> None:
    """Season ticks at the first decision of each turn."""
    ticks, labels, seen = [], [], set()
    for moment in past.moments:
        if moment.turn not in seen:
            seen.add(moment.turn)
            ticks.append(moment.step)
            labels.append(moment.date.replace(" ", "\n", 1))
    axes.set_xticks(ticks, labels)
    axes.set_xlim(past.moments[0].step, past.moments[-1].step + 1)  # the last value shows too


def chart_svg(past: History, name: str) -> str | None:
    """The chart ``name`` (a group of qualities, or ``"delegates"``) as SVG text; None
    when the history has no such chart."""
    drawn = series_of(past, name)
    if not drawn or not past.moments:
        return None
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    with _DRAWING, _settings():
        # each value holds until the next decision; the last one for a step more
        steps = [moment.step for moment in past.moments]
        steps.append(steps[-1] + 1)
        if name == DELEGATES:
            figure = Figure(figsize=(7.2, 2.8))
            axes = figure.subplots()
            colours = [FACTION_COLOURS[i % len(FACTION_COLOURS)] for i in range(len(drawn))]
            axes.stackplot(
                steps,
                *[(*s.values, s.values[-1]) for s in drawn],
                labels=[_short(s.label) for s in drawn],
                colors=colours,
                step="post",
                alpha=0.9,
            )
            axes.set_ylim(0, 100)
            axes.set_ylabel("% of the delegates")
            axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
            _seasons(axes, past)
        else:
            rows = math.ceil(len(drawn) / COLUMNS)
            columns = min(COLUMNS, len(drawn))
            figure = Figure(figsize=(2.5 * columns, 1.9 * rows))
            grid = figure.subplots(rows, columns, squeeze=False)
            for place, axes in enumerate(grid.flat):
                if place >= len(drawn):
                    axes.set_visible(False)
                    continue
                series = drawn[place]
                values = (*series.values, series.values[-1])
                axes.step(steps, values, where="post", color=LINE, linewidth=1.6)
                axes.set_ylim(series.minimum, series.maximum)
                axes.set_title(_short(series.label), fontsize=9, loc="left")
                axes.margins(x=0)
                _seasons(axes, past)
                axes.tick_params(labelsize=7)
        if name == DELEGATES:
            figure.subplots_adjust(left=0.09, right=0.72, bottom=0.2, top=0.95)
        else:
            figure.subplots_adjust(left=0.1, right=0.97, bottom=0.12, top=0.92, hspace=0.9)
        buffer = io.StringIO()
        FigureCanvasSVG(figure)  # the figure draws itself with the SVG backend
        figure.savefig(
            buffer, format="svg", metadata={"Date": None}, bbox_inches="tight", pad_inches=0.05
        )
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _short(label: str, most: int = 28) -> str:
    label = label.split(" (", 1)[0]  # "The majority (the Secretariat, ...)": "The majority"
    return label if len(label) <= most else label[: most - 1].rstrip() + "…"
