"""The people of a campaign as data: who they are, what they hold, where they stand.

Pure records with no behaviour, so that the expression language, the state and
the model can all name them without importing one another. What people do
(casting, the rules they act by, what the player is shown) is in ``people``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .model import Condition, Effects, Event, Source

__all__ = [
    "ATTRIBUTES",
    "RESOLVE_RANGE",
    "STATUSES",
    "TRUST_RANGE",
    "PeopleNames",
    "PeopleRule",
    "Person",
    "PersonState",
    "Post",
    "Role",
    "Roster",
    "people_snapshot",
]

STATUSES = ("active", "removed", "expelled", "exiled", "capitulated", "dead")
"""Where a person stands in the party; only an active person is cast by default."""

TRUST_RANGE = (-3, 3)
"""A person's trust in the Opposition, from hostile to won over."""

RESOLVE_RANGE = (0, 100)
"""How long a person holds out under pressure before giving way."""

ATTRIBUTES: Mapping[str, tuple[int, int]] = {"trust": TRUST_RANGE, "resolve": RESOLVE_RANGE}
"""The number attributes of a person, with their ranges."""

NO_POST = "none"
"""The post a person holds when they hold none."""


class PersonState(NamedTuple):
    """One person at one moment of a game."""

    posts: frozenset[str]
    camp: str
    trust: int
    resolve: int
    status: str


@dataclass(frozen=True, slots=True)
class Post:
    """A post people can hold; a single post is held by one person at a time."""

    name: str
    label: str
    single: bool
    source: Source


@dataclass(frozen=True, slots=True)
class Person:
    """A named figure as the campaign introduces them."""

    id: str
    name: str
    description: str
    start: PersonState
    shown: bool
    source: Source


@dataclass(frozen=True, slots=True)
class Role:
    """A part in an event, or the people a rule acts on: who may fill it.

    A person fits when they hold ``post`` (if given), stand in one of ``camps``
    (if any) with one of ``statuses``, and are not already cast. Among those who
    fit, ``order`` picks: "" the first in the campaign's order, "trust" or
    "resolve" the highest, "-trust" or "-resolve" the lowest (ties go to the
    first)."""

    name: str
    post: str | None
    camps: tuple[str, ...]
    statuses: tuple[str, ...]
    order: str
    people: tuple[str, ...]  # only these people, if any are named
    source: Source


@dataclass(frozen=True, slots=True)
class PeopleRule:
    """A rule applied at a season's end to each person who fits ``each``, while its
    condition holds for them; ``news`` is said, with ``{it}`` the person's name,
    whenever it changes someone."""

    id: str
    each: Role
    when: Condition | None
    effects: Effects
    news: str
    source: Source


@dataclass(frozen=True)
class Roster:
    """A campaign's people, camps, posts and the rules people act by (empty when the
    campaign has no ``people.yaml``)."""

    people: Mapping[str, Person] = field(default_factory=dict)
    camps: Mapping[str, str] = field(default_factory=dict)  # name -> label
    posts: Mapping[str, Post] = field(default_factory=dict)
    rules: tuple[PeopleRule, ...] = ()

    def start(self) -> dict[str, PersonState]:
        """Everyone as the game begins."""
        return {person.id: person.start for person in self.people.values()}

    def roles(self, events: Iterable[Event]) -> tuple[str, ...]:
        """Every role the events cast, and a people rule's ``it``."""
        found = {role.name for event in events for role in event.cast}
        return tuple(sorted(found | {"it"}))

    def names(self, roles: tuple[str, ...] = ()) -> PeopleNames:
        """The names the expression language resolves, with ``roles`` standing for people."""
        return PeopleNames(
            frozenset(self.people),
            frozenset(self.camps),
            frozenset(self.posts) | {NO_POST},
            frozenset(STATUSES),
            frozenset(roles),
            frozenset(name for name, post in self.posts.items() if post.single),
            {key: person.name for key, person in self.people.items()},
        )


def people_snapshot(people: Mapping[str, PersonState]) -> dict[str, object]:
    """The people as a save records them: nothing at all for a campaign without people."""
    if not people:
        return {}
    return {
        "people": {
            key: {
                "posts": sorted(p.posts),
                "camp": p.camp,
                "trust": p.trust,
                "resolve": p.resolve,
                "status": p.status,
            }
            for key, p in sorted(people.items())
        }
    }


class PeopleNames(NamedTuple):
    """What the arguments of the people functions may name."""

    people: frozenset[str] = frozenset()
    camps: frozenset[str] = frozenset()
    posts: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset(STATUSES)
    roles: frozenset[str] = frozenset()  # cast roles and a rule's ``it``: a person at play
    single: frozenset[str] = frozenset()  # posts one person holds at a time
    display: Mapping[str, str] = {}  # each person's name as the text gives it, by id

    def with_roles(self, roles: tuple[str, ...]) -> PeopleNames:
        """These names, with ``roles`` standing for people."""
        return self._replace(roles=frozenset(roles))
