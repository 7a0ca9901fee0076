"""Campaign Markdown as plain text lines of a given width, safe to print to any terminal.

The plain player prints through this module: Markdown is parsed with
markdown-it-py and laid out as wrapped paragraphs, lists with hanging indents,
headings and indented quotations; links show their address. Words are never
split across lines unless a single word is wider than the line. Control
characters are removed, so campaign text or a save cannot move the cursor,
retitle or clear the terminal.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

__all__ = ["clean", "inline_text", "markdown_lines", "markdown_to_text", "wrap"]

_MARKDOWN = MarkdownIt("commonmark", {"html": False})

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

_QUOTE_INDENT = "  "

_TOGETHER = re.compile(r"(?<!\S)\S+ (?:-?\d+%? → -?\d+%? \([+-]?\d+%?\)|-?\d+%?(?=[,.;:)\]]|$))")
"""A word and the figure after it ("Repression 25", "Cadres 8 → 9 (+1)"), kept on one line."""

_GLUE = "\N{NO-BREAK SPACE}"

MINIMUM_ROOM = 8
"""Lines leave at least this much room after their indent, however narrow the width."""


def clean(text: str) -> str:
    """``text`` without C0 and C1 control characters (newlines and tabs are kept)."""
    return _CONTROL.sub("", text)


def wrap(
    text: str, width: int, first: str = "", rest: str | None = None, figures: bool = False
) -> list[str]:
    """``text`` as lines of at most ``width`` characters, ``first`` before the first line.

    ``rest`` (by default as many spaces as ``first`` is long) begins every
    other line, for a hanging indent. Line breaks in ``text`` are kept. With
    ``figures``, a figure stays on the line of the word before it
    ("Repression 25", "Cadres 8 → 9 (+1)"). A word wider than the line is cut
    into pieces that fill whole lines, in time proportional to its length.
    """
    rest = " " * len(first) if rest is None else rest
    width = max(width, len(first) + MINIMUM_ROOM, len(rest) + MINIMUM_ROOM)
    room = width - max(len(first), len(rest))
    lines: list[str] = []
    for number, line in enumerate(clean(text).split("\n")):
        line = line.expandtabs()
        if figures:
            line = _TOGETHER.sub(lambda found: _glue(found.group(), room), line)
        line = _cut_long_words(line, room)
        wrapped = textwrap.wrap(
            line,
            width,
            initial_indent=first if number == 0 else rest,
            subsequent_indent=rest,
            break_on_hyphens=False,
        )
        lines.extend(wrapped or [(first if number == 0 else rest).rstrip()])
    return [line.replace(_GLUE, " ") for line in lines]


def _glue(words: str, room: int) -> str:
    """``words`` joined by no-break spaces, if they fit on one line."""
    return words.replace(" ", _GLUE) if len(words) <= room else words


def _cut_long_words(line: str, room: int) -> str:
    """Every word longer than ``room`` cut into pieces of ``room`` characters."""

    def cut(match: re.Match[str]) -> str:
        word = match.group()
        return " ".join(word[start : start + room] for start in range(0, len(word), room))

    return re.sub(rf"\S{{{room + 1},}}", cut, line)


def markdown_to_text(markdown: str, width: int = 78) -> str:
    """Markdown prose as plain text no wider than ``width`` (emphasis markers dropped)."""
    return "\n".join(markdown_lines(markdown, width))


def markdown_lines(
    markdown: str, width: int = 78, first: str = "", rest: str | None = None
) -> list[str]:
    """Markdown prose as plain text lines no wider than ``width``.

    ``first`` begins the first line and ``rest`` (by default as many spaces)
    every other line that is not blank, for a list item or a labelled line.
    """
    rest = " " * len(first) if rest is None else rest
    nodes = SyntaxTreeNode(_MARKDOWN.parse(clean(markdown))).children
    if nodes and nodes[0].type == "paragraph" and nodes[0].children:
        opening = wrap(_inline(nodes[0].children[0]), width, first, rest)
        later = _blocks(nodes[1:], width - len(rest))
        return opening + ([""] if later else []) + [rest + line if line else line for line in later]
    lines = _blocks(nodes, width - max(len(first), len(rest)))
    if not lines:
        return []
    return [first + lines[0]] + [rest + line if line else line for line in lines[1:]]


def inline_text(markdown: str) -> str:
    """One line of Markdown (an option, a headline) as plain text on one line."""
    tokens = _MARKDOWN.parseInline(clean(markdown))
    if not tokens:
        return ""
    return " ".join(_inline(SyntaxTreeNode(tokens).children[0]).split())


def _blocks(nodes: list[SyntaxTreeNode], width: int) -> list[str]:
    """Block nodes as lines, with a blank line between blocks."""
    lines: list[str] = []
    previous: SyntaxTreeNode | None = None
    for node in nodes:
        block = _block(node, width)
        if not block:
            continue
        if lines and not (_tight(node) or (previous is not None and _tight(previous))):
            lines.append("")
        lines.extend(block)
        previous = node
    return lines


def _tight(node: SyntaxTreeNode) -> bool:
    """A paragraph of a tight list item: no blank line before or after it."""
    return node.type == "paragraph" and node.hidden


def _block(node: SyntaxTreeNode, width: int) -> list[str]:
    if node.type in ("paragraph", "heading"):
        return wrap(_inline(node.children[0]), width) if node.children else []
    if node.type == "bullet_list":
        return _list(node, width, lambda _: "- ")
    if node.type == "ordered_list":
        start = int(str(node.attrs.get("start", 1)))
        return _list(node, width, lambda index: f"{start + index}. ")
    if node.type == "blockquote":
        return [
            _QUOTE_INDENT + line if line else line
            for line in _blocks(node.children, width - len(_QUOTE_INDENT))
        ]
    if node.type in ("fence", "code_block"):
        return [
            piece for line in node.content.rstrip("\n").split("\n") for piece in wrap(line, width)
        ]
    if node.type == "hr":
        return ["* * *"]
    return wrap(node.content, width) if node.content.strip() else []


def _list(node: SyntaxTreeNode, width: int, marker: Callable[[int], str]) -> list[str]:
    markers = [marker(index) for index in range(len(node.children))]
    hang = max((len(m) for m in markers), default=2)
    tight = all(_tight(p) for item in node.children for p in item.children if p.type == "paragraph")
    lines: list[str] = []
    for item, mark in zip(node.children, markers, strict=True):
        body = _blocks(item.children, width - hang) or [""]
        if lines and not tight:
            lines.append("")
        lines.append((mark.ljust(hang) + body[0]).rstrip())
        lines.extend((" " * hang + line) if line else line for line in body[1:])
    return lines


def _inline(node: SyntaxTreeNode) -> str:
    """An inline node's text: emphasis dropped, code kept as written, links with their address."""
    parts: list[str] = []
    for child in node.children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "link":
            label = _inline(child)
            address = str(child.attrs.get("href", ""))
            shown = child.markup == "autolink" or address in ("", label)
            parts.append(label if shown else f"{label} ({address})")
        elif child.type == "image":
            parts.append(child.content)
        else:
            parts.append(_inline(child))
    return "".join(parts)
