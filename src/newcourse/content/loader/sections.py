"""The other files of a campaign: world rules, news, endings, strategies and the codex,
and the links between files."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ...engine.model import (
    CodexEntry,
    Ending,
    Event,
    Faction,
    Headline,
    Source,
    Strategy,
    SummaryLine,
    WorldRule,
)
from .. import schema
from ..codex import read_codex
from ..places import describe_path
from ..yaml_source import Document, Path_
from .compiler import Compiler

__all__ = [
    "check_links",
    "read_codex_notes",
    "read_endings",
    "read_headlines",
    "read_rules",
    "read_strategies",
]


def read_rules(ctx: Compiler) -> tuple[WorldRule, ...]:
    """world.yaml: the rules applied at the end of every turn."""
    loaded = ctx.read_items("world.yaml", "rules", schema.RuleFile, required=False)
    if loaded is None:
        return ()
    doc, items = loaded
    rules = []
    for index, raw in items:
        path: Path_ = ("rules", index)
        effects = ctx.effects(doc, (*path, "effects"), raw.effects)
        if effects is None:
            continue
        rules.append(
            WorldRule(
                raw.id,
                ctx.condition(doc, (*path, "when"), raw.when),
                effects,
                _news_lines(ctx, doc, (*path, "news"), raw.news),
                Source(doc.name, doc.line(path)),
            )
        )
    _unique(ctx, doc, "rule", [(r.id, r.source.line) for r in rules])
    return tuple(rules)


def _news_lines(
    ctx: Compiler, doc: Document, path: Path_, news: str | list[str]
) -> tuple[str, ...]:
    """A rule's front-page lines, in the order they are shown; a blank or repeated
    line in a list is an error."""
    if isinstance(news, str):
        return (news.strip(),) if news.strip() else ()
    where = describe_path(doc.data, path)
    if not news:
        ctx.error(doc, doc.line(path), f"{where}: the list is empty; leave 'news' out instead")
    lines: list[str] = []
    for index, line in enumerate(news):
        text = line.strip()
        if not text:
            ctx.error(doc, doc.line((*path, index)), f"{where}: line {index + 1} is blank")
        elif text in lines:
            ctx.error(
                doc,
                doc.line((*path, index)),
                f"{where}: line {index + 1} repeats line {lines.index(text) + 1} word for word",
            )
        lines.append(text)
    return tuple(lines)


def read_headlines(ctx: Compiler) -> tuple[Headline, ...]:
    """news.yaml: dated headlines."""
    loaded = ctx.read_items("news.yaml", "headlines", schema.HeadlineFile, required=False)
    if loaded is None:
        return ()
    doc, items = loaded
    headlines = []
    for index, raw in items:
        path: Path_ = ("headlines", index)
        ctx.date_in_campaign(doc, (*path, "date"), raw.date)
        headlines.append(
            Headline(
                raw.date,
                ctx.condition(doc, (*path, "when"), raw.when),
                raw.text.strip(),
                raw.codex,
                Source(doc.name, doc.line(path)),
            )
        )
    return tuple(headlines)


def read_endings(ctx: Compiler) -> tuple[Ending, ...]:
    """endings.yaml: how the game can end; one ending must always be reachable."""
    loaded = ctx.read_items("endings.yaml", "endings", schema.EndingFile, required=True)
    if loaded is None:
        return ()
    doc, items = loaded
    endings = []
    for index, raw in items:
        path: Path_ = ("endings", index)
        summary = tuple(
            SummaryLine(
                ctx.condition(doc, (*path, "summary", i, "when"), line.when),
                line.text.strip(),
                Source(doc.name, doc.line((*path, "summary", i))),
            )
            for i, line in enumerate(raw.summary)
        )
        endings.append(
            Ending(
                raw.id,
                raw.title,
                ctx.condition(doc, (*path, "when"), raw.when),
                raw.priority,
                raw.final,
                raw.text.strip(),
                raw.history.strip(),
                summary,
                Source(doc.name, doc.line(path)),
                raw.kind or "",
            )
        )
    _unique(ctx, doc, "ending", [(e.id, e.source.line) for e in endings])
    if endings and not any(e.when is None for e in endings):
        ctx.error(
            doc,
            1,
            "no ending is always reachable: give one ending no 'when', so every game has an end",
        )
    return tuple(endings)


def read_strategies(ctx: Compiler) -> dict[str, Strategy]:
    """strategies.yaml: named ways of playing, for the playtester."""
    loaded = ctx.read_items("strategies.yaml", "strategies", schema.StrategyFile, required=False)
    if loaded is None:
        return {}
    doc, items = loaded
    strategies: dict[str, Strategy] = {}
    for index, raw in items:
        path: Path_ = ("strategies", index)
        score = ctx.weight(doc, (*path, "score"), raw.score)
        if score is not None:
            strategies[raw.id] = Strategy(
                raw.id, raw.description, score, Source(doc.name, doc.line(path))
            )
    return strategies


def read_codex_notes(ctx: Compiler) -> dict[str, CodexEntry]:
    """codex/*.md: the history notes."""
    entries: dict[str, CodexEntry] = {}
    for path in ctx.files("codex", (".md",)):
        name = ctx.name_of(path)
        entry, problems = read_codex(path, name)
        ctx.diagnostics.extend(problems)
        if entry is None:
            continue
        if entry.id in entries:
            ctx.error(
                name,
                1,
                f"codex entry {entry.id!r} is defined twice (first in {entries[entry.id].source})",
            )
            continue
        entries[entry.id] = entry
    return entries


def _unique(ctx: Compiler, doc: Document, kind: str, ids: Iterable[tuple[str, int]]) -> None:
    seen: set[str] = set()
    for key, line in ids:
        if key in seen:
            ctx.error(doc, line, f"{kind} {key!r} is defined twice")
        seen.add(key)


def check_links(
    ctx: Compiler,
    events: dict[str, Event],
    headlines: tuple[Headline, ...],
    codex: dict[str, CodexEntry],
    factions: dict[str, Faction],
) -> None:
    """Every codex link leads to a note, and votes have factions to count."""
    links = [(e.codex, e.source, f"event {e.id!r}") for e in events.values()]
    links += [(h.codex, h.source, "the headline") for h in headlines]
    links += [
        (target, Source(note.source.file, note.see_also_line), f"codex entry {note.id!r}")
        for note in codex.values()
        for target in note.see_also
    ]
    for target, source, where in links:
        if target is not None and target not in codex:
            close = difflib.get_close_matches(target, list(codex), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            ctx.error(
                source.file,
                source.line,
                f"{where} links to codex entry {target!r}, which does not exist{hint}",
            )
    if not factions:
        for event in events.values():
            if any(o.vote for o in event.options):
                ctx.error(
                    event.source.file,
                    event.source.line,
                    "votes need factions, and the campaign declares none",
                )
                return
