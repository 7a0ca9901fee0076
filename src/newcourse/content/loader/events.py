"""events/*.yaml: events, their options, outcomes and votes."""

from __future__ import annotations

import difflib
from dataclasses import replace

from ...engine.expressions import NameKind
from ...engine.model import Event, Option, Outcome, Source, Vote
from .. import schema
from ..yaml_source import Document, Path_
from .compiler import Compiler, constant
from .congress import read_argument, read_blocs, read_elections, read_minority
from .people import read_cast, with_roles
from .timing import read_follow_ups

__all__ = ["read_events"]


def read_events(ctx: Compiler) -> dict[str, Event]:
    """Every event of every file in ``events/``, reporting ids defined twice."""
    events: dict[str, Event] = {}
    files = ctx.files("events", (".yaml", ".yml"))
    if not files:
        ctx.error(ctx.name_of(ctx.folder / "events"), 0, "the campaign has no events/*.yaml files")
    for path in sorted(files, key=lambda p: (p.suffix != ".yaml", p.name)):
        relative = str(path.relative_to(ctx.folder))
        loaded = ctx.read_items(relative, "events", schema.EventFile, required=True)
        if loaded is None:
            continue
        doc, items = loaded
        for index, raw in items:
            with with_roles(ctx, raw.cast):
                event = _event(ctx, doc, ("events", index), raw)
            if raw.cast:
                event = replace(event, cast=read_cast(ctx, doc, ("events", index, "cast"), raw))
            if event.id in events:
                ctx.error(
                    doc,
                    doc.line(("events", index, "id")),
                    f"event {event.id!r} is defined twice (first at {events[event.id].source})",
                )
                continue
            events[event.id] = event
    return events


def _event(ctx: Compiler, doc: Document, path: Path_, raw: schema.EventFile) -> Event:
    where = f"event {raw.id!r}"
    line = doc.line(path)
    if raw.date is not None and raw.window is not None:
        ctx.error(doc, line, f"{where}: give either a date or a window, not both")
    if raw.date is None and raw.window is None and raw.variant_of is None:
        ctx.error(doc, line, f"{where}: give a date (a set piece) or a window (a storylet)")
    if raw.date is not None:
        quarter = ctx.date_in_campaign(doc, (*path, "date"), raw.date)
        window = (quarter, quarter)
        if raw.weight is not None:
            ctx.warning(
                doc, doc.line((*path, "weight")), f"{where}: a dated event ignores its weight"
            )
    elif raw.window is not None:
        first = ctx.date_in_campaign(doc, (*path, "window", "from"), raw.window.from_)
        last = ctx.date_in_campaign(doc, (*path, "window", "to"), raw.window.to)
        if last < first:
            ctx.error(
                doc, doc.line((*path, "window")), f"{where}: the window ends before it begins"
            )
        window = (first, last)
    else:
        window = (ctx.start, ctx.end)
    if raw.recurring and raw.date is not None:
        ctx.error(doc, line, f"{where}: a recurring event needs a window, not a date")
    options: list[Option] = []
    seen: set[str] = set()
    for index, raw_option in enumerate(raw.options):
        option = _option(ctx, doc, (*path, "options", index), raw_option, where)
        if raw_option.id in seen:
            ctx.error(
                doc,
                doc.line((*path, "options", index, "id")),
                f"{where}: option {raw_option.id!r} appears twice",
            )
        seen.add(raw_option.id)
        options.append(option)
    return Event(
        id=raw.id,
        title=raw.title,
        text=raw.text.strip(),
        date=raw.date,
        window=window,
        when=ctx.condition(doc, (*path, "when"), raw.when),
        weight=ctx.weight(doc, (*path, "weight"), raw.weight),
        repeatable=raw.repeatable,
        recurring=raw.recurring,
        codex=raw.codex,
        options=tuple(options),
        source=Source(doc.name, line),
        elections=read_elections(ctx, doc, path, raw, where),
        premise=ctx.condition(doc, (*path, "premise"), raw.premise),
        variant_of=raw.variant_of,
        expires=raw.expires,
        arc=raw.arc,
        closes_arc=raw.closes_arc,
    )


