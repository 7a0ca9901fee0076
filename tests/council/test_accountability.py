"""Recall, minority reports brought back, the two-thirds undo, tendencies and the story."""

from __future__ import annotations

import pytest

from newcourse.council import CouncilRefusal, minutes_markdown, rules_in_force
from newcourse.engine import Campaign, Game
from newcourse.engine.procedure import ProcedureRules

from .helpers import START, council_of, drive_to


def test_a_majority_recalls_the_chair_and_elects_another(real: Campaign) -> None:
    council = council_of(real, "Boris", "Clara", "Dmitri")
    council.move_recall("m2", START + 10)
    ballot = council.state.ballot
    assert ballot is not None and ballot.question == "recall" and ballot.votes == {"m2": "yes"}
    with pytest.raises(CouncilRefusal) as caught:
        council.move_undo("m3", START + 11)
    assert caught.value.code == "cannot_undo"
    council.ballot("m1", "no", START + 11)
    council.ballot("m3", "yes", START + 12)
    assert council.state.chair == "m1"  # two of four is not a majority
    council.ballot("m4", "yes", START + 13)
    assert council.state.ballots[0].result == "carried" and council.state.chair is None
    with pytest.raises(CouncilRefusal) as caught:
        council.close("m1", START + 14)
    assert caught.value.code == "no_chair"
    council.ballot("m2", "m3", START + 15)
    council.ballot("m4", "m3", START + 16)
    council.ballot("m3", "m3", START + 17)  # three of four: elected
    assert council.state.chair == "m3"
    with pytest.raises(CouncilRefusal) as caught:
        council.close("m1", START + 18)
    assert caught.value.code == "not_chair"
    council.vote("m3", 1, START + 19)
    council.close("m3", START + 20)
    assert "- Recall of the chair (Ana), moved by Boris: carried" in minutes_markdown(council.state)


def test_a_minority_report_comes_back_when_history_bears_on_it(real: Campaign) -> None:
    council = council_of(real, "Boris", "Clara")
    at = drive_to(council, "lenins_death")
    council.vote("m1", "go_on_south", at)
    council.vote("m2", "go_on_south", at)
    council.vote("m3", "turn_back", at)
    decided = council.state.last_decided()
    assert decided is not None and decided.decided == "go_on_south"
    with pytest.raises(CouncilRefusal) as caught:
        council.report("m1", "We were right.", at + 1)
    assert caught.value.code == "not_minority"
    council.report("m3", "Whatever the wire says, the party will see who was absent.", at + 1)
    with pytest.raises(CouncilRefusal) as caught:
        council.report("m3", "Again.", at + 2)
    assert caught.value.code == "already_done"
    report = council.state.reports[0]
    assert report.option == "turn_back" and not report.returned
    drive_to(council, "testament", at + 3)
    assert [r.verdict for r in report.returned] == ["vindicated"]
    assert "remember who stood at his funeral" in report.returned[0].note
    minutes = minutes_markdown(council.state)
    assert "**Minority report** by Clara" in minutes
    assert "(Lenin's Testament" in minutes or ": vindicated." in minutes


def test_a_decision_is_undone_only_by_two_thirds(real: Campaign) -> None:
    council = council_of(real, "Boris", "Clara")
    for member in ("m1", "m2", "m3"):
        council.vote(member, "the_four", START + 10)  # no outcome is drawn: it can be undone
    assert len(council.game.decisions) == 1
    council.move_undo("m2", START + 11)
    council.ballot("m1", "no", START + 12)
    council.ballot("m3", "no", START + 13)
    assert council.state.ballots[0].result == "lost" and len(council.game.decisions) == 1
    council.move_undo("m2", START + 14)
    council.ballot("m3", "yes", START + 15)
    council.ballot("m1", "no", START + 16)  # two of three: two thirds
    assert council.state.ballots[1].result == "carried"
    assert council.game.decisions == ()
    assert [m.phase for m in council.state.motions] == ["undone", "withdrawn", "vote"]
    assert council.state.motion is not None and council.state.motion.event == "german_four"


def test_the_ban_on_factions_forbids_tendencies_and_democracy_restores_them(
    real: Campaign,
) -> None:
    council = council_of(real, "Boris")
    with pytest.raises(CouncilRefusal) as caught:
        council.form_tendency("m2", "Democratic Centralists", "Elect the secretaries.", START + 5)
    assert caught.value.code == "forbidden"
    assert "ban on factions of 1921" in caught.value.message
    game = council.game
    restored = game.state._replace(values={**game.state.values, "democracy": 55})
    freer = Game(game.campaign, game.seed, (restored,), (), game.generator)
    rules = rules_in_force(real, ProcedureRules(), freer)
    assert rules.tendencies and rules.joint_statements and not rules.reason("tendencies")
    open_council = council_of(real, "Boris", "Clara")
    assert open_council.rules().tendencies is False  # the story outranks no setting given
    settled = council_of(real, "Boris", tendencies=True)
    assert settled.rules().tendencies is False  # nor one given: the story has the last word


def test_tendencies_and_joint_statements_where_the_rules_allow(real: Campaign) -> None:
    from dataclasses import replace

    assert real.council is not None
    free = replace(real, council=replace(real.council, story=()))
    council = council_of(free, "Boris", "Clara")
    tendency = council.form_tendency(
        "m2", "Workers' Opposition", "The unions run industry.", START + 5
    )
    council.join_tendency("m3", tendency, START + 6)
    council.post("m3", 1, "against", "The commission answers to Zinoviev.", START + 7, joint=True)
    post = council.state.motions[0].posts[0]
    assert post.tendency == tendency
    with pytest.raises(CouncilRefusal) as caught:
        council.post("m1", 1, "for", "Alone.", START + 8, joint=True)
    assert caught.value.code == "no_such_tendency"
    assert "Workers' Opposition" in minutes_markdown(council.state)


def test_a_strong_apparatus_puts_the_seasons_work_on_the_consent_agenda(real: Campaign) -> None:
    council = council_of(real, "Boris", "Clara")
    at = drive_to(council, "opposition_work")
    motion = council.state.motion
    assert motion is not None and motion.number > 1
    if motion.phase != "consent":  # the first season's work comes before the apparatus is strong
        at = drive_to(council, "kmt_first_congress", at + 1)
        at = drive_to(council, "opposition_work", at + 1)
        motion = council.state.motion
        assert motion is not None
    assert motion.phase == "consent" and motion.minor
    assert council.rules().consent_agenda
    assert "secretary's seat settles" in " ".join(council.rules().reason("consent_agenda").split())
    with pytest.raises(CouncilRefusal) as caught:
        council.vote("m2", 1, at)
    assert caught.value.code == "wrong_phase"
    council.take_back("m2", at)  # one delegate suffices while the cells are not afraid
    assert motion.phase == "vote"
