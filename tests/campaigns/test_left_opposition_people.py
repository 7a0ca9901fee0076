"""The first year's people and tracks: who held what in October 1923, how posts change
hands, how the Control Commission's dossier turns open work into a lower standing, and
events that name an officeholder naming whoever holds the post."""

from __future__ import annotations

from newcourse.engine import Campaign, Game


def historical_game(campaign: Campaign, seed: int, until_turn: int) -> Game:
    """A game played as history went (else the first available option) to ``until_turn``."""
    game = Game.start(campaign, seed)
    while not game.over and game.state.turn < until_turn:
        view = game.view()
        assert view.event is not None
        event = campaign.events[view.event.id]
        available = [o.id for o in view.options if o.available]
        historical = [o.id for o in event.options if o.historical and o.id in available]
        game = game.choose((historical or available)[0])
    return game


def test_the_posts_of_october_1923(real: Campaign) -> None:
    start = real.roster.start()
    assert len(start) >= 15
    assert {"general_secretary", "politburo"} <= start["stalin"].posts
    assert {"war_commissar", "military_council"} <= start["trotsky"].posts
    assert "control_commission" in start["kuibyshev"].posts
    assert "army_political" in start["antonov_ovseenko"].posts
    assert "london" in start["rakovsky"].posts
    assert "finance" in start["sokolnikov"].posts
    assert {"comintern", "petrograd_soviet"} <= start["zinoviev"].posts
    assert "moscow_soviet" in start["kamenev"].posts
    camps = {key: person.camp for key, person in start.items()}
    assert camps["krupskaya"] == camps["sokolnikov"] == "between"
    assert camps["preobrazhensky"] == camps["rakovsky"] == "opposition"
    assert camps["rykov"] == camps["tomsky"] == camps["bukharin"] == "majority"


def test_bubnov_takes_the_political_directorate_and_rykov_the_government(
    real: Campaign,
) -> None:
    winter = historical_game(real, seed=1, until_turn=1)
    assert "army_political" in winter.state.people["bubnov"].posts
    assert "army_political" not in winter.state.people["antonov_ovseenko"].posts
    assert "government" not in winter.state.people["rykov"].posts
    spring = historical_game(real, seed=1, until_turn=2)
    assert "government" in spring.state.people["rykov"].posts
    assert "economic_council" in spring.state.people["dzerzhinsky"].posts


def at_the_letter(campaign: Campaign) -> Game:
    """A new game at Trotsky's letter, the commission of four sent to Germany as in history."""
    start = Game.start(campaign, seed=1)
    assert start.view().event is not None and start.view().event.id == "german_four"
    at_letter = start.choose("the_four")
    assert at_letter.view().event is not None and at_letter.view().event.id == "trotsky_letter"
    return at_letter


def test_open_work_feeds_the_dossier_and_discipline_does_not(real: Campaign) -> None:
    start = at_the_letter(real)
    assert start.choose("circulate").state.values["dossier"] >= 2
    assert start.choose("keep_secret").state.values["dossier"] == 0
    assert start.choose("soften").state.values["dossier"] == 0


def test_a_full_dossier_censures_and_empties_to_a_third(real: Campaign) -> None:
    game = at_the_letter(real)
    state = game.state._replace(values={**game.state.values, "dossier": 5})
    game = Game(real, game.seed, (state,), ())
    after = game.choose("circulate")
    assert after.state.values["standing"] == 1
    assert after.state.values["dossier"] == 2
    assert any("censured" in line for line in after.view().announced)


def test_the_wavering_names_whoever_chairs_the_control_commission(real: Campaign) -> None:
    game = Game.start(real, seed=1)
    people = dict(game.state.people)
    people["kuibyshev"] = people["kuibyshev"]._replace(posts=frozenset())
    people["molotov"] = people["molotov"]._replace(
        posts=people["molotov"].posts | {"control_commission"}
    )
    state = game.state._replace(queue=("the_wavering",), people=people)
    view = Game(real, game.seed, (state,), ()).view()
    assert view.event is not None and "Vyacheslav Molotov's Control Commission" in view.event.text
