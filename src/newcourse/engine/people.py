"""What the campaign's people do: who is cast into an event, the rules they act by
between events, and what the player is shown of them.

Casting is a pure function of the people as they now are, so an event is cast
when it is queued (an event whose cast cannot be filled is not queued), again
when it is shown and when it is decided; nothing about a cast is stored.
"""

from __future__ import annotations

from collections.abc import Mapping
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


def _pick(role: Role, people: Mapping[str, PersonState], taken: set[str]) -> str | None:
    order = role.order
    if not order:
        return next(
            (k for k, p in people.items() if k not in taken and fits(role, k, p)),
            None,
        )
    lowest = order.startswith("-")
    attribute = order.lstrip("-")
    best: str | None = None
    best_score = 0
    for key, person in people.items():
        if key in taken or not fits(role, key, person):
            continue
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
    taken: set[str] = set()
    for role in roles:
        key = _pick(role, people, taken)
        if key is None:
            return None
        chosen[role.name] = key
        taken.add(key)
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
        for key in list(people):
            person = people[key]
            if not fits(rule.each, key, person):
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
    """The shown people as they now are, in the campaign's order; hidden people never."""
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
