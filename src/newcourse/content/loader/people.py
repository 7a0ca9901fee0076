"""people.yaml: the campaign's named figures, their camps and posts, the rules they
act by; and the casts of events, checked against them."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping

from ...engine.expressions import Assign, Name, Namespace
from ...engine.figures import (
    NO_POST,
    STATUSES,
    PeopleRule,
    Person,
    PersonState,
    Post,
    Role,
    Roster,
)
from ...engine.model import Effects, Event, Source, WorldRule
from .. import schema
from ..places import describe_path
from ..yaml_source import Document, Path_
from .compiler import Compiler

__all__ = ["check_casts", "read_cast", "read_people", "read_role", "with_cast", "with_roles"]

_PICKS = {
    "first": "",
    "most_trust": "trust",
    "least_trust": "-trust",
    "most_resolve": "resolve",
    "least_resolve": "-resolve",
}


def read_people(ctx: Compiler) -> Roster:
    """The roster of ``people.yaml`` (empty without one); its names join the namespace
    every later expression is checked against."""
    head = ctx.read("people.yaml", schema.PeopleFile, required=False)
    if head is None:
        return Roster()
    doc, raw = head
    camps = dict(raw.camps)
    posts = {
        name: Post(name, post.label, post.single, Source(doc.name, doc.line(("posts", name))))
        for name, post in raw.posts.items()
    }
    if NO_POST in posts:
        ctx.error(doc, doc.line(("posts", NO_POST)), "'none' means no post and cannot be declared")
    people: dict[str, Person] = {}
    for index, person in enumerate(raw.people):
        path: Path_ = ("people", index)
        where = f"person {person.id!r}"
        if person.id in people:
            ctx.error(
                doc,
                doc.line((*path, "id")),
                f"{where} is listed twice (first at line {people[person.id].source.line})",
            )
            continue
        held = [person.post] if isinstance(person.post, str) else list(person.post)
        for at, post in enumerate(held):
            post_path = (*path, "post") if isinstance(person.post, str) else (*path, "post", at)
            if post != NO_POST:
                _known(ctx, doc, post_path, post, posts, "post", where)
        _known(ctx, doc, (*path, "camp"), person.camp, camps, "camp", where)
        state = PersonState(
            frozenset(p for p in held if p != NO_POST),
            person.camp,
            person.trust,
            person.resolve,
            person.status,
        )
        people[person.id] = Person(
            person.id,
            person.name,
            person.description.strip(),
            state,
            person.shown,
            Source(doc.name, doc.line(path)),
        )
    _single_posts(ctx, doc, raw, posts)
    roster = Roster(people, camps, posts)
    ctx.names = Namespace(ctx.names.kinds, roster.names())
    ctx.roster = roster
    rules = _rules(ctx, doc, raw, roster)
    ctx.roster = Roster(people, camps, posts, rules)
    return ctx.roster


def _known(
    ctx: Compiler,
    doc: Document,
    path: Path_,
    name: str,
    known: Iterable[str],
    kind: str,
    where: str,
) -> bool:
    """Whether ``name`` is a declared ``kind``, reporting it with a close match if not."""
    names = list(known)
    if name in names:
        return True
    close = difflib.get_close_matches(name, names, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    ctx.error(doc, doc.line(path), f"{where}: unknown {kind} {name!r}{hint}")
    return False


def _single_posts(
    ctx: Compiler, doc: Document, raw: schema.PeopleFile, posts: Mapping[str, Post]
) -> None:
    holders: dict[str, str] = {}
    for index, person in enumerate(raw.people):
        held = [person.post] if isinstance(person.post, str) else person.post
        for post in held:
            if post in posts and posts[post].single and person.status == "active":
                if post in holders:
                    ctx.error(
                        doc,
                        doc.line(("people", index, "post")),
                        f"person {person.id!r}: {post!r} is a single post, already held by "
                        f"{holders[post]!r}",
                    )
                holders[post] = person.id


def read_role(
    ctx: Compiler, doc: Document, path: Path_, name: str, raw: schema.RoleFile, roster: Roster
) -> Role:
    """A cast's role (or a rule's ``each``), reporting names the roster does not declare."""
    where = describe_path(doc.data, path)
    camps = [raw.camp] if isinstance(raw.camp, str) else list(raw.camp)
    statuses = [raw.status] if isinstance(raw.status, str) else list(raw.status)
    role = Role(
        name,
        raw.post,
        tuple(camps),
        tuple(statuses),
        _PICKS[raw.pick],
        tuple(raw.people),
        Source(doc.name, doc.line(path)),
    )
    if not roster.people:  # one sentence, not one for every name the role gives
        ctx.error(doc, doc.line(path), f"{where}: the campaign has no people.yaml to cast from")
        return role
    if raw.post is not None and raw.post != NO_POST:
        _known(ctx, doc, (*path, "post"), raw.post, roster.posts, "post", where)
    for camp in camps:
        _known(ctx, doc, (*path, "camp"), camp, roster.camps, "camp", where)
    for status in statuses:
        _known(ctx, doc, (*path, "status"), status, STATUSES, "status", where)
    for index, person in enumerate(raw.people):
        _known(ctx, doc, (*path, "people", index), person, roster.people, "person", where)
    return role


def read_cast(ctx: Compiler, doc: Document, path: Path_, raw: schema.EventFile) -> tuple[Role, ...]:
    """An event's cast, role by role, in the order written."""
    return tuple(
        read_role(ctx, doc, (*path, name), name, role, ctx.roster)
        for name, role in raw.cast.items()
    )


