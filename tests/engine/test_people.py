"""People with posts, camps, trust and resolve; casting them into events; the rules
they act by between events; what the player sees of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from newcourse.content.loader import load_campaign, load_with_diagnostics
from newcourse.engine.figures import PersonState, Role
from newcourse.engine.game import Game
from newcourse.engine.model import Campaign, Source
from newcourse.engine.people import cast_of, people_view

PEOPLE = Path(__file__).resolve().parents[1] / "campaigns" / "people"


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return load_campaign(PEOPLE)


def test_an_event_casts_the_holder_of_a_post_and_names_them_in_its_text(
    campaign: Campaign,
) -> None:
    view = Game.start(campaign, seed=1).view()
    assert view.event is not None
    assert view.event.text == "Stalin opens the plenum; Karl Radek sits beside you."
    assert view.options[0].text == "Work on Karl Radek."


def test_effects_on_a_role_change_the_person_cast(campaign: Campaign) -> None:
    game = Game.start(campaign, seed=1).choose("win_over")
    radek = game.state.people["radek"]
    assert (radek.trust, radek.resolve) == (3, 50)
    assert game.view().last is not None
    assert game.view().last.result == "Karl Radek stands firmer."


def test_least_resolve_picks_the_weakest_and_follows_the_state(campaign: Campaign) -> None:
    # Radek's resolve rose to 50, below Preobrazhensky's 60: he is still the weakest
    game = Game.start(campaign, seed=1).choose("win_over")
    assert game.state.people["radek"].resolve < game.state.people["preobrazhensky"].resolve


def test_a_post_taken_moves_the_cast_of_later_events(campaign: Campaign) -> None:
    game = Game.start(campaign, seed=1).choose("remove")
    people = game.state.people
    assert "general_secretary" not in people["stalin"].posts
    assert "general_secretary" in people["zinoviev"].posts
    assert people["zinoviev"].camp == "between"
    while not game.over and (game.view().event is None or game.view().event.id != "new_secretary"):
        game = game.choose(1)
    view = game.view()
    assert view.event is not None and view.event.text == "Grigory Zinoviev takes the Secretariat."


def test_an_event_whose_cast_cannot_be_filled_does_not_fire(campaign: Campaign) -> None:
    game = Game.start(campaign, seed=1).choose("win_over")  # Stalin keeps the Secretariat
    seen = set()
    while not game.over:
        seen.add(game.view().event.id if game.view().event else None)
        game = game.choose(1)
    assert "new_secretary" not in seen


def test_capitulation_is_person_by_person_with_news_naming_them(campaign: Campaign) -> None:
    game = Game.start(campaign, seed=1).choose("expel")  # repression 50: Radek (20) gives way
    people = game.state.people
    assert people["radek"].status == "capitulated"
    assert people["radek"].camp == "majority"
    assert people["preobrazhensky"].status == "active"  # resolve 60 holds
    assert "Karl Radek recants." in [item.text for item in game.view().news]


def test_the_view_shows_only_the_people_the_player_knows(campaign: Campaign) -> None:
    names = [p.name for p in Game.start(campaign, seed=1).view().people]
    assert names == ["Stalin", "Karl Radek", "Evgeny Preobrazhensky", "Grigory Zinoviev"]
    assert "An agent" not in names


def test_the_peoples_view_is_made_once_for_a_state_and_again_when_it_changes(
    campaign: Campaign,
) -> None:
    game = Game.start(campaign, seed=1)
    people = dict(game.state.people)
    seen = people_view(campaign.roster, people)
    assert people_view(campaign.roster, dict(people)) is seen, "an equal state: the same view"
    radek = people["radek"]
    people["radek"] = radek._replace(trust=radek.trust + 1)
    moved = people_view(campaign.roster, people)
    assert moved is not seen
    assert [p.trust for p in moved if p.id == "radek"] == [radek.trust + 1]
    again = load_campaign(PEOPLE)  # another campaign's roster: a view of its own
    assert people_view(again.roster, game.state.people) is not seen
    assert people_view(again.roster, game.state.people) == seen


def test_a_game_with_people_saves_them_and_replays(campaign: Campaign) -> None:
    game = Game.start(campaign, seed=3).choose("remove").choose(1)
    data = game.to_data()
    snapshot = data["snapshot"]
    assert snapshot["people"]["zinoviev"]["posts"] == ["general_secretary", "politburo"]
    again = Game.from_data(campaign, data)
    assert again.state.people == game.state.people


def _write(tmp_path: Path, people: str, event: str) -> Path:
    folder = tmp_path / "c"
    (folder / "events").mkdir(parents=True)
    for name in ("campaign.yaml", "endings.yaml"):
        (folder / name).write_text((PEOPLE / name).read_text())
    (folder / "people.yaml").write_text(people)
    (folder / "events" / "e.yaml").write_text(event)
    return folder


_PEOPLE = """\
camps: {opposition: The Opposition, majority: The majority}
posts: {general_secretary: {label: General Secretary}, war_commissar: {label: War Commissar}}
people:
  - {id: stalin, name: Stalin, post: general_secretary, camp: majority}
  - {id: radek, name: Radek, camp: opposition}
