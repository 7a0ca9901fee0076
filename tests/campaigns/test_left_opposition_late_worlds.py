"""Acts IV and V follow the world the earlier acts made: the Sixth World Congress is the
Opposition's own where it leads the party, an appeal for readmission is sent only by the
expelled, 'Dizzy with Success' is Stalin's only where he holds the Secretariat, a won
16th Congress is not told as the historical path, and the Thermidor world speaks of
exiles only where there were any."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import pytest

from newcourse.engine import Campaign, Game

from .test_left_opposition_worlds import event_text, last_result, played

NEVER_EXPELLED = {"expelled", "alma_ata"}


def reshaped(
    game: Game,
    *,
    add: Collection[str] = (),
    remove: Collection[str] = (),
    values: Mapping[str, int] | None = None,
    secretary_removed: bool = False,
) -> Game:
    """The game as it stands, in another world: flags added or removed, values set, and
    Stalin, if asked, without the post of General Secretary."""
    state = game.state
    people = dict(state.people)
    if secretary_removed:
        stalin = people["stalin"]
        people["stalin"] = stalin._replace(posts=stalin.posts - {"general_secretary"})
    state = state._replace(
        flags=(state.flags | frozenset(add)) - frozenset(remove),
        values={**state.values, **(values or {})},
        people=people,
    )
    return Game(game.campaign, game.seed, (state,), ())


def played_on(game: Game, until: str | None = None) -> Game:
    """The game played on as history went (else the first available option) to the event
    ``until``, or to its end."""
    while not game.over:
        view = game.view()
        assert view.event is not None
        if view.event.id == until:
            return game
        event = game.campaign.events[view.event.id]
        available = [o.id for o in view.options if o.available]
        historical = [o.id for o in event.options if o.historical and o.id in available]
        game = game.choose((historical or available)[0])
    assert until is None, f"the game never reached {until!r}"
    return game


def option_texts(game: Game) -> str:
    """The texts of the options the game offers now, one a line."""
    return "\n".join(o.text for o in game.view().options)


# ------------------------------------------------------------ the Sixth World Congress


def test_the_exiled_opposition_sends_the_congress_an_appeal_for_readmission(
    real: Campaign,
) -> None:
    game = played(real, "sixth_world_congress")
    assert "expelled" in game.state.flags
    assert "appeal for" in event_text(game) and "readmission" in event_text(game)
    assert "Stalin's names" in event_text(game)
    assert "the appeal for readmission" in option_texts(game)


def test_an_opposition_never_expelled_asks_to_be_heard_instead(real: Campaign) -> None:
    game = reshaped(
        played(real, "sixth_world_congress"), remove=NEVER_EXPELLED, values={"standing": 2}
    )
    assert "readmission" not in event_text(game) + option_texts(game)
    assert "request that the Opposition be heard" in event_text(game)
    assert "readmission" not in last_result(game.choose("silence_for_readmission"))


def test_the_draft_is_bukharins_alone_where_stalin_was_removed(real: Campaign) -> None:
    game = reshaped(played(real, "sixth_world_congress"), add={"stalin_removed"})
    assert "Stalin" not in event_text(game)


@pytest.mark.parametrize("leading", ["opposition_in_leadership", "fifteenth_congress_won"])
def test_where_the_opposition_leads_the_party_the_russian_delegation_is_its_own(
    real: Campaign, leading: str
) -> None:
    game = played(
        real, "sixth_congress_in_power", flags_after={"the_waverers": frozenset({leading})}
    )
    assert "has left history" in event_text(game)
    assert "readmission" not in event_text(game) + option_texts(game)
    assert "third_period" in game.choose("keep_the_forecast").state.flags
    assert "third_period" not in game.choose("germans_decide").state.flags


# ------------------------------------------------------------ the front page of March 1930


def dizzy_headline(game: Game) -> str:
    """The headline of 2 March 1930, as it came due with the event of that day."""
    view = game.view()
    assert view.event is not None and view.event.id == "dizzy_with_success"
    found = [item.text for item in view.bulletins if "Dizzy with Success" in item.text]
    assert len(found) == 1
    return found[0]


def test_dizzy_with_success_is_stalins_only_where_he_holds_the_secretariat(
    real: Campaign,
) -> None:
    assert "Stalin's" in dizzy_headline(played(real, "dizzy_with_success"))
    elsewhere = reshaped(played(real, "great_break"), secretary_removed=True)
    headline = dizzy_headline(played_on(elsewhere, "dizzy_with_success"))
    assert "Stalin" not in headline and "the Secretariat's" in headline


# ------------------------------------------------------------ the endings


def test_a_won_16th_congress_is_not_the_historical_path(real: Campaign) -> None:
    history = played_on(Game.start(real, seed=1))
    assert history.state.ending == "historical_path"
    won = reshaped(
        played(real, "sixteenth_congress").choose("silence"), add={"sixteenth_congress_won"}
    )
    ending = played_on(won).view().ending
    assert ending is not None and ending.id in {"underground_party", "the_isolators"}
    assert "16th Congress" in ending.text


# ------------------------------------------------------------ the Thermidor world

RIGHT_BLOC = {"bukharin_kamenev": "bloc_with_right", "november_plenum_right_bloc": "go_through"}


def thermidor(campaign: Campaign, until: str) -> Game:
    """A game that made the bloc with the Right and won the Thermidor world with it."""
    return played(
        campaign,
        until,
        prefer=RIGHT_BLOC,
        flags_after={"november_plenum_right_bloc": frozenset({"right_won"})},
    )


def test_the_plenum_of_the_right_readmits_the_expelled_only_where_there_were_any(
    real: Campaign,
) -> None:
    exiled = thermidor(real, "november_plenum_right_bloc")
    assert "readmitted" in event_text(exiled)
    never = reshaped(exiled, remove=NEVER_EXPELLED, values={"standing": 1})
    assert "readmi" not in event_text(never) and "expelled" not in event_text(never)
    assert "postings" in event_text(never)


def test_the_conference_under_the_right_speaks_of_exiles_only_where_there_were_any(
    real: Campaign,
) -> None:
    exiled = thermidor(real, "thermidor_conference")
    assert "alma_ata" in exiled.state.flags
    never = reshaped(exiled, remove=NEVER_EXPELLED, values={"standing": 1})
    assert "exile" not in event_text(never) and "colonies" not in event_text(never)
    assert "You lose the vote" in last_result(never.choose("fight_for_industry"))
    assert "exiles" not in last_result(never.choose("bloc_with_the_centre"))
    outside = reshaped(exiled, values={"standing": 3})
    assert "not in the hall" in event_text(outside)
    assert "votes without you" in last_result(outside.choose("fight_for_industry"))
