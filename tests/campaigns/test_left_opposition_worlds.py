"""Act II's set pieces follow the world the earlier acts made: the July plenum and the
15th Conference punish Zinoviev only where he broke with the Secretariat, the October
plenum takes from Kamenev only the seat he holds, and the Chinese texts and options say
what ``china_independent`` means."""

from __future__ import annotations

from collections.abc import Mapping

from newcourse.engine import Campaign, Game


def played(
    campaign: Campaign,
    until: str,
    *,
    flags_after: Mapping[str, frozenset[str]] | None = None,
    prefer: Mapping[str, str] | None = None,
) -> Game:
    """A game played as history went to the event ``until``: an event named in ``prefer``
    takes that option, the others the historical one (else the first available); the flags
    named in ``flags_after`` are set once the event they are keyed by is decided."""
    flags_after = flags_after or {}
    prefer = prefer or {}
    game = Game.start(campaign, seed=1)
    while not game.over:
        view = game.view()
        assert view.event is not None
        if view.event.id == until:
            return game
        event = campaign.events[view.event.id]
        available = [o.id for o in view.options if o.available]
        historical = [o.id for o in event.options if o.historical and o.id in available]
        wanted = [prefer[event.id]] if prefer.get(event.id) in available else []
        game = game.choose((wanted or historical or available)[0])
        if event.id in flags_after:
            state = game.state._replace(flags=game.state.flags | flags_after[event.id])
            game = Game(game.campaign, game.seed, (state,), ())
    raise AssertionError(f"the game never reached {until!r}")


def event_text(game: Game) -> str:
    """The text of the event the game is waiting on, its lines joined."""
    event = game.view().event
    assert event is not None
    return " ".join(event.text.split())


def last_result(game: Game) -> str:
    """The result of the game's last decision, its lines joined."""
    last = game.state.last
    assert last is not None
    return " ".join(last.result.split())


def unbroken(campaign: Campaign, until: str) -> Game:
    """A world where the 13th Congress refused to condemn the Opposition (no bloc with
    Zinoviev, Stalin kept): the 14th Congress is a contest the Opposition stays out of, and
    there is no Leningrad break."""
    return played(
        campaign,
        until,
        flags_after={"may_thirtieth": frozenset({"congress_won"})},
        prefer={"fourteenth_congress_contested": "hands_free"},
    )


def test_history_meets_the_lashevich_affair_and_zinoviev_leaves_the_politburo(
    real: Campaign,
) -> None:
    game = played(real, "july_plenum")
    assert "leningrad_break" in game.state.flags
    after = game.choose("disown_lashevich")
    assert "politburo" not in after.state.people["zinoviev"].posts


def test_where_leningrad_stayed_loyal_the_july_plenum_warns_the_opposition_alone(
    real: Campaign,
) -> None:
    game = unbroken(real, "july_plenum_unbroken")
    assert not {"leningrad_break", "bloc_with_zinoviev"} & game.state.flags
    assert "Lashevich" not in event_text(game)
    for option in ("assurance", "declaration"):
        after = game.choose(option)
        assert "politburo" in after.state.people["zinoviev"].posts
        assert "Zinoviev" not in last_result(after)


def test_the_october_plenum_names_kamenevs_candidate_seat_only_where_he_held_one(
    real: Campaign,
) -> None:
    history = played(real, "politburo_removal")
    assert "politburo_candidate" in history.state.people["kamenev"].posts
    text = event_text(history)
    assert "candidate's seat" in text and "lose the International" in text
    assert "politburo_candidate" not in history.choose("accept").state.people["kamenev"].posts

    loyal = unbroken(real, "politburo_removal")
    text = event_text(loyal)
    assert "candidate's seat" not in text and "International" not in text
    after = loyal.choose("accept")
    assert "politburo" in after.state.people["kamenev"].posts
    assert "politburo" not in after.state.people["trotsky"].posts


def test_zinoviev_loses_the_international_only_where_he_broke_with_the_secretariat(
    real: Campaign,
) -> None:
    history = played(real, "fifteenth_conference").choose("no_motion")
    assert "comintern" not in history.state.people["zinoviev"].posts
    assert "comintern" in history.state.people["bukharin"].posts

    loyal = unbroken(real, "fifteenth_conference_unbroken")
    for option in ("no_motion", "stay_silent", "motion"):
        after = loyal.choose(option)
        assert "comintern" in after.state.people["zinoviev"].posts
        assert "International" not in last_result(after)


def test_arming_the_canton_unions_says_the_communists_keep_their_own_party(
    real: Campaign,
) -> None:
    game = played(real, "whampoa_academy", prefer={"kmt_first_congress": "bloc_within"})
    (shown,) = [o for o in game.view().options if o.id == "arm_unions_too"]
    assert "out of the Kuomintang" in shown.text
    after = game.choose("arm_unions_too")
    assert "china_independent" in after.state.flags
    assert "outside the Kuomintang" in last_result(after)


def test_wuhan_names_no_communist_ministers_where_the_party_kept_out_of_the_kuomintang(
    real: Campaign,
) -> None:
    history = played(real, "wuhan_turns")
    assert "ministers of labour" in event_text(history)

    own_party = played(
        real,
        "wuhan_turns",
        prefer={"kmt_first_congress": "own_party", "shanghai_warned": "negotiate"},
    )
    assert "china_independent" in own_party.state.flags
    text = event_text(own_party)
    assert "ministers of labour" not in text and "expels the communists" not in text


def test_in_1926_the_opposition_kept_silent_on_china_in_public_and_argued_inside(
    real: Campaign,
) -> None:
    event = real.events["northern_expedition"]
    assert [o.id for o in event.options if o.historical] == ["just_watch"]
    game = played(real, "northern_expedition")
    silent = game.choose("just_watch")
    assert silent.state.last is not None and silent.state.last.as_history is True
    assert "in public" in last_result(silent) and "Radek" in last_result(silent)
    moscows_line = game.choose("hold_back")
    assert moscows_line.state.last is not None and moscows_line.state.last.as_history is False
    assert "*The story leaves history here" in last_result(moscows_line)
