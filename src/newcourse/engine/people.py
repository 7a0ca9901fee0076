"""What the campaign's people do: who is cast into an event, the rules they act by
between events, and what the player is shown of them.

Casting is a pure function of the people as they now are, so an event is cast
when it is queued (an event whose cast cannot be filled is not queued), again
when it is shown and when it is decided; nothing about a cast is stored.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import NamedTuple

from .expressions import Scope
from .figures import PeopleRule, PersonState, Role, Roster
from .state import NewsItem

__all__ = ["PersonView", "cast_of", "fits", "people_rules", "people_view", "run_people_rules"]


def fits(role: Role, key: str, person: PersonState) -> bool:
    """Whether ``person`` (by id ``key``) may fill ``role``."""
    return (
        person.status in role.statuses
        and (not role.people or key in role.people)
        and (not role.camps or person.camp in role.camps)
        and (role.post is None or role.post in person.posts)
    )


def _fitting(role: Role, people: Mapping[str, PersonState], taken: Collection[str]) -> list[str]:
    """Everyone who fits ``role`` and is not ``taken``, in the campaign's order.

    The same test as ``fits``, written out in the loop (a call per person was most
    of the cost of casting), the rarest condition first: a post, then the people
    named."""
    post, named, camps, statuses = role.post, role.people, role.camps, role.statuses
    if named:  # a handful of people, named: look only at them, in the campaign's order
        keys = named if len(named) == 1 else [k for k in people if k in named]
        return [
            k
            for k in keys
            if k in people
            and k not in taken
            and (p := people[k]).status in statuses
            and (not camps or p.camp in camps)
            and (post is None or post in p.posts)
        ]
    return [
        k
        for k, p in people.items()
        if (post is None or post in p.posts)
        and p.status in statuses
        and (not camps or p.camp in camps)
        and k not in taken
    ]


def _pick(role: Role, people: Mapping[str, PersonState], taken: Collection[str]) -> str | None:
    found = _fitting(role, people, taken)
    if len(found) < 2:  # the commonest case: the holder of a post, or no one
        return found[0] if found else None
    order = role.order
    if not order:
        return found[0]
    lowest = order.startswith("-")
    attribute = order.lstrip("-")
    best: str | None = None
    best_score = 0
    for key in found:
        person = people[key]
        score = person.trust if attribute == "trust" else person.resolve
        if lowest:
            score = -score
        if best is None or score > best_score:
            best, best_score = key, score
    return best


def cast_of(roles: tuple[Role, ...], people: Mapping[str, PersonState]) -> dict[str, str] | None:
    """Each role's person, in the order the roles are written (no one plays two);
    None if a role cannot be filled."""
    chosen: dict[str, str] = {}
    for role in roles:
        key = _pick(role, people, chosen.values())
        if key is None:
            return None
        chosen[role.name] = key
    return chosen


def people_rules(roster: Roster) -> tuple[PeopleRule, ...]:
    """The rules people act by, in the order written."""
    return roster.rules


def run_people_rules(roster: Roster, scope: Scope) -> list[NewsItem]:
    """Apply each people rule to each person who fits it and for whom its condition
    holds, in the campaign's order; returns the news of those it changed."""
    news: list[NewsItem] = []
    people = scope.people
    saved = scope.cast
    for rule in roster.rules:
        # who fits is settled person by person, as the rule reaches them: the rule
        # may have changed those before; those it can never fit are passed over
        role = rule.each
        named, post, camps, statuses = role.people, role.post, role.camps, role.statuses
        keys = named if len(named) == 1 else [k for k in people if not named or k in named]
        for key in keys:
            person = people.get(key)
            if (
                person is None  # fits(role, key, person), written out
                or person.status not in statuses
                or (camps and person.camp not in camps)
                or (post is not None and post not in person.posts)
            ):
                continue
            scope.cast = {"it": key}
            if rule.when is not None and not rule.when.test(scope):
                continue
            rule.effects.apply(scope)
            if people[key] != person and rule.news:
                news.append(NewsItem(rule.news.replace("{it}", roster.people[key].name)))
    scope.cast = saved
    return news


class PersonView(NamedTuple):
    """A person the player knows, as the status shows them."""

    id: str
    name: str
    description: str
    posts: tuple[str, ...]  # the posts' labels
    camp: str  # the camp's label
    trust: int
    status: str


def people_view(roster: Roster, people: Mapping[str, PersonState]) -> tuple[PersonView, ...]:
    """The shown people as they now are, in the campaign's order; hidden people never.

    Most decisions change nobody, and games often stand where others stood: the views
    made are kept by the people's states (the very same tuple is given again)."""
    key = tuple(people.items())
    kept = _KEPT_VIEWS.get(key)
    if kept is not None and kept[0] is roster:
        return kept[1]
    made = _people_view(roster, people)
    if len(_KEPT_VIEWS) >= KEPT_VIEWS:
        _KEPT_VIEWS.clear()
    _KEPT_VIEWS[key] = (roster, made)
    return made


KEPT_VIEWS = 1024
"""People's views kept (of as many different states); when full, forgotten all at once."""
_KEPT_VIEWS: dict[tuple[tuple[str, PersonState], ...], tuple[Roster, tuple[PersonView, ...]]] = {}


def _people_view(roster: Roster, people: Mapping[str, PersonState]) -> tuple[PersonView, ...]:
    views = []
    for key, person in roster.people.items():
        if not person.shown or key not in people:
            continue
        now = people[key]
        views.append(
            PersonView(
                key,
                person.name,
                person.description,
                tuple(roster.posts[p].label if p in roster.posts else p for p in sorted(now.posts)),
                roster.camps.get(now.camp, now.camp),
                now.trust,
                now.status,
            )
        )
    return tuple(views)
