"""An option says what it costs and, in the season's standing work, what it would do."""

from __future__ import annotations

from newcourse.engine import Game
from newcourse.engine.model import Campaign
from newcourse.engine.preview import Amount, option_preview
from newcourse.engine.rules import scope_of
from newcourse.engine.view import OptionView


def at_event(campaign: Campaign, event_id: str, seed: int = 3) -> Game:
    """A game of ``campaign`` at its first ``event_id``, every decision before it the
    first available option."""
    game = Game.start(campaign, seed)
    while game.state.current_event != event_id:
        assert not game.over, f"the game ended before {event_id}"
        game = game.choose(next(o.id for o in game.view().options if o.available))
    return game


def option(game: Game, option_id: str) -> OptionView:
    return next(o for o in game.view().options if o.id == option_id)


def test_a_set_piece_shows_what_an_option_spends_and_nothing_more(mini: Campaign) -> None:
    game = Game.start(mini, 3)
    publish, keep = option(game, "publish"), option(game, "keep_secret")
    # "cadres -= 2; dossier += 2; published = true": the cadres only
    assert publish.costs == (Amount("cadres", "Cadres", 2),)
    assert publish.effects == (), "a set piece's prose tells what it does"
    assert keep.costs == () and keep.effects == ()


def test_the_standing_work_shows_costs_and_what_its_effects_would_do(mini: Campaign) -> None:
    game = at_event(mini, "work")
    recruit, agitate = option(game, "recruit"), option(game, "agitate")
    assert recruit.costs == () and recruit.effects == (Amount("cadres", "Cadres", 1),)
    assert agitate.costs == (Amount("cadres", "Cadres", 1),)
    assert agitate.effects == (Amount("opposition", "Opposition support", 4),)


def test_an_option_not_yet_affordable_says_what_it_would_take(mini: Campaign) -> None:
    game = at_event(mini, "work")
    scope = scope_of(mini, game.state)
    scope.values["cadres"] = 0  # "cadres -= 1" would take nothing from nothing
    agitate = mini.events["work"].option("agitate")
    assert agitate is not None
    costs, effects = option_preview(mini, agitate, scope, recurring=True)
    assert costs == (Amount("cadres", "Cadres", 1),), "the cost as written, not what is left"
    assert effects == (Amount("opposition", "Opposition support", 4),)
    assert scope.values["cadres"] == 0, "the preview changes nothing"


def test_the_preview_is_what_the_choice_then_does(real: Campaign) -> None:
    game = at_event(real, "opposition_work")
    shown = {q.name for q in real.qualities.values() if q.shown}
    compared = 0
    for option_id in ("organise_delegates", "international", "rest_and_recruit"):
        seen = option(game, option_id)
        assert seen.available
        last = game.choose(option_id).state.last
        assert last is not None and last.event_id == "opposition_work"
        if last.fills:  # a filled clock acts after the effects: more than they did
            continue
        compared += 1
        did = {
            name: last.after[name] - last.before[name]
            for name in shown
            if last.after[name] != last.before[name]
        }
        said = {a.name: a.amount for a in seen.effects}
        said.update({c.name: -c.amount for c in seen.costs})
        assert said == did, option_id
    assert compared >= 2


def test_hidden_qualities_never_appear_in_a_preview(real: Campaign) -> None:
    hidden = {q.name for q in real.qualities.values() if not q.shown}
    game = Game.start(real, 5)
    previews = 0
    while not game.over:
        view = game.view()
        for seen in view.options:
            named = {a.name for a in (*seen.costs, *seen.effects)}
            assert not named & hidden, (view.event, seen.id)
            previews += bool(named)
        game = game.choose(next(o.id for o in view.options if o.available))
    assert previews, "some option showed what it costs or does"