"""

_EVENT = """\
events:
  - id: e
    title: E
    date: 1923-10-15
    text: "{{secretary}}"
    cast: {{secretary: {cast}}}
    options:
      - id: a
        text: A
        effects: "{effects}"
"""


@pytest.mark.parametrize(
    ("cast", "effects", "message"),
    [
        (
            "{post: war_commisar}",
            "trust(radek) += 1",
            "unknown post 'war_commisar'; did you mean 'war_commissar'?",
        ),
        (
            "{camp: oposition}",
            "trust(radek) += 1",
            "unknown camp 'oposition'; did you mean 'opposition'?",
        ),
        (
            "{post: war_commissar}",
            "trust(radek) += 1",
            "no one can ever be cast: no one holds the post 'war_commissar'",
        ),
        (
            "{post: general_secretary}",
            "trust(radeck) += 1",
            "unknown person 'radeck' in trust(); did you mean 'radek'?",
        ),
        ("{post: general_secretary}", "camp(radek) = centre", "unknown camp 'centre' in camp()"),
        ("{post: general_secretary}", "appoint(radek)", "appoint() takes 2 argument(s)"),
        ("{post: general_secretary}", "trust(radek) = radek", "unknown name 'radek'"),
        ("{post: general_secretary}", "status(radek) += 1", "set with '='"),
    ],
)
def test_mistakes_in_people_and_casts_are_reported_with_their_line(
    tmp_path: Path, cast: str, effects: str, message: str
) -> None:
    folder = _write(tmp_path, _PEOPLE, _EVENT.format(cast=cast, effects=effects))
    campaign, diagnostics = load_with_diagnostics(folder)
    assert campaign is None
    found = [str(d) for d in diagnostics]
    assert any("e.yaml:" in d and message in d for d in found), found


def test_a_role_appointed_by_some_effect_can_be_cast(tmp_path: Path) -> None:
    event = _EVENT.format(cast="{post: war_commissar}", effects="appoint(radek, war_commissar)")
    campaign, diagnostics = load_with_diagnostics(_write(tmp_path, _PEOPLE, event))
    assert campaign is not None, [str(d) for d in diagnostics]


def test_a_single_post_held_twice_is_an_error(tmp_path: Path) -> None:
    people = _PEOPLE.replace("camp: opposition}", "camp: opposition, post: general_secretary}")
    event = _EVENT.format(cast="{post: general_secretary}", effects="trust(radek) += 1")
    campaign, diagnostics = load_with_diagnostics(_write(tmp_path, people, event))
    assert campaign is None
    assert any(
        "people.yaml:" in str(d) and "single post, already held by 'stalin'" in str(d)
        for d in diagnostics
    )


def _person(camp: str, trust: int, posts: tuple[str, ...] = ()) -> PersonState:
    return PersonState(frozenset(posts), camp, trust, 50, "active")


def _role(
    people: tuple[str, ...] = (), order: str = "", post: str | None = None, name: str = "part"
) -> Role:
    return Role(name, post, (), ("active",), order, people, Source("people.yaml", 1))


def test_among_several_who_fit_the_first_in_the_campaigns_order_is_cast() -> None:
    people = {
        "radek": _person("opposition", 1, ("comintern",)),
        "smilga": _person("opposition", 2),
        "pyatakov": _person("opposition", 2, ("comintern",)),
    }
    # the people a role names are looked at in the campaign's order, not the role's
    assert cast_of((_role(("pyatakov", "radek")),), people) == {"part": "radek"}
    assert cast_of((_role(("pyatakov", "smilga"), "trust"),), people) == {"part": "smilga"}
    assert cast_of((_role(order="-trust"),), people) == {"part": "radek"}
    # no one plays two parts
    two = (_role(post="comintern"), _role(post="comintern", name="other"))
    assert cast_of(two, people) == {"part": "radek", "other": "pyatakov"}
    assert cast_of((*two, _role(post="comintern", name="third")), people) is None
