"""Loading a campaign folder into the engine's model.

The loader reads every file, validates its shape, parses and checks every
expression against the declared names, and checks the links between files.
It collects every problem (file, line, message) before it gives up, and raises
one ``CampaignError`` holding them all. A campaign that loads is safe to play.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..engine.calendar import Quarter
from ..engine.errors import ExpressionError
from ..engine.expressions import (
    Literal,
    NameKind,
    Namespace,
    Type,
    check_effects,
    check_type,
    compile_effects,
    compile_expr,
    parse_effects,
    parse_expr,
)
from ..engine.model import (
    Campaign,
    CodexEntry,
    Condition,
    Effects,
    Ending,
    Event,
    Faction,
    Flag,
    Headline,
    Option,
    Outcome,
    Quality,
    Source,
    Strategy,
    SummaryLine,
    Vote,
    Weight,
    WorldRule,
)
from . import schema
from .codex import read_codex
from .diagnostics import CampaignError, Diagnostic, Severity
from .places import describe_path, known_fields
from .yaml_source import Document, Path_, read_yaml

__all__ = ["BUNDLED", "builtin_campaign_path", "load_campaign"]

BUNDLED = Path(__file__).resolve().parent.parent / "campaigns"
DEFAULT_CAMPAIGN = "left_opposition"

Model = TypeVar("Model", bound=BaseModel)


def builtin_campaign_path(name: str = DEFAULT_CAMPAIGN) -> Path:
    return BUNDLED / name


def load_campaign(folder: str | Path) -> Campaign:
    """Load and check the campaign in ``folder``. Raises CampaignError listing every error."""
    campaign, diagnostics = load_with_diagnostics(folder)
    if campaign is None:
        raise CampaignError(diagnostics)
    return campaign


def load_with_diagnostics(folder: str | Path) -> tuple[Campaign | None, list[Diagnostic]]:
    """Load a campaign, returning it (or None) with every diagnostic found."""
    builder = _Builder(Path(folder))
    campaign = builder.build()
    errors = [d for d in builder.diagnostics if d.severity is Severity.ERROR]
    return (None if errors else campaign), builder.diagnostics


def _sentence(message: str) -> str:
    return message[:1].lower() + message[1:] if message else message


class _Builder:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.diagnostics: list[Diagnostic] = []
        self.names: Namespace = Namespace({})
        self.ranges: dict[str, tuple[int, int]] = {}
        self.start = Quarter(1900, 0)
        self.end = Quarter(2100, 3)

    # ------------------------------------------------------------ diagnostics

    def name_of(self, path: Path) -> str:
        """A file's name as messages show it: relative to the working folder when inside it."""
        full = self.folder / path
        try:
            return str(full.resolve().relative_to(Path.cwd().resolve()))
        except ValueError:
            return str(full)

    def error(self, doc: Document | str, line: int, message: str) -> None:
        name = doc.name if isinstance(doc, Document) else doc
        self.diagnostics.append(Diagnostic(Severity.ERROR, name, line, message))

    def warning(self, doc: Document | str, line: int, message: str) -> None:
        name = doc.name if isinstance(doc, Document) else doc
        self.diagnostics.append(Diagnostic(Severity.WARNING, name, line, message))

    # ------------------------------------------------------------ files

    def open(self, relative: str, required: bool) -> Document | None:
        """Read one YAML file of the campaign, reporting a missing or unreadable one."""
        path = self.folder / relative
        name = self.name_of(Path(relative))
        if not path.is_file():
            if required:
                self.error(name, 0, f"the campaign has no {relative} file")
            return None
        doc, problems = read_yaml(path, name)
        self.diagnostics.extend(problems)
        return doc

    def read(
        self, relative: str, model: type[Model], required: bool
    ) -> tuple[Document, Model] | None:
        doc = self.open(relative, required)
        return None if doc is None else self.validate(doc, model)

    def validate(self, doc: Document, model: type[Model]) -> tuple[Document, Model] | None:
        data = doc.data
        if data is None:
            data = {}
        try:
            return doc, model.model_validate(data)
        except ValidationError as failure:
            for problem in failure.errors():
                self._report_shape(doc, problem)
            return None

    def read_items(
        self, relative: str, key: str, model: type[Model], required: bool
    ) -> tuple[Document, list[tuple[int, Model]]] | None:
        """Read a file holding one list (events, rules, ...), validating each item on its
        own, so that one malformed item does not hide the mistakes in the others."""
        doc = self.open(relative, required)
        if doc is None:
            return None
        data = doc.data if doc.data is not None else {}
        if not isinstance(data, dict) or not isinstance(data.get(key, []), list):
            self.error(doc, 1, f"the file should hold a list under the key {key!r}")
            return None
        for extra in sorted(set(data) - {key}):
            close = difflib.get_close_matches(str(extra), [key], n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            self.error(
                doc, doc.line((extra,)), f"unknown key {extra!r} at the top of the file{hint}"
            )
        if required and not data.get(key):
            self.error(doc, 1, f"the file has no {key}")
        items = []
        for index, item in enumerate(data.get(key) or []):
            try:
                items.append((index, model.model_validate(item)))
            except ValidationError as failure:
                for problem in failure.errors():
                    self._report_shape(doc, problem, prefix=(key, index))
        return doc, items

    def _report_shape(self, doc: Document, problem: Any, prefix: Path_ = ()) -> None:
        path: list[str | int] = list(prefix)
        loc = list(problem["loc"])
        for part in loc:
            candidate = (*path, part)
            if candidate in doc.lines or (
                problem["type"] in ("missing", "extra_forbidden") and part == loc[-1]
            ):
                path.append(part)
        kind = problem["type"]
        field = path[-1] if path else ""
        named = tuple(path[:-1]) if kind in ("missing", "extra_forbidden") else tuple(path)
        where = describe_path(doc.data, named)
        if kind == "missing":
            message = f"{where}: the required field {field!r} is missing"
            line = doc.line(tuple(path[:-1]))
        elif kind == "too_short":
            least = problem.get("ctx", {}).get("min_length", 1)
            message = f"{where}: {field!r} needs at least {least} item{'s' * (least != 1)}"
            line = doc.line(tuple(path))
        elif kind == "extra_forbidden":
            known = known_fields()
            close = difflib.get_close_matches(str(field), known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            message = f"{where}: unknown field {field!r}{hint}"
            line = doc.line(tuple(path))
        else:
            message = f"{where}: {_sentence(problem['msg'])}"
            line = doc.line(tuple(path))
        self.error(doc, line, message)

    # ------------------------------------------------------------ expressions

    def _parse(
        self, doc: Document, path: Path_, value: object, parse: Callable[[str], Any]
    ) -> tuple[str, Any] | None:
        text = str(value).lower() if isinstance(value, bool) else str(value)
        try:
            return text, parse(text)
        except ExpressionError as problem:
            self._expression_error(doc, path, problem)
            return None

    def _expression_error(self, doc: Document, path: Path_, problem: ExpressionError) -> None:
        where = describe_path(doc.data, path)
        line = doc.text_line(path) + problem.line - 1
        self.error(doc, line, f"{where}: {problem.message} (column {problem.column})")

    def condition(self, doc: Document, path: Path_, value: object) -> Condition | None:
        if value is None:
            return None
        parsed = self._parse(doc, path, value, parse_expr)
        if parsed is None:
            return None
        text, tree = parsed
        try:
            found = check_type(tree, self.names)
            if found is not Type.BOOL:
                raise ExpressionError(
                    "a condition must be true or false, but this is a number; "
                    "compare it, e.g. 'x >= 10'",
                    tree.line,
                    tree.column,
                )
        except ExpressionError as problem:
            self._expression_error(doc, path, problem)
            return None
        return Condition(text, tree, compile_expr(tree, self.names))

    def weight(self, doc: Document, path: Path_, value: object) -> Weight | None:
        if value is None:
            return None
        parsed = self._parse(doc, path, value, parse_expr)
        if parsed is None:
            return None
        text, tree = parsed
        try:
            if check_type(tree, self.names) is not Type.NUMBER:
                raise ExpressionError(
                    "this must be a number, not true/false", tree.line, tree.column
                )
        except ExpressionError as problem:
            self._expression_error(doc, path, problem)
            return None
        return Weight(text, tree, compile_expr(tree, self.names))

    def effects(self, doc: Document, path: Path_, value: str | list[str] | None) -> Effects | None:
        if value is None:
            return None
        if isinstance(value, list):
            statements: list[Any] = []
            texts = []
            for index, item in enumerate(value):
                parsed = self._parse(doc, (*path, index), item, parse_effects)
                if parsed is None:
                    continue
                try:
                    check_effects(parsed[1], self.names)
                except ExpressionError as problem:
                    self._expression_error(doc, (*path, index), problem)
                    continue
                texts.append(parsed[0])
                statements.extend(parsed[1])
            text, tree = "\n".join(texts), tuple(statements)
        else:
            parsed = self._parse(doc, path, value, parse_effects)
            if parsed is None:
                return None
            text, tree = parsed
            try:
                check_effects(tree, self.names)
            except ExpressionError as problem:
                self._expression_error(doc, path, problem)
                return None
        return Effects(text, tree, compile_effects(tree, self.names, self.ranges))

    def date_in_campaign(self, doc: Document, path: Path_, date: dt.date) -> Quarter:
        quarter = Quarter.of(date)
        if not self.start <= quarter <= self.end:
            where = describe_path(doc.data, path)
            self.error(
                doc,
                doc.line(path),
                f"{where}: the date {date.isoformat()} falls outside the campaign "
                f"({self.start} to {self.end})",
            )
        return quarter

    # ------------------------------------------------------------ the whole campaign

    def build(self) -> Campaign | None:
        if not self.folder.is_dir():
            self.error(str(self.folder), 0, "there is no campaign folder here")
            return None
        head = self.read("campaign.yaml", schema.CampaignFile, required=True)
        if head is None:
            return None
        doc, meta = head
        self.start, self.end = Quarter.of(meta.start), Quarter.of(meta.end)
        if self.end < self.start:
            self.error(doc, doc.line(("end",)), "the campaign ends before it starts")
        qualities, factions, flags = self._declarations(doc, meta)
        packing = self.weight(doc, ("vote_packing",), meta.vote_packing)
        events = self._events()
        rules = self._rules()
        headlines = self._headlines()
        endings = self._endings()
        codex = self._codex()
        strategies = self._strategies()
        self._check_links(events, headlines, codex, factions)
        return Campaign(
            id=meta.id,
            title=meta.title,
            version=meta.version,
            start=self.start,
            end=self.end,
            intro=meta.intro,
            storylets_per_turn=meta.storylets_per_turn,
            max_events_per_turn=meta.max_events_per_turn,
            vote_packing=packing,
            qualities=qualities,
            factions=factions,
            flags=flags,
            events=events,
            rules=rules,
            headlines=headlines,
            endings=endings,
            codex=codex,
            strategies=strategies,
            source=Source(doc.name, 1),
            ranges=dict(self.ranges),
        )

    def _declarations(
        self, doc: Document, meta: schema.CampaignFile
    ) -> tuple[dict[str, Quality], dict[str, Faction], dict[str, Flag]]:
        kinds: dict[str, NameKind] = {
            name: NameKind.BUILTIN for name in ("year", "quarter", "turn")
        }
        qualities: dict[str, Quality] = {}
        for name, q in meta.qualities.items():
            path: Path_ = ("qualities", name)
            if q.min > q.max:
                self.error(
                    doc, doc.line(path), f"quality {name!r}: min {q.min} is above max {q.max}"
                )
            elif not q.min <= q.initial <= q.max:
                self.error(
                    doc,
                    doc.line((*path, "initial")),
                    f"quality {name!r}: initial value {q.initial} is outside {q.min}..{q.max}",
                )
            qualities[name] = Quality(
                name,
                q.label,
                q.min,
                q.max,
                q.initial,
                q.shown,
                q.group,
                q.description,
                Source(doc.name, doc.line(path)),
            )
            self._declare(doc, path, name, NameKind.QUALITY, kinds)
            self.ranges[name] = (q.min, q.max)
        factions: dict[str, Faction] = {}
        for name, f in meta.factions.items():
            path = ("factions", name)
            factions[name] = Faction(
                name, f.label, f.initial, f.description, Source(doc.name, doc.line(path))
            )
            self._declare(doc, path, name, NameKind.FACTION, kinds)
            self.ranges[name] = (0, 1000)
        flags: dict[str, Flag] = {}
        for name, flag in meta.flags.items():
            path = ("flags", name)
            flag = flag or schema.FlagFile()
            flags[name] = Flag(
                name, flag.description, flag.initial, Source(doc.name, doc.line(path))
            )
            self._declare(doc, path, name, NameKind.FLAG, kinds)
        self.names = Namespace(kinds)
        return qualities, factions, flags

    def _declare(
        self, doc: Document, path: Path_, name: str, kind: NameKind, kinds: dict[str, NameKind]
    ) -> None:
        if name in kinds:
            self.error(
                doc,
                doc.line(path),
                f"{kind.value} {name!r}: the name is already taken by a {kinds[name].value}",
            )
        else:
            kinds[name] = kind

    # ------------------------------------------------------------ events

    def _events(self) -> dict[str, Event]:
        events: dict[str, Event] = {}
        folder = self.folder / "events"
        files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
        if not files:
            self.error(self.name_of(Path("events")), 0, "the campaign has no events/*.yaml files")
        for path in files:
            relative = str(path.relative_to(self.folder))
            loaded = self.read_items(relative, "events", schema.EventFile, required=True)
            if loaded is None:
                continue
            doc, items = loaded
            for index, raw in items:
                event = self._event(doc, ("events", index), raw)
                if event is None:
                    continue
                if event.id in events:
                    self.error(
                        doc,
                        doc.line(("events", index, "id")),
                        f"event {event.id!r} is defined twice (first at {events[event.id].source})",
                    )
                    continue
                events[event.id] = event
        return events

    def _event(self, doc: Document, path: Path_, raw: schema.EventFile) -> Event | None:
        where = f"event {raw.id!r}"
        line = doc.line(path)
        if raw.date is not None and raw.window is not None:
            self.error(doc, line, f"{where}: give either a date or a window, not both")
        if raw.date is None and raw.window is None:
            self.error(doc, line, f"{where}: give a date (a set piece) or a window (a storylet)")
        if raw.date is not None:
            quarter = self.date_in_campaign(doc, (*path, "date"), raw.date)
            window = (quarter, quarter)
            if raw.weight is not None:
                self.warning(
                    doc, doc.line((*path, "weight")), f"{where}: a dated event ignores its weight"
                )
        elif raw.window is not None:
            first = self.date_in_campaign(doc, (*path, "window", "from"), raw.window.from_)
            last = self.date_in_campaign(doc, (*path, "window", "to"), raw.window.to)
            if last < first:
                self.error(
                    doc, doc.line((*path, "window")), f"{where}: the window ends before it begins"
                )
            window = (first, last)
        else:
            window = (self.start, self.end)
        if raw.recurring and raw.date is not None:
            self.error(doc, line, f"{where}: a recurring event needs a window, not a date")
        options: list[Option] = []
        seen: set[str] = set()
        for index, raw_option in enumerate(raw.options):
            option = self._option(doc, (*path, "options", index), raw_option, where)
            if raw_option.id in seen:
                self.error(
                    doc,
                    doc.line((*path, "options", index, "id")),
                    f"{where}: option {raw_option.id!r} appears twice",
                )
            seen.add(raw_option.id)
            if option is not None:
                options.append(option)
        return Event(
            id=raw.id,
            title=raw.title,
            text=raw.text.strip(),
            date=raw.date,
            window=window,
            when=self.condition(doc, (*path, "when"), raw.when),
            weight=self.weight(doc, (*path, "weight"), raw.weight),
            repeatable=raw.repeatable,
            recurring=raw.recurring,
            codex=raw.codex,
            options=tuple(options),
            source=Source(doc.name, line),
        )

    def _option(
        self, doc: Document, path: Path_, raw: schema.OptionFile, where: str
    ) -> Option | None:
        where = f"{where}, option {raw.id!r}"
        if raw.outcomes and raw.vote is not None:
            self.error(doc, doc.line(path), f"{where}: an option has outcomes or a vote, not both")
        outcomes = []
        seen: set[str] = set()
        for index, raw_outcome in enumerate(raw.outcomes):
            outcome_path = (*path, "outcomes", index)
            if raw_outcome.id in seen:
                self.error(
                    doc,
                    doc.line(outcome_path),
                    f"{where}: outcome {raw_outcome.id!r} appears twice",
                )
            seen.add(raw_outcome.id)
            outcomes.append(
                Outcome(
                    raw_outcome.id,
                    raw_outcome.label,
                    self.weight(doc, (*outcome_path, "weight"), raw_outcome.weight) or _constant(1),
                    self.effects(doc, (*outcome_path, "effects"), raw_outcome.effects),
                    raw_outcome.result.strip(),
                    Source(doc.name, doc.line(outcome_path)),
                )
            )
        if len(outcomes) == 1:
            self.warning(
                doc,
                doc.line(path),
                f"{where}: a single outcome is certain; put its effects on the option",
            )
        vote = self._vote(doc, (*path, "vote"), raw.vote, where) if raw.vote else None
        requires = self.condition(doc, (*path, "requires"), raw.requires)
        return Option(
            id=raw.id,
            text=raw.text.strip(),
            visible=self.condition(doc, (*path, "if"), raw.if_),
            requires=requires,
            unavailable=raw.unavailable,
            effects=self.effects(doc, (*path, "effects"), raw.effects),
            result=raw.result.strip(),
            historical=raw.history,
            outcomes=tuple(outcomes),
            vote=vote,
            source=Source(doc.name, doc.line(path)),
        )

    def _vote(self, doc: Document, path: Path_, raw: schema.VoteFile, where: str) -> Vote:
        for side, names in (("for", raw.for_), ("against", raw.against)):
            for index, name in enumerate(names):
                if self.names.kinds.get(name) is not NameKind.FACTION:
                    close = difflib.get_close_matches(
                        name, [n for n, k in self.names.kinds.items() if k is NameKind.FACTION], n=1
                    )
                    hint = f"; did you mean {close[0]!r}?" if close else ""
                    self.error(
                        doc,
                        doc.line((*path, side, index)),
                        f"{where}: the vote names {name!r}, which is not a faction{hint}",
                    )
        both = set(raw.for_) & set(raw.against)
        if both:
            self.error(
                doc, doc.line(path), f"{where}: {sorted(both)} cannot vote both for and against"
            )

        def result(key: str, raw_result: schema.VoteResultFile, label: str) -> Outcome:
            return Outcome(
                key,
                raw_result.label or label,
                _constant(1),
                self.effects(doc, (*path, key, "effects"), raw_result.effects),
                raw_result.result.strip(),
                Source(doc.name, doc.line((*path, key))),
            )

        return Vote(
            body=raw.body,
            delegates=raw.delegates,
            supporters=tuple(raw.for_),
            opponents=tuple(raw.against),
            swing=self.weight(doc, (*path, "swing"), raw.swing) or _constant(0.5),
            passed=result("passed", raw.passed, "The motion is carried"),
            failed=result("failed", raw.failed, "The motion falls"),
            source=Source(doc.name, doc.line(path)),
        )

    # ------------------------------------------------------------ other files

    def _rules(self) -> tuple[WorldRule, ...]:
        loaded = self.read_items("world.yaml", "rules", schema.RuleFile, required=False)
        if loaded is None:
            return ()
        doc, items = loaded
        rules = []
        for index, raw in items:
            path: Path_ = ("rules", index)
            effects = self.effects(doc, (*path, "effects"), raw.effects)
            if effects is None:
                continue
            rules.append(
                WorldRule(
                    raw.id,
                    self.condition(doc, (*path, "when"), raw.when),
                    effects,
                    raw.news.strip(),
                    Source(doc.name, doc.line(path)),
                )
            )
        self._unique(doc, "rule", [(r.id, r.source.line) for r in rules])
        return tuple(rules)

    def _headlines(self) -> tuple[Headline, ...]:
        loaded = self.read_items("news.yaml", "headlines", schema.HeadlineFile, required=False)
        if loaded is None:
            return ()
        doc, items = loaded
        headlines = []
        for index, raw in items:
            path: Path_ = ("headlines", index)
            self.date_in_campaign(doc, (*path, "date"), raw.date)
            headlines.append(
                Headline(
                    raw.date,
                    self.condition(doc, (*path, "when"), raw.when),
                    raw.text.strip(),
                    raw.codex,
                    Source(doc.name, doc.line(path)),
                )
            )
        return tuple(headlines)

    def _endings(self) -> tuple[Ending, ...]:
        loaded = self.read_items("endings.yaml", "endings", schema.EndingFile, required=True)
        if loaded is None:
            return ()
        doc, items = loaded
        endings = []
        for index, raw in items:
            path: Path_ = ("endings", index)
            summary = tuple(
                SummaryLine(
                    self.condition(doc, (*path, "summary", i, "when"), line.when),
                    line.text.strip(),
                    Source(doc.name, doc.line((*path, "summary", i))),
                )
                for i, line in enumerate(raw.summary)
            )
            endings.append(
                Ending(
                    raw.id,
                    raw.title,
                    self.condition(doc, (*path, "when"), raw.when),
                    raw.priority,
                    raw.final,
                    raw.text.strip(),
                    raw.history.strip(),
                    summary,
                    Source(doc.name, doc.line(path)),
                )
            )
        self._unique(doc, "ending", [(e.id, e.source.line) for e in endings])
        if endings and not any(e.when is None for e in endings):
            self.error(
                doc,
                1,
                "no ending is always reachable: "
                "give one ending no 'when', so every game has an end",
            )
        return tuple(endings)

    def _strategies(self) -> dict[str, Strategy]:
        loaded = self.read_items(
            "strategies.yaml", "strategies", schema.StrategyFile, required=False
        )
        if loaded is None:
            return {}
        doc, items = loaded
        strategies: dict[str, Strategy] = {}
        for index, raw in items:
            path: Path_ = ("strategies", index)
            score = self.weight(doc, (*path, "score"), raw.score)
            if score is not None:
                strategies[raw.id] = Strategy(
                    raw.id, raw.description, score, Source(doc.name, doc.line(path))
                )
        return strategies

    def _codex(self) -> dict[str, CodexEntry]:
        entries: dict[str, CodexEntry] = {}
        for path in sorted((self.folder / "codex").glob("*.md")):
            name = self.name_of(path.relative_to(self.folder))
            entry, problems = read_codex(path, name)
            self.diagnostics.extend(problems)
            if entry is None:
                continue
            if entry.id in entries:
                self.error(
                    name,
                    1,
                    f"codex entry {entry.id!r} is defined twice "
                    f"(first in {entries[entry.id].source})",
                )
                continue
            entries[entry.id] = entry
        return entries

    def _unique(self, doc: Document, kind: str, ids: Iterable[tuple[str, int]]) -> None:
        seen: set[str] = set()
        for key, line in ids:
            if key in seen:
                self.error(doc, line, f"{kind} {key!r} is defined twice")
            seen.add(key)

    def _check_links(
        self,
        events: dict[str, Event],
        headlines: tuple[Headline, ...],
        codex: dict[str, CodexEntry],
        factions: dict[str, Faction],
    ) -> None:
        links = [(e.codex, e.source, f"event {e.id!r}") for e in events.values()]
        links += [(h.codex, h.source, "the headline") for h in headlines]
        for target, source, where in links:
            if target is not None and target not in codex:
                close = difflib.get_close_matches(target, list(codex), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                self.error(
                    source.file,
                    source.line,
                    f"{where} links to codex entry {target!r}, which does not exist{hint}",
                )
        if not factions:
            for event in events.values():
                if any(o.vote for o in event.options):
                    self.error(
                        event.source.file,
                        event.source.line,
                        "votes need factions, and the campaign declares none",
                    )
                    return


def _constant(value: float) -> Weight:
    return Weight(f"{value:g}", Literal(float(value)), lambda scope: value)
