"""The congress cycle, played on a small campaign made for it (tests/campaigns/congress).

Its congress is in spring 1924; the elections open two seasons before, so the
cell meetings and the district conferences are held at the close of autumn
1923 and the provincial conferences at the close of winter. The apparatus (60)
against democracy (20) packs out 40% of the Opposition's delegates at each stage.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newcourse.content import load_campaign
from newcourse.engine import Campaign, Game, rules
from newcourse.engine.congress import HOSTILE
from newcourse.engine.state import Tally
from newcourse.engine.votes import BlocVotes, Lobbied

CONGRESS = Path(__file__).resolve().parent.parent / "campaigns" / "congress"


@pytest.fixture(scope="module")
def cycle() -> Campaign:
    return load_campaign(CONGRESS)


def at_congress(campaign: Campaign, cells: str = "wait", resolution: str = "accept") -> Game:
    return Game.start(campaign, seed=1).choose(cells).choose(resolution)


def stages(game: Game) -> list[tuple[str, int | None]]:
    return [(line.stage, line.percent) for line in game.view().elections]


def test_the_view_shows_the_elections_from_their_opening(cycle: Campaign) -> None:
    game = Game.start(cycle, seed=1)
    assert [line.body for line in game.view().elections] == ["The Thirteenth Congress"] * 3
    assert stages(game) == [
        ("Cell meetings", None),
        ("District conferences", None),
        ("Provincial conferences", None),
    ]


def test_each_stage_packs_out_part_of_the_minority(cycle: Campaign) -> None:
    # support in the cells: (3 * 30 + 2 * 20 + 5 * 10) / 10 = 18%; each stage keeps 60%
    game = Game.start(cycle, seed=1).choose("wait")
    assert stages(game) == [
        ("Cell meetings", 11),
        ("District conferences", 6),
        ("Provincial conferences", None),
    ]
    assert stages(game.choose("accept")) == [
        ("Cell meetings", 11),
        ("District conferences", 6),
        ("Provincial conferences", 4),
    ]


def test_work_in_the_cells_before_they_meet_carries_up_every_stage(cycle: Campaign) -> None:
    # Moscow at 70: (3 * 70 + 2 * 20 + 5 * 10) / 10 = 30% in the cells
    assert [p for _, p in stages(at_congress(cycle, cells="organise"))] == [18, 11, 6]


def test_democracy_stops_the_packing_at_the_stages_still_to_come(cycle: Campaign) -> None:
    # democracy 60 against apparatus 60 by winter: the provincial conferences pack no one
    assert [p for _, p in stages(at_congress(cycle, resolution="press"))] == [11, 6, 6]


def test_the_elections_are_no_longer_shown_once_the_congress_has_voted(cycle: Campaign) -> None:
    assert stages(at_congress(cycle).choose("silent")) == []


def test_the_tally_explains_itself(cycle: Campaign) -> None:
    industry = at_congress(cycle).view().options[0]
    tally = industry.vote
    assert tally is not None and tally.breakdown is not None
    why = tally.breakdown
    assert why.explained and why.elected
    # the Opposition's 3.9% elected; the others share the rest as their factions stand
    assert [(b.name, b.position, b.delegates) for b in why.blocs] == [
        ("left", "for", 4),
        ("centre", "against", 53),
        ("right", "split", 21),
        ("uncommitted", "uncommitted", 21),
    ]
    assert why.packed == 14  # 18% in the cells, 3.9% at the congress
    assert why.free == 43
    # the goods famine (50) against the grain crisis (10): 50 / 2 - 10 = 15 points
    assert why.argument == "Industrialisation" and why.fit == 15
    assert why.swing == pytest.approx(0.65)
    assert (tally.yes, tally.no) == (32, 68)
    assert why.minority_at == 33 and not why.minority_reached


def test_the_argument_that_fits_the_moment_swings_more(cycle: Campaign) -> None:
    options = at_congress(cycle).view().options
    industry, market = options[0].vote, options[1].vote
    assert industry is not None and market is not None
    assert market.breakdown is not None and market.breakdown.fit == -15
    assert market.yes == 19 < industry.yes


def test_what_is_shown_is_what_is_decided(cycle: Campaign) -> None:
    game = at_congress(cycle, cells="organise")
    shown = game.view().options[0].vote
    decided = game.choose("industry").state.last
    assert decided is not None and decided.tally == shown


def test_a_minority_of_a_third_forces_the_platform_into_print(cycle: Campaign) -> None:
    game = at_congress(cycle, cells="organise")
    tally = game.view().options[0].vote
    assert tally is not None and tally.breakdown is not None
    assert (tally.yes, tally.no) == (33, 67)
    assert tally.breakdown.minority_reached
    after = game.choose("industry")
    assert "published" in after.state.flags
    assert after.state.last is not None
    assert "forces the platform into print" in after.state.last.result


def test_a_minority_short_of_its_threshold_wins_nothing(cycle: Campaign) -> None:
    after = at_congress(cycle).choose("industry")
    assert "published" not in after.state.flags
    assert after.state.last is not None and after.state.last.result == "Defeated."


def test_the_same_decisions_hold_the_same_elections(cycle: Campaign) -> None:
    first = at_congress(cycle, cells="organise", resolution="press")
    again = Game.replay(cycle, 1, first.decisions)
    assert again.state.elections == first.state.elections


def test_a_vote_without_the_congress_cycle_counts_as_before(mini: Campaign) -> None:
    conference = Game.start(mini, seed=1).choose("keep_secret").view().options[0].vote
    assert conference is not None and conference.breakdown is not None
    assert not conference.breakdown.explained
    assert not conference.breakdown.elected
    assert mini.congress is None and Game.start(mini, seed=1).state.elections == {}


# ------------------------------------------------ lobbying (tests/campaigns/lobbying)
# The Opposition 10, the Centre 40 (split), Leningrad 30 (against), the uncommitted 20;
# a swing of 0.3; Zinoviev leads Leningrad, Bukharin the Centre, both at trust 0.

LOBBYING = CONGRESS.parent / "lobbying"


@pytest.fixture(scope="module")
def lobbying() -> Campaign:
    return load_campaign(LOBBYING)


def motion(campaign: Campaign, before: str) -> Tally:
    tally = Game.start(campaign, seed=1).choose(before).view().options[0].vote
    assert tally is not None and tally.breakdown is not None
    return tally


def test_leaders_of_no_strong_mind_move_nothing(lobbying: Campaign) -> None:
    tally = motion(lobbying, "wait")
    assert tally.breakdown is not None and tally.breakdown.lobbied == ()
    # 10 for, 30 against, 60 free of whom 30% vote for: 28
    assert (tally.yes, tally.no) == (28, 72)


def test_a_leader_won_over_brings_their_bloc_a_step_towards_the_opposition(
    lobbying: Campaign,
) -> None:
    tally = motion(lobbying, "lobby_zinoviev")
    why = tally.breakdown
    assert why is not None and why.explained
    assert why.lobbied == (Lobbied("Zinoviev", "Leningrad", "against", "split", 2),)
    assert ("leningrad", "split") in [(b.name, b.position) for b in why.blocs]
    # Leningrad's 30 join the free delegates: 10 + 90 * 0.3 = 37, a minority above a third
    assert (tally.yes, tally.no) == (37, 63)
    assert why.minority_reached
    after = Game.start(lobbying, seed=1).choose("lobby_zinoviev").choose("motion")
    assert "published" in after.state.flags


def test_a_split_bloc_whose_leader_is_won_over_votes_for(lobbying: Campaign) -> None:
    tally = motion(lobbying, "lobby_bukharin")
    assert tally.breakdown is not None
    assert tally.breakdown.lobbied == (Lobbied("Bukharin", "The Centre", "split", "for", 2),)
    assert tally.passed and (tally.yes, tally.no) == (56, 44)


def test_a_hostile_leader_holds_their_bloc_against(lobbying: Campaign) -> None:
    game = Game.start(lobbying, seed=1)
    scope = rules.scope_of(lobbying, game.state)
    scope.people["bukharin"] = scope.people["bukharin"]._replace(trust=HOSTILE)
    vote = lobbying.events["congress"].options[0].vote
    assert vote is not None
    tally = rules.vote_tally(lobbying, vote, scope)
    assert tally.breakdown is not None
    assert tally.breakdown.lobbied == (Lobbied("Bukharin", "The Centre", "split", "against", -2),)
    assert (tally.yes, tally.no) == (16, 84)  # 10 + 20 * 0.3: only the uncommitted swing
    # Zinoviev denounced is hostile too, but Leningrad is against already: no step
    denounced = motion(lobbying, "denounce_zinoviev").breakdown
    assert denounced is not None and denounced.lobbied == ()


def test_a_leader_who_is_no_longer_active_leads_no_one(lobbying: Campaign) -> None:
    game = Game.start(lobbying, seed=1).choose("lobby_zinoviev")
    scope = rules.scope_of(lobbying, game.state)
    scope.people["zinoviev"] = scope.people["zinoviev"]._replace(status="expelled")
    vote = lobbying.events["congress"].options[0].vote
    assert vote is not None
    tally = rules.vote_tally(lobbying, vote, scope)
    assert tally.breakdown is not None and tally.breakdown.lobbied == ()
    assert tally.yes == 28


def test_a_campaign_without_leaders_counts_as_before(cycle: Campaign) -> None:
    assert cycle.congress is not None and cycle.congress.leaders == {}
    tally = at_congress(cycle).view().options[0].vote
    assert tally is not None and tally.breakdown is not None
    assert tally.breakdown.lobbied == ()
    assert (tally.yes, tally.no) == (32, 68)


def shared_leadership(campaign: Campaign) -> Campaign:
    """The lobbying campaign with Leningrad led by Zinoviev and Bukharin together."""
    assert campaign.congress is not None
    leaders = {"zinoviev": "leningrad", "bukharin": "leningrad"}
    return replace(campaign, congress=replace(campaign.congress, leaders=leaders))


def test_the_tally_names_who_led_each_bloc(lobbying: Campaign) -> None:
    why = motion(lobbying, "wait").breakdown
    assert why is not None
    assert [(b.name, b.leader) for b in why.blocs] == [
        ("left", ""),
        ("centre", "Bukharin"),
        ("leningrad", "Zinoviev"),
        ("uncommitted", ""),
    ]


def test_several_leaders_share_their_faction_and_each_part_moves_with_its_leader(
    lobbying: Campaign,
) -> None:
    shared = shared_leadership(lobbying)
    tally = motion(shared, "lobby_zinoviev")
    why = tally.breakdown
    assert why is not None
    # Zinoviev won over brings his half of Leningrad to split; Bukharin's half stays against
    assert [b for b in why.blocs if b.name == "leningrad"] == [
        BlocVotes("leningrad", "Leningrad", "split", 15, "Zinoviev"),
        BlocVotes("leningrad", "Leningrad", "against", 15, "Bukharin"),
    ]
    assert why.lobbied == (Lobbied("Zinoviev", "Leningrad", "against", "split", 2),)
    # 10 for, 15 against, 75 free of whom 30% vote for: 32.5, so 32 (a whole delegate)
    assert (tally.yes, tally.no) == (32, 68)
    assert motion(shared, "wait").yes == 28  # neither leader moved: as one leader


def test_a_leader_who_leads_no_longer_leaves_the_faction_to_the_others(
    lobbying: Campaign,
) -> None:
    shared = shared_leadership(lobbying)
    game = Game.start(shared, seed=1).choose("lobby_zinoviev")
    scope = rules.scope_of(shared, game.state)
    scope.people["bukharin"] = scope.people["bukharin"]._replace(status="removed")
    vote = shared.events["congress"].options[0].vote
    assert vote is not None
    tally = rules.vote_tally(shared, vote, scope)
    assert tally.breakdown is not None
    assert [(b.leader, b.position, b.delegates) for b in tally.breakdown.blocs][2] == (
        "Zinoviev",
        "split",
        30,
    )
    assert tally.yes == 37
