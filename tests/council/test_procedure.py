"""A council on the real campaign: seats, debate, votes, ties, quorum, deadlines."""

from __future__ import annotations

import pytest

from newcourse.council import Council, CouncilRefusal, minutes_markdown, rule_lines
from newcourse.engine import Campaign

from .helpers import START, council_of


def refused(code: str, action: object, *args: object) -> CouncilRefusal:
    with pytest.raises(CouncilRefusal) as caught:
        action(*args)  # type: ignore[operator]
    assert caught.value.code == code
    assert caught.value.message.endswith(".")
    return caught.value


def test_the_creator_chairs_and_delegates_and_observers_join(real: Campaign) -> None:
    council = council_of(real, "Boris", "Clara")
    assert council.state.chair == "m1"
    assert [m.name for m in council.state.delegates] == ["Ana", "Boris", "Clara"]
    watcher = council.join("Dora", START + 5, observer=True)
    assert len(council.state.delegates) == 3
    refused("bad_name", council.join, "boris", START + 6)
    blank = refused("bad_name", council.join, "  ", START + 6)
    assert blank.message == "The display name is empty: write it first."
    refused("observer", council.vote, watcher, 1, START + 7)
    refused("not_a_member", council.vote, "m99", 1, START + 7)
    motion = council.state.motion
    assert motion is not None and motion.event == "german_four" and motion.phase == "vote"


def test_debate_votes_that_change_and_a_majority(real: Campaign) -> None:
    council = council_of(real, "Boris", "Clara")
    council.post("m2", 2, "for", "Trotsky must go: the Germans asked for him.", START + 10)
    council.post("m3", "send_trotsky", "against", "Moscow is where the fight is.", START + 11)
    refused("bad_text", council.post, "m2", 1, "maybe", "Hmm.", START + 12)
    refused("bad_text", council.post, "m2", 1, "for", "x" * 601, START + 12)
    blank = refused("bad_text", council.post, "m2", 1, "for", " \n ", START + 12)
    assert blank.message == "The argument is empty: write it first."
    refused("no_such_option", council.vote, "m2", 9, START + 12)
    council.vote("m2", 2, START + 13)
    council.vote("m2", 1, START + 14)  # changed
    refused("already_done", council.vote, "m2", 1, START + 15)
    council.vote("m1", 2, START + 16)
    assert council.state.motion is not None and council.state.motion.number == 1
    council.vote("m3", 2, START + 17)  # all have voted: it closes
    first = council.state.motions[0]
    assert first.decided == "send_trotsky" and first.how == "majority"
    assert first.rounds[0].votes == (
        ("m1", "send_trotsky"),
        ("m2", "the_four"),
        ("m3", "send_trotsky"),
    )
    assert council.game.decisions[0].option == "send_trotsky"
    assert council.state.motion is not None and council.state.motion.number == 2
    minutes = minutes_markdown(council.state)
    assert "- Boris: Accept the commission of four" in minutes
    assert "Moscow is where the fight is." in minutes


def test_a_tie_goes_to_the_chairs_casting_vote(real: Campaign) -> None:
    council = council_of(real, "Boris", "Clara", "Dmitri")
    for member, option in (("m1", 1), ("m2", 1), ("m3", 2), ("m4", 2)):
        council.vote(member, option, START + 10)
    motion = council.state.motions[0]
    assert motion.phase == "casting" and motion.casting == ("the_four", "send_trotsky")
    refused("not_chair", council.cast, "m2", 1, START + 11)
    refused("no_such_option", council.cast, "m1", 3, START + 11)
    council.cast("m1", 2, START + 12)
    assert motion.decided == "send_trotsky" and motion.how == "casting"


def test_a_tie_can_be_voted_again_among_the_tied(real: Campaign) -> None:
    council = council_of(real, "Boris", tie="revote")
    council.vote("m1", 1, START + 10)
    council.vote("m2", 3, START + 11)
    motion = council.state.motions[0]
    assert motion.phase == "vote" and motion.options == ("the_four", "pyatakov_now")
    refused("no_such_option", council.vote, "m1", 2, START + 12)
    council.vote("m1", 3, START + 13)
    council.vote("m2", 3, START + 14)
    assert motion.decided == "pyatakov_now" and len(motion.rounds) == 2


def test_without_a_quorum_the_vote_is_held_again_or_the_chair_decides(real: Campaign) -> None:
    council = council_of(real, "Boris", "Clara", "Dmitri")
    council.vote("m2", 1, START + 10)
    council.close("m1", START + 11)  # one of four voted: no quorum
    motion = council.state.motions[0]
    assert motion.phase == "vote" and not motion.votes and motion.rounds[0].reason == "chair"
    strict = council_of(real, "Boris", "Clara", "Dmitri", quorum_fails="chair")
    strict.vote("m2", 1, START + 10)
    strict.close("m1", START + 11)
    motion = strict.state.motions[0]
    assert motion.phase == "casting" and motion.casting_reason == "quorum"
    strict.cast("m1", 4, START + 12)
    assert motion.decided == "leave_to_comintern"


def test_a_deadline_closes_the_vote_and_a_debate_opens_it(real: Campaign) -> None:
    council = council_of(real, "Boris", "Clara", deadline=3600, debate=600)
    motion = council.state.motions[0]
    assert motion.phase == "debate"
    refused("wrong_phase", council.vote, "m2", 1, START + 10)
    refused("not_chair", council.call_vote, "m2", START + 10)
    council.tick(START + 599)
    assert motion.phase == "debate"
    council.tick(START + 600)
    assert motion.phase == "vote" and council.deadline() == START + 4200
    council.vote("m2", 1, START + 700)
    council.vote("m3", 1, START + 800)
    council.tick(START + 4199)
    assert motion.phase == "vote"
    council.tick(START + 4200)
    assert motion.decided == "the_four" and motion.rounds[0].reason == "deadline"


def test_the_rules_in_force_are_stated(real: Campaign) -> None:
    lines = rule_lines(council_of(real).rules())
    assert "Quorum: half of the delegates must vote." in lines
    assert "A decision is undone only by two thirds of the votes." in lines
    assert "Tendencies are forbidden." in lines
    assert any("ban on factions" in line for line in lines)


def test_a_council_of_one_person_and_bots_plays_to_an_ending(real: Campaign) -> None:
    council = Council.create(real, "c2", "BOTS01", 3, "Ana", START)
    for strategy in ("democrat", "cautious", "internationalist"):
        council.seat_bot("m1", strategy, START + 1)
    refused("no_such_strategy", council.seat_bot, "m1", "nobody", START + 1)
    at = START + 10
    while council.state.motion is not None:
        motion = council.state.motion
        if motion.phase == "consent" and "m1" not in motion.taken_back:
            council.take_back("m1", at)
        elif motion.phase == "consent":  # one delegate cannot take it back alone
            open_options = [o.id for o in council.game.view().options if o.available]
            council.settle("m1", open_options[0], at)
        elif motion.phase == "casting":
            council.cast("m1", motion.casting[0], at)
        else:
            council.play_bots(at)
            if council.state.motion is motion and motion.phase == "vote":
                council.close("m1", at)  # three of four voted: a quorum
        at += 1
    assert council.game.over
    assert council.game.view().ending is not None
    assert "## The ending:" in minutes_markdown(council.state)
