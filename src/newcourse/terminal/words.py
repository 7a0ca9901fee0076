"""The game's view in plain words: what the plain player prints and screen readers read.

The full-screen player uses the same phrases for odds, votes and changes, so
both players say the same thing.
"""

from __future__ import annotations

import re
import textwrap

from ..engine import Campaign, TurnView
from ..engine.state import Change, Tally
from ..engine.view import OptionView

__all__ = [
    "change_words",
    "markdown_to_text",
    "option_line",
    "status_lines",
    "tally_words",
    "vote_forecast",
]

_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")


def markdown_to_text(markdown: str, width: int = 78) -> str:
    """Markdown prose as plain wrapped paragraphs (emphasis markers dropped)."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", markdown.strip()) if p.strip()]
    out = []
    for paragraph in paragraphs:
        if paragraph.lstrip().startswith(("- ", "* ", "> ", "#")):
            out.append(_EMPHASIS.sub(r"\2", paragraph))
        else:
            joined = _EMPHASIS.sub(r"\2", " ".join(paragraph.split()))
            out.append(textwrap.fill(joined, width))
    return "\n\n".join(out)


def tally_words(tally: Tally) -> str:
    verdict = "carried" if tally.passed else "defeated"
    return f"{tally.body}: {tally.yes} for, {tally.no} against; the motion is {verdict}."


def vote_forecast(tally: Tally) -> str:
    verdict = "would pass" if tally.passed else "would fall"
    return (
        f"Expected vote in {tally.body}: {tally.yes} for, {tally.no} against "
        f"of {tally.delegates}; the motion {verdict}."
    )


def option_line(option: OptionView) -> str:
    label = _EMPHASIS.sub(r"\2", option.text)
    text = f"{option.number}. {label}"
    if not option.available:
        text += f" (not available: {option.reason.rstrip('.')})"
    if option.odds:
        chances = ", ".join(f"{o.label} {o.percent}%" for o in option.odds)
        text += f" [chances: {chances}]"
    if option.vote is not None:
        text += f" [{vote_forecast(option.vote)}]"
    return text


def change_words(campaign: Campaign, changes: tuple[Change, ...], shown_only: bool = True) -> str:
    parts = []
    for change in changes:
        quality = campaign.qualities.get(change.name)
        if shown_only and quality is not None and not quality.shown:
            continue
        sign = "+" if change.delta > 0 else ""
        parts.append(
            f"{campaign.label(change.name)} {change.before} → {change.after} ({sign}{change.delta})"
        )
    return "; ".join(parts)


def status_lines(view: TurnView) -> list[str]:
    lines = []
    for group in ("party", "economy", "world", "resources"):
        shown = [q for q in view.qualities if q.shown and q.group == group]
        if shown:
            values = ", ".join(f"{q.label} {q.value}" for q in shown)
            lines.append(f"{group.capitalize()}: {values}.")
    if view.factions:
        shares = ", ".join(f"{f.label} {f.share:.0f}%" for f in view.factions)
        lines.append(f"Delegates: {shares}.")
    return lines
