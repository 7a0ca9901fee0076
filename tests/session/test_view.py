"""The public view: JSON-ready, self-sufficient, and holding nothing the player may not see."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

import pytest

from newcourse.engine import Campaign, Game
from newcourse.session import VERSION, PublicView, public_view, to_data, view_data


def strings(data: Any) -> Iterator[str]:
    """Every text in JSON data, keys included."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from strings(item)


def every_moment(campaign: Campaign, seed: int) -> Iterator[Game]:
    """A game of ``campaign`` at every decision, played to its end by random choices."""
    chance = random.Random(seed)
    game = Game.start(campaign, seed)
    yield game
    while not game.over:
        available = [o for o in game.view().options if o.available]
        game = game.choose(chance.choice(available).id)
        yield game
        if chance.random() < 0.1 and game.can_undo:
            yield game.undo()


def test_a_view_round_trips_through_json(mini: Campaign) -> None:
    for game in every_moment(mini, 1):
        data = to_data(public_view(game.view(), mini))
        assert json.loads(json.dumps(data, allow_nan=False)) == data
        assert data["version"] == VERSION
        light = view_data(public_view(game.view(), mini), timeline=False)
        assert light == {k: v for k, v in data.items() if k != "timeline"}
        assert view_data(public_view(game.view(), mini)) == data


class Point(NamedTuple):
    label: str
    x: int | None


class Line(NamedTuple):
    name: str
    points: tuple[Point, ...]
    end: Point | None


@dataclass(frozen=True)
class Only:
    line: Line


@dataclass(frozen=True)
class Unknown:  # a name only the type checker knows: every field is looked at
    point: Missing  # type: ignore[name-defined]  # noqa: F821


def test_records_become_dicts_by_field_name_however_deep() -> None:
    line = Line("front", (Point("a", 1), Point("b", None)), None)
    expected = {
        "name": "front",
        "points": [{"label": "a", "x": 1}, {"label": "b", "x": None}],
        "end": None,
    }
    assert to_data(line) == expected
    assert to_data(Only(line)) == {"line": expected}
    assert to_data(Line("x", (), Point("c", 3)))["end"] == {"label": "c", "x": 3}
    assert to_data(Unknown(Point("d", 4))) == {"point": {"label": "d", "x": 4}}


def test_the_peoples_data_is_made_once_for_the_same_people(real: Campaign) -> None:
    view = public_view(Game.start(real, 1).view(), real)
    first = view_data(view, timeline=False)["people"]
    assert first == to_data(view.people) and first
    assert view_data(view, timeline=False)["people"] is first
    person = view.people[0]
    changed = replace(view, people=(person._replace(trust=person.trust + 1), *view.people[1:]))
    moved = view_data(changed, timeline=False)["people"]
    assert moved[0]["trust"] == person.trust + 1 and moved[1:] == first[1:]
    assert first[0]["trust"] == person.trust, "the data given before is left as it was"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_real_campaign_shows_no_hidden_quality_and_no_flag(real: Campaign, seed: int) -> None:
    hidden = {q.name for q in real.qualities.values() if not q.shown} | set(real.flags)
    # an event's id or a level's name may be a flag's name too (`alma_ata`, `expelled`):
    # the player sees the event or the level, which says nothing of the flag's value
    levels = {label for q in real.qualities.values() for _, label in q.levels}
    hidden -= set(real.events) | set(real.codex) | levels
    assert {"france", "spain"} <= hidden  # two fronts whose measures the player never sees
    leaked_by_engine: set[str] = set()
    for game in every_moment(real, seed):
        engine = game.view()
        leaked_by_engine |= set(strings(to_data(engine))) & hidden
        data = to_data(public_view(engine, real))
        json.dumps(data, allow_nan=False)
        assert not set(strings(data)) & hidden, game.decisions
    # the engine's view, made for the rules' own use, does hold them: the test can fail
    assert {"france", "spain"} <= leaked_by_engine


def test_a_view_says_everything_a_front_end_draws(real: Campaign) -> None:
    game = Game.start(real, 1)
    view = public_view(game.view(), real)
    assert (view.title, view.campaign) == (real.title, real.id)
    assert view.intro == real.intro and view.step == 0
    assert not view.can_undo and view.undo_refusal
    event = view.event
    assert event is not None and event.codex
    assert view.codex[0].id == event.codex
    assert view.codex[0].title == real.codex[event.codex].title
    game = game.choose(1).choose(2)
    view = public_view(game.view(), real)
    assert view.last is not None and view.last.changes
    for change in (*view.last.changes, *view.moved):
        assert change.label and change.label != change.name
        assert change.delta == change.after - change.before
    moved = {change.name: change.delta for change in view.moved}
    assert {q.name: q.delta for q in view.qualities if q.delta} == {
        name: delta for name, delta in moved.items() if name in {q.name for q in view.qualities}
    }
    assert all(not front.background for front in view.fronts)


def test_a_vote_says_whether_it_passes(mini: Campaign) -> None:
    game = Game.start(mini, 0).choose("keep_secret")
    view: PublicView = public_view(game.view(), mini)
    votes = [o.vote for o in view.options if o.vote is not None]
    assert votes
    for vote in votes:
        assert vote.passed == (vote.yes > vote.no)
        assert to_data(vote)["passed"] is vote.passed
