"""The bundled campaign tells one consistent story: endings, odds, outcomes and the front
page agree with the state they describe and with each other."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import pytest

from newcourse.engine import Campaign, Game, TurnView
from newcourse.engine.model import Effects, Option, Outcome
from newcourse.engine.rules import scope_of

GAMES = 200  # random games walked for the front-page checks


def highest_option_game(campaign: Campaign, seed: int) -> Iterator[tuple[str, Game]]:
    """Play always taking the highest-numbered available option; yields each choice and after."""
    game = Game.start(campaign, seed)
    while not game.over:
        view = game.view()
        option = [o for o in view.options if o.available][-1]
        game = game.choose(option.id)
        yield f"{view.event.id if view.event else ''}.{option.id}", game


def random_views(campaign: Campaign, games: int) -> Iterator[tuple[Game, TurnView]]:
    """Every position, and its view, of a number of games played by random choices."""
    for seed in range(games):
        pick = random.Random(seed)
        game = Game.start(campaign, seed)
        while not game.over:
            view = game.view()
            yield game, view
            game = game.choose(pick.choice([o for o in view.options if o.available]).id)


# ------------------------------------------------------------ capitulation


def test_signing_the_recantation_ends_in_capitulation(real: Campaign) -> None:
    choices = list(highest_option_game(real, 4))
    recanted = [
        n for n, (choice, _) in enumerate(choices) if choice == "the_wavering.recant_together"
    ]
    assert recanted, "seed 4 no longer reaches the recantation; pick another seed"
    after = choices[recanted[0]][1]
    assert after.over, "the season's work is still offered after the leaders have recanted"
    ending = after.view().ending
    assert ending is not None and ending.id == "capitulation"


def test_a_recantation_ends_the_game_whatever_came_before(real: Campaign) -> None:
    seen = 0
    for game, view in random_views(real, GAMES):
        if view.event is None or view.event.id != "the_wavering":
            continue
        if not any(o.id == "recant_together" and o.available for o in view.options):
            continue  # offered only while the group is inside the party
        seen += 1
        after = game.choose("recant_together")
        assert after.over and after.state.ending in {"capitulation", "red_bonaparte"}
    assert seen > 0


def success_share(option: Option, values: dict[str, int], campaign: Campaign) -> float:
    game = Game.start(campaign, 0)
    scope = scope_of(campaign, game.state)
    scope.values.update(values)
    weights = [max(0.0, float(o.weight.value(scope))) for o in option.outcomes]
    return weights[0] / sum(weights)


@pytest.mark.parametrize("option_id", ["factories", "documents"])
def test_the_seasons_work_fares_worse_as_the_opposition_collapses(
    option_id: str, real: Campaign
) -> None:
    option = real.events["opposition_work"].option(option_id)
    assert option is not None
    strong = success_share(option, {"opposition": 30, "repression": 45}, real)
    weak = success_share(option, {"opposition": 5, "repression": 45}, real)
    collapsed = success_share(option, {"opposition": 0, "repression": 45}, real)
    assert strong > weak > collapsed
    assert collapsed < 0.5, f"{option_id} still succeeds {collapsed:.0%} with no Opposition left"


# ------------------------------------------------------------ outcomes


def against_you(outcome: Outcome) -> bool:
    """An outcome whose odds grow with the majority's machine: the Opposition's setback."""
    return re.search(r"\b(apparatus|repression)\b", outcome.weight.text) is not None


def democracy_after(campaign: Campaign, *effects: Effects | None) -> int:
    scope = scope_of(campaign, Game.start(campaign, 0).state)
    scope.values["democracy"] = 50  # room to move both ways
    for statements in effects:
        if statements is not None:
            statements.apply(scope)
    return scope.values["democracy"] - 50


def setbacks(campaign: Campaign) -> Iterator[tuple[str, Option, Outcome]]:
    for event in campaign.events.values():
        for option in event.options:
            drawn = [o for o in option.outcomes if against_you(o)]
            failed = [option.vote.failed] if option.vote is not None else []
            for outcome in drawn + failed:
                yield f"{event.id}.{option.id}.{outcome.id}", option, outcome


def test_no_setback_raises_party_democracy(real: Campaign) -> None:
    found = list(setbacks(real))
    assert any(name == "new_course.call_for_elections.cells_purged" for name, _, _ in found)
    raised = {
        name: change
        for name, option, outcome in found
        if (change := democracy_after(real, option.effects, outcome.effects)) > 0
    }
    assert not raised, f"setbacks that raise Party democracy: {raised}"


# ------------------------------------------------------------ text


def test_on_party_building_offers_what_to_do_with_a_resolution_already_passed(
    real: Campaign,
) -> None:
    event = real.events["new_course"]
    assert "with Trotsky's vote" in event.text
    for option in event.options:
        assert not re.search(r"\b(sign|vote for|refuse)\b", option.text, re.IGNORECASE), option.text


CONTRADICTIONS = [
    (r"wages are paid on time", r"wages are three months behind"),
    (r"wages are paid on time", r"Wages late"),
    (r"no conference was asked", r"answering to the members"),
]


def test_the_front_page_agrees_with_the_season(real: Campaign) -> None:
    for _, view in random_views(real, GAMES):
        page = [item.text for item in view.news]
        page += [view.event.text] if view.event is not None else []
        text = "\n".join(page)
        for one, other in CONTRADICTIONS:
            both = re.search(one, text) and re.search(other, text)
            assert not both, f"{view.date}: the page says both {one!r} and {other!r}"
