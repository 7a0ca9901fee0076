"""The council is the fold of its records: same records, same council; minutes as data."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newcourse.council import (
    Council,
    CouncilRefusal,
    RecordError,
    fold,
    from_data,
    minutes_data,
    minutes_markdown,
    records_from_minutes,
    to_data,
)
from newcourse.engine import Campaign

from .helpers import START, council_of, drive_to


def played(real: Campaign) -> Council:
    council = council_of(real, "Boris", "Clara", deadline=7200)
    council.seat_bot("m1", "democrat", START + 5)
    council.post("m2", 1, "for", "Keep him in Moscow.", START + 6)
    at = drive_to(council, "trotsky_letter")
    council.vote("m3", 2, at)
    council.tick(at + 7200)
    council.move_recall("m2", at + 7201)
    return council


def test_the_same_records_make_the_same_council(real: Campaign) -> None:
    council = played(real)
    again = Council.from_records(real, council.records)
    assert minutes_markdown(again.state) == minutes_markdown(council.state)
    assert again.game.decisions == council.game.decisions
    assert again.state.game.state == council.state.game.state


def test_minutes_as_json_give_the_council_back(real: Campaign) -> None:
    council = played(real)
    text = json.dumps(minutes_data(council.state))
    records = records_from_minutes(json.loads(text))
    assert records == list(council.records)
    assert fold(real, records).game.decisions == council.game.decisions


@pytest.mark.parametrize(
    "data, message",
    [
        ({"kind": "voted", "at": 1, "by": "m1", "motion": 1}, "needs its 'option'"),
        ({"kind": "voted", "at": "1", "by": "m1", "motion": 1, "option": "x"}, "whole number"),
        ({"kind": "dance", "at": 1}, "no kind of record"),
        ({"kind": "voted", "at": 1, "by": "m1", "motion": 1, "option": "x", "x": 1}, "no field"),
        (["voted"], "a mapping with a kind"),
    ],
)
def test_malformed_records_are_refused(data: object, message: str) -> None:
    with pytest.raises(RecordError, match=message):
        from_data(data)


def test_records_round_trip_settings(real: Campaign) -> None:
    council = council_of(real, quorum=(2, 3), tie="revote", consent_agenda=True)
    created = council.records[0]
    assert from_data(json.loads(json.dumps(to_data(created)))) == created
    with pytest.raises(RecordError, match="share"):
        from_data({**to_data(created), "settings": {"quorum": [3, 2]}})


ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["vote", "close", "post", "tick", "recall", "ballot", "bots", "cast"]),
        st.sampled_from(["m1", "m2", "m3", "m4", "m9"]),
        st.integers(min_value=1, max_value=5),
        st.integers(min_value=0, max_value=5000),
    ),
    max_size=40,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actions=ACTIONS)
def test_any_sequence_of_commands_folds_to_the_same_council(
    real: Campaign, actions: list[tuple[str, str, int, int]]
) -> None:
    council = council_of(real, "Boris", "Clara", deadline=3600)
    council.seat_bot("m1", "cautious", START + 1)
    at = START + 10
    for action, who, number, step in actions:
        at += step
        try:
            if action == "vote":
                council.vote(who, number, at)
            elif action == "close":
                council.close(who, at)
            elif action == "post":
                council.post(who, number, "for", "An argument.", at)
            elif action == "tick":
                council.tick(at)
            elif action == "recall":
                council.move_recall(who, at)
            elif action == "ballot":
                council.ballot(who, "yes" if number % 2 else "no", at)
            elif action == "bots":
                council.play_bots(at)
            else:
                council.cast(who, number, at)
        except CouncilRefusal:
            pass
        state = council.state
        assert len({m.id for m in state.delegates}) == 4
        for motion in state.motions:
            assert motion.phase != "decided" or motion.decided is not None
    again = fold(real, council.records)
    assert minutes_markdown(again) == minutes_markdown(council.state)
    assert again.game.decisions == council.game.decisions
    assert [r.at for r in council.records] == sorted(r.at for r in council.records)
