"""council.yaml's ``openings``: the historical cases for and against an event's options
that open a motion's debate in council mode.

Each case names who argued it (a person of ``people.yaml`` or a name), the
document or speech it comes from and, where there is one, the codex note; its
text is the campaign's paraphrase, a short paragraph. Every event, option,
person and codex note named is checked, and so is the length of each case.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping

from ...engine.figures import Roster
from ...engine.model import CodexEntry, Event, Source
from ...engine.procedure import Case
from .. import schema
from ..yaml_source import Document, Path_
from .compiler import Compiler

__all__ = ["LONGEST_CASE", "read_openings", "words"]

LONGEST_CASE = 90
"""The most words a case may have: it opens a debate, it does not close one."""
_QUOTES = re.compile(r"[\"“”„«»]")  # a case paraphrases; it quotes no one


def words(text: str) -> int:
    """How many words ``text`` has."""
    return len(text.split())


def _hint(name: str, names: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(names), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


class _Openings:
    """Reading the openings of one council.yaml against the campaign's other files."""

    def __init__(
        self,
        ctx: Compiler,
        doc: Document,
        events: Mapping[str, Event],
        roster: Roster,
        codex: Mapping[str, CodexEntry],
    ) -> None:
        self.ctx, self.doc, self.events, self.roster, self.codex = (
            ctx,
            doc,
            events,
            roster,
            codex,
        )

    def item(self, index: int, raw: schema.OpeningFile) -> list[Case]:
        """The cases of one opening; [] when its event or option does not exist."""
        ctx, doc = self.ctx, self.doc
        path: Path_ = ("openings", index)
        event = self.events.get(raw.event)
        if event is None:
            ctx.error(
                doc,
                doc.line((*path, "event")),
                f"opening: the event {raw.event!r} does not exist" + _hint(raw.event, self.events),
            )
            return []
        if event.option(raw.option) is None:
            ctx.error(
                doc,
                doc.line((*path, "option")),
                f"opening on {raw.event!r}: the event has no option {raw.option!r}"
                + _hint(raw.option, (o.id for o in event.options)),
            )
            return []
        if raw.for_ is None and raw.against is None:
            ctx.error(
                doc,
                doc.line(path),
                f"opening on '{raw.event}.{raw.option}' gives no case: write 'for', "
                "'against' or both",
            )
            return []
        cases = []
        for side, given in (("for", raw.for_), ("against", raw.against)):
            if given is not None:
                case = self.case(raw, side, given, (*path, side))
                if case is not None:
                    cases.append(case)
        return cases

    def case(
        self, raw: schema.OpeningFile, side: str, given: schema.CaseFile, path: Path_
    ) -> Case | None:
        """One case, checked; None when it cannot be shown."""
        ctx, doc = self.ctx, self.doc
        where = f"the case {side} '{raw.event}.{raw.option}'"
        speaker = self.speaker(where, given, path)
        text = " ".join(given.text.split())
        fine = speaker is not None
        if not text:
            ctx.error(doc, doc.line((*path, "text")), f"{where} is empty; write its text")
            fine = False
        elif words(text) > LONGEST_CASE:
            ctx.error(
                doc,
                doc.text_line((*path, "text")),
                f"{where} is {words(text)} words long; write at most {LONGEST_CASE}",
            )
            fine = False
        elif _QUOTES.search(text):
            ctx.warning(
                doc,
                doc.text_line((*path, "text")),
                f"{where} holds quotation marks; a case is the campaign's own paraphrase "
                "of a position, so write it without them",
            )
        source = " ".join(given.source.split())
        if not source:
            ctx.error(
                doc,
                doc.line((*path, "source")),
                f"{where} names no source; give the document or speech and its date",
            )
            fine = False
        if given.codex is not None and given.codex not in self.codex:
            ctx.error(
                doc,
                doc.line((*path, "codex")),
                f"{where} links to codex entry {given.codex!r}, which does not exist"
                + _hint(given.codex, self.codex),
            )
            fine = False
        if not fine or speaker is None:
            return None
        return Case(
            raw.event,
            raw.option,
            side,
            given.who or "",
            speaker,
            text,
            source,
            given.codex or "",
            Source(doc.name, doc.line(path)),
        )

    def speaker(self, where: str, given: schema.CaseFile, path: Path_) -> str | None:
        """The name shown for the case's figure; None (reported) when it is not one."""
        ctx, doc = self.ctx, self.doc
        name = " ".join((given.speaker or "").split())
        if given.who is not None and given.speaker is not None:
            ctx.error(
                doc,
                doc.line((*path, "speaker")),
                f"{where} gives both 'who' and 'speaker'; give one",
            )
            return None
        if given.who is not None:
            person = self.roster.people.get(given.who)
            if person is None:
                ctx.error(
                    doc,
                    doc.line((*path, "who")),
                    f"{where}: unknown person {given.who!r}"
                    + _hint(given.who, self.roster.people)
                    + " (write a name under 'speaker' for someone not in people.yaml)",
                )
                return None
            return person.name
        if not name:
            ctx.error(
                doc,
                doc.line(path),
                f"{where} says no one argued it; give 'who' (a person's id) or 'speaker' (a name)",
            )
            return None
        return name


def read_openings(
    ctx: Compiler,
    doc: Document,
    raw: list[schema.OpeningFile],
    events: Mapping[str, Event],
    roster: Roster,
    codex: Mapping[str, CodexEntry],
) -> tuple[Case, ...]:
    """The cases of council.yaml's ``openings``, checked, in the file's order."""
    reading = _Openings(ctx, doc, events, roster, codex)
    cases: list[Case] = []
    first: dict[tuple[str, str], int] = {}
    for index, opening in enumerate(raw):
        key = (opening.event, opening.option)
        line = doc.line(("openings", index))
        if key in first:
            ctx.error(
                doc,
                line,
                f"the opening on '{opening.event}.{opening.option}' is written twice "
                f"(first at line {first[key]}); put both cases in one",
            )
            continue
        first[key] = line
        cases += reading.item(index, opening)
    return tuple(cases)