def _rules(
    ctx: Compiler, doc: Document, raw: schema.PeopleFile, roster: Roster
) -> tuple[PeopleRule, ...]:
    rules: list[PeopleRule] = []
    with with_roles(ctx, ("it",)):
        for index, rule in enumerate(raw.rules):
            path: Path_ = ("rules", index)
            each = read_role(ctx, doc, (*path, "each"), "it", rule.each, roster)
            when = ctx.condition(doc, (*path, "when"), rule.when)
            effects = ctx.effects(doc, (*path, "effects"), rule.effects)
            if effects is None:
                continue
            rules.append(
                PeopleRule(
                    rule.id,
                    each,
                    when,
                    effects,
                    rule.news.strip(),
                    Source(doc.name, doc.line(path)),
                )
            )
    seen: dict[str, int] = {}
    for rule_ in rules:
        if rule_.id in seen:
            ctx.error(
                doc,
                rule_.source.line,
                f"people rule {rule_.id!r} is defined twice (first at line {seen[rule_.id]})",
            )
        seen.setdefault(rule_.id, rule_.source.line)
    return tuple(rules)


class with_roles:
    """Within the block, the names in ``roles`` stand for people in expressions."""

    def __init__(self, ctx: Compiler, roles: Iterable[str]) -> None:
        self.ctx, self.roles = ctx, tuple(roles)
        self.saved = ctx.names

    def __enter__(self) -> None:
        names = self.saved
        self.ctx.names = Namespace(names.kinds, names.people.with_roles(self.roles))

    def __exit__(self, *problem: object) -> None:
        self.ctx.names = self.saved


def with_cast(names: Namespace, roster: Roster, events: Mapping[str, Event]) -> Namespace:
    """``names`` with every role of every event standing for a person (each event's
    own roles are checked by ``check_casts``)."""
    return Namespace(names.kinds, names.people.with_roles(roster.roles(events.values())))


# ---------------------------------------------------------------- casts, checked whole

_PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z][a-z0-9_]*)\}(?!\})")


def check_casts(
    ctx: Compiler, roster: Roster, events: Mapping[str, Event], rules: tuple[WorldRule, ...]
) -> None:
    """Report a role no one could ever fill (a post no one holds or is appointed to, a
    camp no one stands in or joins), and a ``{role}`` in an event's text that the
    event does not cast. Without people there is nothing to check: each cast has
    already been reported."""
    if not roster.people:
        return
    reachable = _reachable(roster, events, rules)
    all_roles = {role.name for event in events.values() for role in event.cast}
    for event in events.values():
        for role in event.cast:
            problem = _unfillable(role, roster, reachable)
            if problem:
                ctx.error(
                    role.source.file,
                    role.source.line,
                    f"event {event.id!r}, role {role.name!r}: no one can ever be cast: {problem}",
                )
        cast = {role.name for role in event.cast}
        for text in _texts(event):
            for found in _PLACEHOLDER.findall(text):
                if found in all_roles and found not in cast:
                    ctx.error(
                        event.source.file,
                        event.source.line,
                        f"event {event.id!r}: the text names {{{found}}}, "
                        "but the event casts no such role",
                    )


def _texts(event: Event) -> list[str]:
    texts = [event.text]
    for option in event.options:
        texts += [option.text, option.result] + [o.result for o in option.outcomes]
        if option.vote is not None:
            texts += [option.vote.passed.result, option.vote.failed.result]
    return texts


def _unfillable(role: Role, roster: Roster, reachable: dict[str, set[str]]) -> str:
    if role.post is not None and role.post not in reachable["post"]:
        return f"no one holds the post {role.post!r} or is ever appointed to it"
    if role.camps and not set(role.camps) & reachable["camp"]:
        return f"no one stands in {', '.join(role.camps)} or ever joins it"
    if not set(role.statuses) & reachable["status"]:
        return f"no one ever has the status {', '.join(role.statuses)}"
    if role.people and not set(role.people) & set(roster.people):
        return "none of the people it names is declared"
    return ""


def _reachable(
    roster: Roster, events: Mapping[str, Event], rules: tuple[WorldRule, ...]
) -> dict[str, set[str]]:
    """The posts, camps and statuses someone has at the start or some effect gives."""
    found: dict[str, set[str]] = {"post": set(), "camp": set(), "status": set()}
    for person in roster.people.values():
        found["post"] |= person.start.posts
        found["camp"].add(person.start.camp)
        found["status"].add(person.start.status)
    for effects in _all_effects(roster, events, rules):
        for statement in effects.statements:
            _reached_by(statement, found)
    return found


def _reached_by(statement: Assign, found: dict[str, set[str]]) -> None:
    if not statement.args:
        return
    if statement.target in ("appoint",) and len(statement.args) == 2:
        if isinstance(statement.args[1], Name):
            found["post"].add(statement.args[1].name)
    elif statement.target in ("post", "camp", "status") and isinstance(statement.value, Name):
        found[statement.target].add(statement.value.name)


def _all_effects(
    roster: Roster, events: Mapping[str, Event], rules: tuple[WorldRule, ...]
) -> list[Effects]:
    effects = [rule.effects for rule in rules] + [rule.effects for rule in roster.rules]
    for event in events.values():
        for option in event.options:
            pool = list(option.outcomes)
            if option.vote is not None:
                pool += [option.vote.passed, option.vote.failed]
            effects += [e for e in [option.effects, *(o.effects for o in pool)] if e is not None]
    return effects
