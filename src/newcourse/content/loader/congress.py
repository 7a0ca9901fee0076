"""The congress cycle in a campaign's files: constituencies and arguments in
``campaign.yaml``, elections on a congress's event, blocs, minorities and
arguments on its votes."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ...engine.calendar import Quarter
from ...engine.congress import (
    Argument,
    Congress,
    Constituency,
    Elections,
    Minority,
    Stage,
    stage_turns,
)
from ...engine.expressions import NameKind
from ...engine.figures import Roster
from ...engine.model import Source
from .. import schema
from ..yaml_source import Document, Path_
from .compiler import Compiler

__all__ = [
    "check_leaders",
    "read_argument",
    "read_blocs",
    "read_congress",
    "read_elections",
    "read_minority",
]

STAGE_LABELS = {
    "cells": "Cell meetings",
    "districts": "District conferences",
    "counties": "County conferences",
    "provinces": "Provincial conferences",
    "regions": "Regional conferences",
    "republics": "Republic congresses",
}
"""How the usual stages are named to the player; another stage is named after its id."""


def _hint(name: str, names: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(names), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _named(ctx: Compiler, kind: NameKind) -> list[str]:
    return [name for name, k in ctx.names.kinds.items() if k is kind]


def read_congress(ctx: Compiler, doc: Document, meta: schema.CampaignFile) -> Congress | None:
    """The campaign's congress cycle, reporting names that are not what they must be."""
    raw = meta.congress
    if raw is None:
        return None
    path: Path_ = ("congress",)
    if ctx.names.kinds.get(raw.opposition) is not NameKind.FACTION:
        ctx.error(
            doc,
            doc.line((*path, "opposition")),
            f"congress: the opposition {raw.opposition!r} is not a faction"
            + _hint(raw.opposition, _named(ctx, NameKind.FACTION)),
        )
    places = []
    for name, place in raw.constituencies.items():
        where = (*path, "constituencies", name)
        if ctx.names.kinds.get(place.support) is not NameKind.QUALITY:
            ctx.error(
                doc,
                doc.line((*where, "support")),
                f"constituency {name!r}: its support {place.support!r} is not a quality"
                + _hint(place.support, _named(ctx, NameKind.QUALITY)),
            )
        places.append(
            Constituency(
                name, place.label, place.weight, place.support, Source(doc.name, doc.line(where))
            )
        )
    arguments = {}
    for name, argument in raw.arguments.items():
        where = (*path, "arguments", name)
        fit = ctx.weight(doc, (*where, "fit"), argument.fit)
        if fit is not None:
            arguments[name] = Argument(name, argument.label, fit, Source(doc.name, doc.line(where)))
    congress = Congress(
        opposition=raw.opposition,
        constituencies=tuple(places),
        packing=ctx.weight(doc, (*path, "packing"), raw.packing),
        arguments=arguments,
        source=Source(doc.name, doc.line(path)),
        leaders=dict(raw.leaders),
    )
    ctx.congress = congress
    return congress


def check_leaders(ctx: Compiler, doc: Document, congress: Congress | None, roster: Roster) -> None:
    """Each leader must be one of the campaign's people, leading one of its factions."""
    if congress is None:
        return
    factions = _named(ctx, NameKind.FACTION)
    for person, faction in congress.leaders.items():
        where = ("congress", "leaders", person)
        if person not in roster.people:
            known = (
                f"{_hint(person, roster.people)}" if roster.people else " (there is no people.yaml)"
            )
            ctx.error(
                doc,
                doc.line(where),
                f"congress, leaders: {person!r} is not one of the campaign's people" + known,
            )
        if faction not in factions:
            ctx.error(
                doc,
                doc.line(where),
                f"congress, leaders: {person!r} leads {faction!r}, which is not a faction"
                + _hint(faction, factions),
            )


def read_elections(
    ctx: Compiler, doc: Document, path: Path_, raw: schema.EventFile, where: str
) -> Elections | None:
    """An event's elections, held at the close of turns before its own."""
    elections = raw.elections
    if elections is None:
        return None
    path = (*path, "elections")
    line = doc.line(path)
    if ctx.congress is None:
        ctx.error(
            doc,
            line,
            f"{where}: elections need the campaign's constituencies; "
            "declare them under 'congress' in campaign.yaml",
        )
        return None
    if raw.date is None:
        ctx.error(
            doc, line, f"{where}: elections lead to a congress on a date; give the event a date"
        )
        return None
    if not any(option.vote is not None for option in raw.options):
        ctx.warning(doc, line, f"{where}: the elections decide no vote, as no option puts one")
    seen: set[str] = set()
    for index, stage in enumerate(elections.stages):
        if stage in seen:
            ctx.error(
                doc,
                doc.line((*path, "stages", index)),
                f"{where}: the stage {stage!r} appears twice",
            )
        seen.add(stage)
    congress_turn = Quarter.of(raw.date).turns_since(ctx.start)
    if isinstance(elections.opens, int):
        opens = congress_turn - elections.opens
    else:
        opens = Quarter.of(elections.opens).turns_since(ctx.start)
    if opens >= congress_turn:
        ctx.error(
            doc,
            doc.line((*path, "opens")),
            f"{where}: the elections must open in a season before the congress's "
            f"({Quarter.of(raw.date)})",
        )
        return None
    if opens < 0:
        ctx.error(
            doc,
            doc.line((*path, "opens")),
            f"{where}: the elections open before the campaign starts ({ctx.start})",
        )
        return None
    stages = tuple(
        Stage(name, STAGE_LABELS.get(name, name.replace("_", " ").capitalize()))
        for name in elections.stages
    )
    return Elections(stages, stage_turns(opens, congress_turn, len(stages)), Source(doc.name, line))


def read_blocs(
    ctx: Compiler, doc: Document, path: Path_, raw: schema.VoteFile, where: str
) -> dict[str, str]:
    """A vote's blocs: each must be a faction."""
    factions = _named(ctx, NameKind.FACTION)
    for name in raw.blocs:
        if ctx.names.kinds.get(name) is not NameKind.FACTION:
            ctx.error(
                doc,
                doc.line((*path, "blocs", name)),
                f"{where}: the vote's blocs name {name!r}, which is not a faction"
                + _hint(name, factions),
            )
    return dict(raw.blocs)


def read_minority(
    ctx: Compiler, doc: Document, path: Path_, raw: schema.VoteFile
) -> Minority | None:
    """What the vote's defeated minority wins."""
    minority = raw.minority
    if minority is None:
        return None
    path = (*path, "minority")
    return Minority(
        minority.at,
        minority.label,
        ctx.effects(doc, (*path, "effects"), minority.effects),
        minority.result.strip(),
        Source(doc.name, doc.line(path)),
    )


def read_argument(
    ctx: Compiler, doc: Document, path: Path_, raw: schema.OptionFile, where: str
) -> str | None:
    """The argument an option's vote is put with: one the campaign declares."""
    if raw.argument is None:
        return None
    line = doc.line((*path, "argument"))
    if raw.vote is None:
        ctx.error(doc, line, f"{where}: an argument is put with a vote, and the option puts none")
    arguments = ctx.congress.arguments if ctx.congress is not None else {}
    if raw.argument not in arguments:
        ctx.error(
            doc,
            line,
            f"{where}: the argument {raw.argument!r} is not one of the campaign's arguments"
            + (
                _hint(raw.argument, arguments)
                if arguments
                else " (it declares none under 'congress')"
            ),
        )
    return raw.argument
