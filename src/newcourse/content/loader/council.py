"""council.yaml: council mode's rules of procedure, the rules the story changes, verdicts
and the openings of debates (read in ``openings``).

The file is optional; without it a council plays by the game's defaults
(``engine.procedure.DEFAULT_RULES``). Shares and lengths of time are read here
into fractions and seconds, and every event and option named is checked.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import fields, replace
from typing import Any

from ...engine.figures import Roster
from ...engine.model import CodexEntry, Event, Source
from ...engine.procedure import DEFAULT_RULES, Procedure, ProcedureRules, StoryRule, Verdict
from .. import schema
from ..yaml_source import Document, Path_
from .compiler import Compiler
from .openings import read_openings

__all__ = ["parse_duration", "parse_share", "read_council"]

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([mhd]?)\s*$")
_UNIT = {"m": 60, "h": 3600, "d": 86400, "": 3600}
_LONGEST = 366 * 86400  # a deadline of more than a year is a slip of the pen
_FRACTION = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")
_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")


def parse_duration(value: str | int) -> int | None:
    """Seconds in '90m', '36h', '2d' or a bare number of hours; None when it is not one."""
    match = _DURATION.match(str(value))
    if match is None or isinstance(value, bool):
        return None
    seconds = round(float(match.group(1)) * _UNIT[match.group(2)])
    return seconds if seconds <= _LONGEST else None


def parse_share(value: str | int | float) -> tuple[int, int] | None:
    """A share from 0 to 1 as (numerator, denominator): '2/3', '50%', 0.5; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        share = (round(value * 1000), 1000) if value != int(value) else (int(value), 1)
    elif match := _FRACTION.match(value):
        share = (int(match.group(1)), int(match.group(2)))
    elif match := _PERCENT.match(value):
        share = (round(float(match.group(1)) * 10), 1000)
    else:
        return None
    numerator, denominator = share
    return share if denominator > 0 and 0 <= numerator <= denominator else None


def _hint(name: str, names: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(names), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _rules(ctx: Compiler, doc: Document, path: Path_, raw: schema.RulesFile) -> ProcedureRules:
    """The rules a mapping sets, shares and times read; a wrong one is reported."""
    values: dict[str, Any] = {}
    for field in fields(ProcedureRules):
        value = getattr(raw, field.name)
        if value is None:
            continue
        if field.name in ("quorum", "undo"):
            parsed = parse_share(value)
            if parsed is None:
                ctx.error(
                    doc,
                    doc.line((*path, field.name)),
                    f"{field.name}: {value!r} is not a share from 0 to 1; write a fraction "
                    "('2/3'), a percentage ('50%') or a number such as 0.5",
                )
                continue
            value = parsed
        elif field.name in ("deadline", "debate"):
            seconds = parse_duration(value)
            if seconds is None:
                ctx.error(
                    doc,
                    doc.line((*path, field.name)),
                    f"{field.name}: {value!r} is not a length of time of at most a year; "
                    "write minutes, hours or days such as '90m', '36h' or '2d'",
                )
                continue
            value = seconds
        values[field.name] = value
    return ProcedureRules(**values)


def _option_ref(
    ctx: Compiler, doc: Document, line: int, ref: str, events: Mapping[str, Event]
) -> tuple[str, str] | None:
    event_id, _, option_id = ref.partition(".")
    event = events.get(event_id)
    if event is None:
        ctx.error(
            doc,
            line,
            f"{ref!r} names the event {event_id!r}, which does not exist" + _hint(event_id, events),
        )
        return None
    if event.option(option_id) is None:
        ctx.error(
            doc,
            line,
            f"{ref!r}: event {event_id!r} has no option {option_id!r}"
            + _hint(option_id, (o.id for o in event.options)),
        )
        return None
    return event_id, option_id


def _verdict(
    ctx: Compiler, doc: Document, index: int, raw: schema.VerdictFile, events: Mapping[str, Event]
) -> Verdict | None:
    path: Path_ = ("verdicts", index)
    line = doc.line(path)
    event = events.get(raw.event)
    if event is None:
        ctx.error(
            doc,
            doc.line((*path, "event")),
            f"verdict: the event {raw.event!r} does not exist" + _hint(raw.event, events),
        )
        return None
    if raw.option is not None and event.option(raw.option) is None:
        ctx.error(
            doc,
            doc.line((*path, "option")),
            f"verdict on {raw.event!r}: the event has no option {raw.option!r}"
            + _hint(raw.option, (o.id for o in event.options)),
        )
        return None
    if not raw.vindicates and not raw.refutes:
        ctx.error(doc, line, f"verdict on {raw.event!r} neither vindicates nor refutes an option")
        return None
    found: dict[str, list[tuple[str, str]]] = {"vindicates": [], "refutes": []}
    for key in found:
        for number, ref in enumerate(getattr(raw, key)):
            where = doc.line((*path, key, number))
            pair = _option_ref(ctx, doc, where, ref, events)
            if pair is not None and pair[0] == raw.event:
                ctx.error(doc, where, f"verdict on {raw.event!r}: an event cannot bear on itself")
            elif pair is not None:
                found[key].append(pair)
    when = ctx.condition(doc, (*path, "when"), raw.when)
    return Verdict(
        raw.event,
        raw.option,
        when,
        tuple(found["vindicates"]),
        tuple(found["refutes"]),
        raw.note.strip(),
        Source(doc.name, line),
    )


def read_council(
    ctx: Compiler,
    events: Mapping[str, Event],
    roster: Roster,
    codex: Mapping[str, CodexEntry],
) -> Procedure | None:
    """council.yaml, or None when the campaign has none; call once the events, the
    people and the codex are read (the openings name them)."""
    loaded = ctx.read("council.yaml", schema.CouncilFile, required=False)
    if loaded is None:
        return None
    doc, raw = loaded
    given = _rules(ctx, doc, (), raw)
    defaults = replace(
        DEFAULT_RULES,
        **{
            f.name: getattr(given, f.name)
            for f in fields(given)
            if getattr(given, f.name) is not None
        },
    )
    minor = []
    for index, event_id in enumerate(raw.minor):
        if event_id in events:
            minor.append(event_id)
        else:
            ctx.error(
                doc,
                doc.line(("minor", index)),
                f"minor: the event {event_id!r} does not exist" + _hint(event_id, events),
            )
    story = []
    seen: set[str] = set()
    for index, rule in enumerate(raw.story):
        path: Path_ = ("story", index)
        line = doc.line(path)
        if rule.id in seen:
            ctx.error(doc, line, f"story rule {rule.id!r} appears twice")
        seen.add(rule.id)
        rules = _rules(ctx, doc, path, rule)
        if rules == ProcedureRules():
            ctx.warning(doc, line, f"story rule {rule.id!r} changes no rule of procedure")
        when = ctx.condition(doc, (*path, "when"), rule.when)
        until = [
            _option_ref(ctx, doc, doc.line((*path, "until", number)), ref, events)
            for number, ref in enumerate(rule.until)
        ]
        story.append(
            StoryRule(
                rule.id,
                when,
                rules,
                rule.reason.strip(),
                Source(doc.name, line),
                tuple(pair for pair in until if pair is not None),
            )
        )
    verdicts = [_verdict(ctx, doc, i, v, events) for i, v in enumerate(raw.verdicts)]
    return Procedure(
        defaults,
        tuple(minor),
        tuple(story),
        tuple(v for v in verdicts if v is not None),
        Source(doc.name, 1),
        read_openings(ctx, doc, raw.openings, events, roster, codex),
    )
