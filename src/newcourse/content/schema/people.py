"""people.yaml: the campaign's camps, posts, people and the rules they act by."""

from __future__ import annotations

from typing import Literal

from .events import RoleFile
from .values import ConditionText, EffectsText, Id, Strict, Text, described

__all__ = ["PeopleFile", "PeopleRuleFile", "PersonFile", "PostFile"]


class PostFile(Strict):
    """A post a person can hold."""

    label: str = described("The post's name as the player reads it, e.g. 'General Secretary'")
    single: bool = described("Held by one person at a time: appointing someone takes it", True)


class PersonFile(Strict):
    """A named figure: post, camp, trust in the Opposition, resolve and status."""

    id: Id = described("The person's id, used in expressions: trust(radek)")
    name: str = described("The name the player reads, e.g. 'Karl Radek'")
    description: Text = described("A line on who they are", "")
    post: Id | list[Id] = described("The post (or posts) they hold at the start; 'none'", [])
    camp: Id = described("Their camp at the start, one of the declared camps")
    trust: int = described("Their trust in the Opposition, -3 (hostile) to +3", 0, ge=-3, le=3)
    resolve: int = described("How long they hold out under pressure, 0 to 100", 50, ge=0, le=100)
    status: Literal["active", "removed", "expelled", "exiled", "capitulated", "dead"] = described(
        "Where they stand in the party at the start", "active"
    )
    shown: bool = described("The player knows them: they appear in the status", True)


class PeopleRuleFile(Strict):
    """A rule applied at each season's end to each person who fits ``each``."""

    id: Id = described("The rule's id")
    each: RoleFile = described("The people the rule looks at: post, camp, status, people")
    when: ConditionText | None = described(
        "The rule acts on a person only while this holds; 'it' is the person, e.g. "
        "'resolve(it) < repression'",
        None,
    )
    effects: EffectsText = described("What it does to the person, e.g. 'status(it) = capitulated'")
    news: str = described(
        "A line for the front page whenever it changes someone; {it} is their name", ""
    )


class PeopleFile(Strict):
    """people.yaml: the campaign's named figures, their camps and posts, and the rules
    they act by between events."""

    camps: dict[Id, str] = described("The camps people stand in: id and label", min_length=1)
    posts: dict[Id, PostFile] = described("The posts people hold", {})
    people: list[PersonFile] = described("The named figures, in the order they are listed")
    rules: list[PeopleRuleFile] = described("Rules people act by at each season's end", [])
