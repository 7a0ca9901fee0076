"""The playtest report as one self-contained HTML file, charts inline as SVG."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from .charts import Charts, make_charts
from .render_terminal import cut_short, decisive_cells, sample_turns, uncovered
from .sections import Section, measure_sections

__all__ = ["write_html"]

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; max-width: 72rem; margin: 2rem auto;
       padding: 0 1rem; color: #222; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; font-size: 13px; }
th, td { border-bottom: 1px solid #ddd; padding: 0.2rem 0.6rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.zero td { color: #999; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
.note { color: #a60; }
"""


def _table(head: list[str], rows: list[list[str]], numeric: set[int]) -> str:
    out = ["<table><thead><tr>", *(f"<th>{escape(h)}</th>" for h in head), "</tr></thead><tbody>"]
    for row in rows:
        cells = "".join(
            f'<td class="n">{escape(c)}</td>' if i in numeric else f"<td>{escape(c)}</td>"
            for i, c in enumerate(row)
        )
        out.append(f"<tr>{cells}</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def render_html(data: dict[str, Any], charts: Charts | None = None) -> str:
    campaign = data["campaign"]
    strategy = data["strategy"]
    how = strategy["name"] + (f" → {strategy['target']}" if "target" in strategy else "")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Playtest: {escape(campaign['title'])}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>Playtest of {escape(campaign['title'])} (v{campaign['version']})</h1>",
        f"<p>{data['games']:,} games with the strategy <b>{escape(how)}</b>, seed "
        f"{data['seed']}; {data['decisions']:,} decisions, "
        f"{data['mean_decisions']:.1f} a game.</p>",
    ]
    if data["interrupted"]:
        parts.append(
            f'<p class="note">{cut_short(data)}: '
            f"{data['games']:,} of {data['requested']:,} games.</p>"
        )
    if data["games"]:
        svg = charts if charts is not None else make_charts(data)
        parts += _endings(data, svg["endings"]) + _coverage(data)
        parts += _qualities(data, svg["qualities"]) + _decisive(data)
        for section in measure_sections(data):
            parts += html_section(section)
    parts.append("</body></html>\n")
    return "\n".join(parts)


def html_section(section: Section, level: int = 2) -> list[str]:
    """One table of the balance measures as HTML."""
    return [
        f"<h{level}>{escape(section.title)}</h{level}>",
        f"<p>{escape(section.about)}</p>",
        _table(section.head, section.rows, set(section.numeric)),
    ]


def _endings(data: dict[str, Any], chart: str) -> list[str]:
    rows = [
        [
            r["id"],
            r["title"],
            f"{r['count']:,}",
            f"{r['share']:.1%}",
            f"{r['ci95'][0]:.1%}–{r['ci95'][1]:.1%}",
            "" if r["example_seed"] is None else str(r["example_seed"]),
        ]
        for r in data["endings"]
    ]
    return [
        "<h2>Endings</h2>",
        _table(["ending", "title", "games", "share", "95% CI", "example seed"], rows, {2, 3, 4, 5}),
        f"<figure>{chart}</figure>",
    ]


def _coverage(data: dict[str, Any]) -> list[str]:
    events, options = data["coverage"]["events"], data["coverage"]["options"]
    parts = [
        "<h2>Coverage</h2>",
        f"<p>{events['fired']} of {events['total']} events fired; "
        f"{options['chosen']} of {options['total']} options were chosen.</p>",
    ]
    for label, items in uncovered(data):
        parts.append(f"<p><b>{label}</b>: {escape(', '.join(items))}</p>")
    rows = [[key, f"{c['games']:,}", f"{c['decisions']:,}"] for key, c in events["counts"].items()]
    parts.append(_table(["event", "games", "decisions"], rows, {1, 2}))
    return parts


def _qualities(data: dict[str, Any], chart: str) -> list[str]:
    parts = ["<h2>Qualities by date</h2>", f"<figure>{chart}</figure>"]
    for name, quality in data["qualities"].items():
        rows = [
            [
                row["date"],
                str(row["games"]),
                *(str(row[k]) for k in ("min", "p5", "p50", "p95", "max")),
                f"{row['mean']:.1f}",
            ]
            for row in [*sample_turns(quality["by_turn"], 40)]
        ]
        if quality["end"]:
            end = quality["end"]
            rows.append(
                [
                    "end",
                    str(end["games"]),
                    *(str(end[k]) for k in ("min", "p5", "p50", "p95", "max")),
                    f"{end['mean']:.1f}",
                ]
            )
        parts.append(
            f"<details><summary>{escape(quality['label'])} ({escape(name)}, "
            f"{quality['kind']})</summary>"
        )
        head = ["date", "games", "min", "p5", "p50", "p95", "max", "mean"]
        parts.append(_table(head, rows, set(range(1, 8))) + "</details>")
    return parts


def _decisive(data: dict[str, Any]) -> list[str]:
    rows = [decisive_cells(r) for r in data["decisive"]]
    head = ["decision", "chosen in", "TVD vs rest", "TVD vs others who faced it", "biggest shift"]
    return [
        "<h2>Decisions that most change the ending</h2>",
        "<p>Total variation distance between the endings of the games that made the "
        "decision and the games that did not (0: no difference, 1: entirely different).</p>",
        _table(head, rows, {1, 2, 3}),
    ]


def write_html(data: dict[str, Any], path: Path, charts: Charts | None = None) -> None:
    path.write_text(render_html(data, charts), encoding="utf-8")
