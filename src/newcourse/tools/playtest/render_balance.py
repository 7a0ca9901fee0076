"""The balance report (``playtest --balance``) in the terminal, as Markdown and as HTML.

All three show the same tables (``balance_sections``): the targets, each
strategy's endings by kind and coverage, the dominance of the one-quality
greedy strategies, then the random games' dead systems and ideas.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from rich.console import Console

from .balance import DOMINANCE_AT_MOST
from .render_html import STYLE, html_section
from .render_markdown import markdown_section
from .render_terminal import print_section
from .sections import Section, measure_sections, percent

__all__ = ["balance_sections", "print_balance", "write_balance_html", "write_balance_markdown"]


def _how(report: dict[str, Any]) -> str:
    strategy = report["strategy"]
    return str(strategy["name"]) + (f" → {strategy['target']}" if "target" in strategy else "")


def _verdict(holds: bool | None) -> str:
    return {True: "holds", False: "OPEN", None: "not measured"}[holds]


def balance_sections(data: dict[str, Any]) -> list[Section]:
    """The balance report's tables, in order."""
    targets = Section(
        "Targets",
        "The spine's measures of a good game; OPEN ones are not met yet.",
        ["target", "", "figure"],
        [[t["target"], _verdict(t["holds"]), t["figure"]] for t in data["targets"]],
    )
    strategies = Section(
        "Strategies",
        "Each strategy's endings by kind, its most frequent ending, and its coverage.",
        [
            "strategy",
            "games",
            "victory",
            "defeat",
            "historical",
            "interim",
            "top ending",
            "events",
            "options",
        ],
        [_strategy_row(r) for r in data["strategies"]],
        frozenset({1, 2, 3, 4, 5, 7, 8}),
    )
    greedy = [r for r in data["strategies"] if r["strategy"]["name"] == "greedy"]
    dominance = Section(
        "Dominance",
        "A greedy strategy for each shown quality (one step ahead); FLAGGED when it reaches a "
        f"victory in more than {DOMINANCE_AT_MOST:.0%} of its games.",
        ["raises", "victory", "95% CI", "endings", ""],
        [_dominance_row(r) for r in greedy],
        frozenset({1, 2}),
    )
    sections = [targets, strategies, dominance]
    randomly = next((r for r in data["strategies"] if r["strategy"] == {"name": "random"}), None)
    if randomly is not None:
        for section in measure_sections(randomly):
            sections.append(
                Section(
                    f"Random play: {section.title}",
                    section.about,
                    section.head,
                    section.rows,
                    section.numeric,
                )
            )
    return sections


def _strategy_row(report: dict[str, Any]) -> list[str]:
    kinds = report["measures"]["kinds"]
    endings = [e for e in report["endings"] if e["count"]]
    top = max(endings, key=lambda e: e["share"]) if endings else None
    coverage = report["coverage"]
    return [
        _how(report),
        f"{report['games']:,}",
        *(percent(kinds[k]["share"]) for k in ("victory", "defeat", "historical", "interim")),
        "—" if top is None else f"{top['id']} {top['share']:.1%}",
        f"{coverage['events']['fired']}/{coverage['events']['total']}",
        f"{coverage['options']['chosen']}/{coverage['options']['total']}",
    ]


def _dominance_row(report: dict[str, Any]) -> list[str]:
    victory = report["measures"]["kinds"]["victory"]
    low, high = victory["ci95"]
    shares = sorted(
        ((e["share"], e["id"]) for e in report["endings"] if e["share"] >= 0.05), reverse=True
    )
    return [
        report["strategy"]["target"],
        percent(victory["share"]),
        f"{low:.1%}–{high:.1%}",
        ", ".join(f"{ending} {share:.0%}" for share, ending in shares),
        "FLAGGED" if victory["share"] > DOMINANCE_AT_MOST else "",
    ]


def _heading(data: dict[str, Any]) -> str:
    campaign = data["campaign"]
    return (
        f"{campaign['title']} (v{campaign['version']}): {data['games_per_strategy']:,} games "
        f"for each of {len(data['strategies'])} strategies, seed {data['seed']}"
        + (" (interrupted)" if data["interrupted"] else "")
    )


def print_balance(data: dict[str, Any], console: Console) -> None:
    """The balance report in the terminal."""
    console.print(f"[bold]Balance of {_heading(data)}[/]")
    for section in balance_sections(data):
        print_section(section, console)


def write_balance_markdown(data: dict[str, Any], path: Path) -> None:
    """The balance report as one Markdown file."""
    lines = [f"# Balance of {_heading(data)}", ""]
    for section in balance_sections(data):
        lines += markdown_section(section)
    path.write_text("\n".join(lines), encoding="utf-8")


def write_balance_html(data: dict[str, Any], path: Path) -> None:
    """The balance report as one self-contained HTML file."""
    title = escape(f"Balance of {_heading(data)}")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{title}</title><style>{STYLE}</style></head><body>",
        f"<h1>{title}</h1>",
    ]
    for section in balance_sections(data):
        parts += html_section(section)
    parts.append("</body></html>\n")
    path.write_text("\n".join(parts), encoding="utf-8")
