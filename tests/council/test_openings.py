"""The opening of a debate: the campaign's historical cases for and against a motion's
options, shown above the delegates' posts, never written as records, kept in the
minutes once per motion."""

from __future__ import annotations

import json

from newcourse.council import (
    debate_openings,
    in_the_spirit,
    minutes_data,
    minutes_markdown,
    records_from_minutes,
)
from newcourse.council.records import Posted, Record
from newcourse.engine import Campaign

from .helpers import START, council_of, drive_to


def test_an_events_openings_come_option_by_option_for_before_against(real: Campaign) -> None:
    openings = debate_openings(real, "new_course")
    assert [(o.option, o.side) for o in openings] == [
        ("refuse_paper_promise", "for"),
        ("refuse_paper_promise", "against"),
        ("publish", "for"),
        ("publish", "against"),
    ]
    first = openings[2]
    assert (first.person, first.speaker, first.codex) == ("trotsky", "Leon Trotsky", "new_course")
    assert in_the_spirit(first).startswith("In the spirit of Leon Trotsky (The New Course")


def test_only_the_options_a_motion_shows_are_opened_in_its_order(real: Campaign) -> None:
    shown = ("publish", "take_at_word")
    assert [o.option for o in debate_openings(real, "new_course", shown)] == ["publish"] * 2
    assert debate_openings(real, "new_course", ("take_at_word",)) == ()


def test_events_without_openings_and_unknown_events_have_none(real: Campaign) -> None:
    assert debate_openings(real, "german_four") == ()
    assert debate_openings(real, "no_such_event") == ()


def test_a_campaign_without_a_council_file_opens_no_debate(mini: Campaign) -> None:
    assert mini.council is None
    assert debate_openings(mini, "letter") == ()


def test_the_motion_shows_the_openings_before_anyone_posts(real: Campaign) -> None:
    council = council_of(real, "Boris")
    assert council.state.motions[0].openings == ()  # who goes to Germany: none written
    at = drive_to(council, "new_course")
    motion = council.state.motion
    assert motion is not None and motion.event == "new_course" and not motion.posts
    assert [o.option for o in motion.openings] == [
        o.option for o in debate_openings(real, "new_course", [i for i, _ in motion.texts])
    ]
    assert {o.side for o in motion.openings} == {"for", "against"}
    before = len(council.records)
    council.post("m2", "publish", "for", "Print it: the cells should read it.", at)
    assert len(council.records) == before + 1  # the delegate's post; the openings are no records
    assert [p.by for p in motion.posts] == ["m2"]
    speakers = {r.by for r in council.records if isinstance(r, Posted)}
    assert speakers == {"m2"}


def test_the_minutes_keep_each_motions_openings_once(real: Campaign) -> None:
    council = council_of(real, "Boris")
    drive_to(council, "thirteenth_conference")
    state = council.state
    data = minutes_data(state)
    opened = [entry["motion"] for entry in data["openings"]]
    assert opened == [m.number for m in state.motions if m.openings]
    new_course = next(m for m in state.motions if m.event == "new_course")
    entry = next(e for e in data["openings"] if e["motion"] == new_course.number)
    assert entry["event"] == "new_course" and len(entry["cases"]) == len(new_course.openings)
    assert {"speaker", "side", "option", "text", "source", "codex", "person"} <= set(
        entry["cases"][0]
    )
    # The JSON minutes are still the council: the openings are not read back as records.
    records: list[Record] = records_from_minutes(json.loads(json.dumps(data)))
    assert records == list(state.records)
    markdown = minutes_markdown(state)
    assert markdown.count("### The opening of the debate") == len(opened)
    trotsky = next(o for o in new_course.openings if o.person == "trotsky")
    assert markdown.count(trotsky.text) == 1
    line = next(x for x in markdown.splitlines() if trotsky.text in x)
    assert line.startswith("- In the spirit of Leon Trotsky (The New Course")
    assert f"for “{new_course.text('publish')}”" in line


def test_a_fold_of_the_records_gives_the_same_openings(real: Campaign) -> None:
    council = council_of(real, "Boris")
    drive_to(council, "new_course", at=START + 50)
    again = type(council).from_records(real, council.records)
    assert [m.openings for m in again.state.motions] == [m.openings for m in council.state.motions]
