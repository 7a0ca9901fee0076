"""The playtest report as Markdown, with its charts as SVG files beside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .charts import Charts, make_charts
from .render_terminal import cut_short, decisive_cells, uncovered
from .sections import Section, measure_sections

__all__ = ["write_markdown"]


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    return [line(head), "|" + "---|" * len(head), *(line(r) for r in rows), ""]


def write_markdown(data: dict[str, Any], path: Path, charts: Charts | None = None) -> list[Path]:
    """Write the report to ``path`` and its charts beside it. Returns every file written."""
    files = {
        "endings": path.with_name(f"{path.stem}-endings.svg"),
        "qualities": path.with_name(f"{path.stem}-qualities.svg"),
    }
    campaign, strategy = data["campaign"], data["strategy"]
    how = strategy["name"] + (f" → {strategy['target']}" if "target" in strategy else "")
    lines = [
        f"# Playtest of {campaign['title']} (v{campaign['version']})",
        "",
        f"{data['games']:,} games with the strategy **{how}**, seed {data['seed']}; "
        f"{data['decisions']:,} decisions, {data['mean_decisions']:.1f} a game.",
        "",
    ]
    if data["interrupted"]:
        lines += [f"*{cut_short(data)}: {data['games']:,} of {data['requested']:,} games.*", ""]
    written = [path]
    if data["games"]:
        svg = charts if charts is not None else make_charts(data)
        for key, file in files.items():
            file.write_text(svg[key], encoding="utf-8")
        written += list(files.values())
        lines += _endings(data, files["endings"].name)
        lines += _coverage(data)
        lines += _qualities(data, files["qualities"].name)
        lines += _decisive(data)
        for section in measure_sections(data):
            lines += markdown_section(section)
    path.write_text("\n".join(lines), encoding="utf-8")
    return written


def markdown_section(section: Section, level: int = 2) -> list[str]:
    """One table of the balance measures as Markdown."""
    heading = "#" * level
    return [
        f"{heading} {section.title}",
        "",
        section.about,
        "",
        *_table(section.head, section.rows),
    ]


def _endings(data: dict[str, Any], chart: str) -> list[str]:
    rows = [
        [
            f"`{r['id']}`",
            r["title"],
            f"{r['count']:,}",
            f"{r['share']:.1%}",
            f"{r['ci95'][0]:.1%}–{r['ci95'][1]:.1%}",
            "" if r["example_seed"] is None else str(r["example_seed"]),
        ]
        for r in data["endings"]
    ]
    head = ["ending", "title", "games", "share", "95% CI", "example seed"]
    return ["## Endings", "", *_table(head, rows), f"![Endings]({chart})", ""]


def _coverage(data: dict[str, Any]) -> list[str]:
    events, options = data["coverage"]["events"], data["coverage"]["options"]
    lines = [
        "## Coverage",
        "",
        f"{events['fired']} of {events['total']} events fired; "
        f"{options['chosen']} of {options['total']} options were chosen.",
        "",
    ]
    for label, items in uncovered(data):
        lines += [f"- **{label}**: " + ", ".join(f"`{i}`" for i in items)]
    return [*lines, ""]


def _qualities(data: dict[str, Any], chart: str) -> list[str]:
    rows = []
    for name, quality in data["qualities"].items():
        end = quality["end"]
        if end is None:
            continue
        first = quality["by_turn"][0] if quality["by_turn"] else None
        rows.append(
            [
                f"`{name}`",
                quality["label"],
                "" if first is None else str(first["p50"]),
                *(str(end[k]) for k in ("min", "p5", "p50", "p95", "max")),
                f"{end['mean']:.1f}",
            ]
        )
    head = ["name", "label", "start", "end min", "p5", "p50", "p95", "max", "mean"]
    return [
        "## Qualities",
        "",
        f"![Qualities by date]({chart})",
        "",
        "At the end of the game (the JSON report has every date):",
        "",
        *_table(head, rows),
    ]


def _decisive(data: dict[str, Any]) -> list[str]:
    rows = []
    for r in data["decisive"]:
        cells = decisive_cells(r)
        rows.append([f"`{cells[0]}`", *cells[1:]])
    head = ["decision", "chosen in", "TVD vs rest", "TVD vs others who faced it", "biggest shift"]
    return ["## Decisions that most change the ending", "", *_table(head, rows)]