def _option(
    ctx: Compiler, doc: Document, path: Path_, raw: schema.OptionFile, where: str
) -> Option:
    where = f"{where}, option {raw.id!r}"
    if raw.outcomes and raw.vote is not None:
        ctx.error(doc, doc.line(path), f"{where}: an option has outcomes or a vote, not both")
    outcomes = []
    seen: set[str] = set()
    for index, raw_outcome in enumerate(raw.outcomes):
        outcome_path = (*path, "outcomes", index)
        if raw_outcome.id in seen:
            ctx.error(
                doc, doc.line(outcome_path), f"{where}: outcome {raw_outcome.id!r} appears twice"
            )
        seen.add(raw_outcome.id)
        outcomes.append(
            Outcome(
                raw_outcome.id,
                raw_outcome.label,
                ctx.weight(doc, (*outcome_path, "weight"), raw_outcome.weight) or constant(1),
                ctx.effects(doc, (*outcome_path, "effects"), raw_outcome.effects),
                raw_outcome.result.strip(),
                Source(doc.name, doc.line(outcome_path)),
                raw_outcome.idea,
                follow_ups=read_follow_ups(
                    doc, (*outcome_path, "follow_up"), raw_outcome.follow_up
                ),
                closes_arc=raw_outcome.closes_arc,
            )
        )
    if len(outcomes) == 1:
        ctx.warning(
            doc,
            doc.line(path),
            f"{where}: a single outcome is certain; put its effects on the option",
        )
    vote = _vote(ctx, doc, (*path, "vote"), raw.vote, where) if raw.vote else None
    requires = ctx.condition(doc, (*path, "requires"), raw.requires)
    history_outcome = _history_outcome(ctx, doc, path, raw, where)
    return Option(
        id=raw.id,
        text=raw.text.strip(),
        visible=ctx.condition(doc, (*path, "if"), raw.if_),
        requires=requires,
        unavailable=raw.unavailable,
        effects=ctx.effects(doc, (*path, "effects"), raw.effects),
        result=raw.result.strip(),
        historical=raw.history is not False,
        outcomes=tuple(outcomes),
        vote=vote,
        source=Source(doc.name, doc.line(path)),
        history_outcome=history_outcome,
        idea=raw.idea,
        argument=read_argument(ctx, doc, path, raw, where),
        follow_ups=read_follow_ups(doc, (*path, "follow_up"), raw.follow_up),
        closes_arc=raw.closes_arc,
    )


def _history_outcome(
    ctx: Compiler, doc: Document, path: Path_, raw: schema.OptionFile, where: str
) -> str | None:
    """The outcome history took, as the option's ``history`` or one outcome's says:
    "passed" or "failed" for a vote, an outcome's id, or None (any outcome)."""
    if isinstance(raw.history, str):
        if raw.vote is None:
            ctx.error(
                doc,
                doc.line((*path, "history")),
                f"{where}: 'history: {raw.history}' is the result of a vote, "
                "but the option puts no vote; write 'history: true'",
            )
        return raw.history
    marked = [(i, o.id) for i, o in enumerate(raw.outcomes) if o.history]
    for index, outcome_id in marked:
        if not raw.history:
            ctx.error(
                doc,
                doc.line((*path, "outcomes", index, "history")),
                f"{where}: outcome {outcome_id!r} is marked as history but its option "
                "is not; mark the option 'history: true' too",
            )
    for index, outcome_id in marked[1:]:
        ctx.error(
            doc,
            doc.line((*path, "outcomes", index, "history")),
            f"{where}: outcomes {marked[0][1]!r} and {outcome_id!r} are both marked as "
            "history; history took one",
        )
    return marked[0][1] if marked and raw.history else None


def _vote(ctx: Compiler, doc: Document, path: Path_, raw: schema.VoteFile, where: str) -> Vote:
    factions = [n for n, k in ctx.names.kinds.items() if k is NameKind.FACTION]
    for side, names in (("for", raw.for_), ("against", raw.against)):
        for index, name in enumerate(names):
            if ctx.names.kinds.get(name) is not NameKind.FACTION:
                close = difflib.get_close_matches(name, factions, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                ctx.error(
                    doc,
                    doc.line((*path, side, index)),
                    f"{where}: the vote names {name!r}, which is not a faction{hint}",
                )
    both = set(raw.for_) & set(raw.against)
    if both:
        ctx.error(doc, doc.line(path), f"{where}: {sorted(both)} cannot vote both for and against")

    def result(key: str, raw_result: schema.VoteResultFile, label: str) -> Outcome:
        return Outcome(
            key,
            raw_result.label or label,
            constant(1),
            ctx.effects(doc, (*path, key, "effects"), raw_result.effects),
            raw_result.result.strip(),
            Source(doc.name, doc.line((*path, key))),
            follow_ups=read_follow_ups(doc, (*path, key, "follow_up"), raw_result.follow_up),
            closes_arc=raw_result.closes_arc,
        )

    return Vote(
        body=raw.body,
        delegates=raw.delegates,
        supporters=tuple(raw.for_),
        opponents=tuple(raw.against),
        swing=ctx.weight(doc, (*path, "swing"), raw.swing) or constant(0.5),
        passed=result("passed", raw.passed, "The motion is carried"),
        failed=result("failed", raw.failed, "The motion falls"),
        source=Source(doc.name, doc.line(path)),
        blocs=read_blocs(ctx, doc, path, raw, where),
        minority=read_minority(ctx, doc, path, raw),
    )
