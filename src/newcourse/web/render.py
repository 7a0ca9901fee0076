"""Turning the campaign's Markdown and the view's numbers into what the pages show.

Markdown is read with markdown-it-py, as the terminal players read it; raw HTML
in a campaign's text is shown as text, never passed through.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

from ..session.view import Change, Quality

__all__ = ["TEMPLATES", "environment", "inline", "markdown", "signed"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "typographer": True}).enable(
    ["replacements", "smartquotes", "table"]
)


def markdown(text: str) -> Markup:
    """A block of Markdown as HTML (raw HTML in it is escaped)."""
    return Markup(_MARKDOWN.render(text or ""))


def inline(text: str) -> Markup:
    """A line of Markdown (emphasis, no paragraphs) as HTML."""
    return Markup(_MARKDOWN.renderInline(text or ""))


def signed(number: int) -> str:
    """A change with its sign: "+3", "-2", "0"."""
    return f"+{number}" if number > 0 else str(number)


def change_text(change: Change) -> str:
    """A change as "Repression 25 → 30 (+5)"."""
    unit = "%" if change.percent else ""
    return f"{change.label} {change.before}{unit} → {change.after}{unit} ({signed(change.delta)})"


def fill(quality: Quality) -> int:
    """How full a quality's bar is, in percent of its range."""
    span = quality.maximum - quality.minimum
    return 0 if span <= 0 else round(100 * (quality.value - quality.minimum) / span)


def environment() -> Environment:
    """The pages' Jinja environment, with the filters the templates use."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        markdown=markdown, inline=inline, signed=signed, change=change_text, fill=fill
    )
    return env
