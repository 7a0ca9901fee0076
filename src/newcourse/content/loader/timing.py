"""Time and text across files: premises and variants, follow-ups, expiry, arcs, and
the conditional text inside every prose field."""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterable, Iterator

from ...engine.errors import ExpressionError
from ...engine.model import (
    Ending,
    Event,
    FollowUp,
    Headline,
    Option,
    Outcome,
    Source,
    WorldRule,
)
from ...engine.text import Template, check_template, parse_template
from .. import schema
from ..yaml_source import Document, Path_
from .compiler import Compiler

__all__ = ["read_follow_ups", "read_texts", "settle_time"]


def read_follow_ups(
    doc: Document, path: Path_, raw: schema.FollowUps | None
) -> tuple[FollowUp, ...]:
    """An option's, outcome's or vote result's ``follow_up``: one or a list."""
    if raw is None:
        return ()
    if isinstance(raw, schema.FollowUpFile):
        return (FollowUp(raw.event, raw.after, Source(doc.name, doc.line(path))),)
    return tuple(
        FollowUp(item.event, item.after, Source(doc.name, doc.line((*path, index))))
        for index, item in enumerate(raw)
    )


def _results(option: Option) -> Iterator[Outcome]:
    yield from option.outcomes
    if option.vote is not None:
        yield option.vote.passed
        yield option.vote.failed


def _hint(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def settle_time(
    ctx: Compiler, doc: Document, arcs: dict[str, str], events: dict[str, Event]
) -> dict[str, Event]:
    """Give each variant its original's date and window, and report what cannot work:
    a variant of an unknown event, a follow-up to an unknown or dated event or past the
    campaign's end, an event that expires before it can fire, an arc undeclared or
    never closed."""
    settled = dict(events)
    for event in events.values():
        if event.variant_of is not None:
            settled[event.id] = _variant(ctx, event, events)
    last_turn = ctx.end.turns_since(ctx.start)
    for event in settled.values():
        _expiry(ctx, event)
        first_turn = event.window[0].turns_since(ctx.start)
        for option in event.options:
            follow_ups = list(option.follow_ups)
            for result in _results(option):
                follow_ups += result.follow_ups
            for follow_up in follow_ups:
                _follow_up(ctx, event, follow_up, settled, first_turn, last_turn)
    _arcs(ctx, doc, arcs, settled)
    return settled


def _variant(ctx: Compiler, event: Event, events: dict[str, Event]) -> Event:
    where = f"event {event.id!r}"
    line = event.source.line
    original = events.get(event.variant_of or "")
    if original is None:
        ctx.error(
            event.source.file,
            line,
            f"{where} is a variant of {event.variant_of!r}, which is not an event"
            + _hint(event.variant_of or "", events),
        )
        return event
    if original.variant_of is not None:
        ctx.error(
            event.source.file,
            line,
            f"{where} is a variant of {original.id!r}, itself a variant; name the original",
        )
    if event.date is not None:
        ctx.error(
            event.source.file,
            line,
            f"{where}: a variant takes the date or window of {original.id!r}; remove its date",
        )
    if original.premise is None:
        ctx.warning(
            event.source.file,
            line,
            f"{where} never fires: {original.id!r} has no premise to fail, so nothing "
            "stands in for it",
        )
    return dataclasses.replace(
        event, date=original.date, window=original.window, recurring=original.recurring
    )


def _expiry(ctx: Compiler, event: Event) -> None:
    if event.expires is None:
        return
    first_day = event.date or event.window[0].first_day
    if event.expires < first_day:
        ctx.warning(
            event.source.file,
            event.source.line,
            f"event {event.id!r} expires on {event.expires.isoformat()}, before it can "
            f"first fire ({first_day.isoformat()}): it never fires",
        )


def _follow_up(
    ctx: Compiler,
    event: Event,
    follow_up: FollowUp,
    events: dict[str, Event],
    first_turn: int,
    last_turn: int,
) -> None:
    where = f"event {event.id!r}: the follow-up"
    file, line = follow_up.source.file, follow_up.source.line
    target = events.get(follow_up.event)
    if target is None:
        ctx.error(
            file,
            line,
            f"{where} names {follow_up.event!r}, which is not an event"
            + _hint(follow_up.event, events),
        )
        return
    if target.date is not None:
        ctx.error(
            file,
            line,
            f"{where} names {target.id!r}, a dated set piece; a follow-up fires an undated event",
        )
    if first_turn + follow_up.after > last_turn:
        ctx.error(
            file,
            line,
            f"{where} to {target.id!r} comes {follow_up.after} turn(s) later, after the "
            f"campaign ends ({ctx.end})",
        )


def _arcs(ctx: Compiler, doc: Document, arcs: dict[str, str], events: dict[str, Event]) -> None:
    closed: set[str] = set()
    used: set[str] = set()
    for event in events.values():
        if event.arc is None:
            continue
        used.add(event.arc)
        if event.arc not in arcs:
            ctx.error(
                event.source.file,
                event.source.line,
                f"event {event.id!r}: the arc {event.arc!r} is not declared in campaign.yaml"
                + _hint(event.arc, arcs),
            )
        if event.closes_arc or any(
            option.closes_arc or any(r.closes_arc for r in _results(option))
            for option in event.options
        ):
            closed.add(event.arc)
    for name in arcs:
        line = doc.line(("arcs", name))
        if name not in used:
            ctx.warning(doc, line, f"arc {name!r} is declared but no event belongs to it")
        elif name not in closed:
            ctx.warning(
                doc,
                line,
                f"arc {name!r} never closes: no event, option or outcome of it has "
                "'closes_arc: true'",
            )


# ---------------------------------------------------------------- conditional text


def read_texts(
    ctx: Compiler,
    events: Iterable[Event],
    rules: Iterable[WorldRule],
    headlines: Iterable[Headline],
    endings: Iterable[Ending],
) -> tuple[Template, ...]:
    """Parse and check every prose field with a tag in it; each mistake is reported at
    the place of the piece of content that holds the text."""
    found: dict[str, Template] = {}

    def read(text: str, source: Source, where: str) -> None:
        if ("{" not in text and "}" not in text) or text in found:
            return
        try:
            template = parse_template(text)
            check_template(template, ctx.names)
        except ExpressionError as problem:
            ctx.error(
                source.file,
                source.line,
                f"{where}: {problem.message} (line {problem.line}, column "
                f"{problem.column} of the text)",
            )
            return
        found[text] = template

    for event in events:
        where = f"event {event.id!r}"
        read(event.text, event.source, f"{where}, text")
        for option in event.options:
            at = f"{where}, option {option.id!r}"
            read(option.text, option.source, f"{at}, text")
            read(option.result, option.source, f"{at}, result")
            for result in _results(option):
                read(result.result, result.source, f"{at}, {result.id!r} result")
    for rule in rules:
        for line in rule.news:
            read(line, rule.source, f"rule {rule.id!r}, news")
    for headline in headlines:
        read(headline.text, headline.source, "headline")
    for ending in endings:
        read(ending.text, ending.source, f"ending {ending.id!r}, text")
        for summary in ending.summary:
            read(summary.text, summary.source, f"ending {ending.id!r}, summary")
    return tuple(found.values())
