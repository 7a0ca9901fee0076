"""council.yaml's openings: the historical cases that open a debate, and the mistakes
the loader finds in them, each at its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newcourse.content import CampaignError, load_campaign, load_with_diagnostics
from newcourse.content.loader.openings import LONGEST_CASE, words
from newcourse.engine import Campaign

from ..conftest import MINI

PEOPLE = """\
camps:
  opposition: The Opposition
people:
  - id: trotsky
    name: Leon Trotsky
    camp: opposition
"""

CASE = (
    "The resolution promises workers' democracy, and the members have a right to know "
    "what it must mean in the cells: elected secretaries, open discussion, and an end "
    "to appointment from above. A promise kept in the files is no promise at all."
)


def campaign_with(tmp_path: Path, council: str) -> Path:
    """The test campaign with a roster and the given council.yaml."""
    folder = tmp_path / "campaign"
    shutil.copytree(MINI, folder)
    (folder / "people.yaml").write_text(PEOPLE, encoding="utf-8")
    (folder / "council.yaml").write_text(council, encoding="utf-8")
    return folder


def problems(folder: Path) -> list[str]:
    """Every diagnostic, as 'council.yaml:LINE: level: message'."""
    _, diagnostics = load_with_diagnostics(folder)
    return [f"{Path(d.file).name}:{d.line}: {d.severity.value}: {d.message}" for d in diagnostics]


def test_cases_load_with_their_speakers_sources_and_codex(tmp_path: Path) -> None:
    council = f"""\
openings:
  - event: letter
    option: publish
    for:
      who: trotsky
      source: The New Course, December 1923
      codex: letter
      text: >-
        {CASE}
    against:
      speaker: The Politburo majority
      source: Reply to Trotsky, 19 October 1923
      text: A letter carried to the cells is a platform, and a platform is a faction.
"""
    campaign = load_campaign(campaign_with(tmp_path, council))
    assert campaign.council is not None
    first, second = campaign.council.openings
    assert (first.event, first.option, first.side) == ("letter", "publish", "for")
    assert (first.person, first.speaker, first.codex) == ("trotsky", "Leon Trotsky", "letter")
    assert first.text == CASE and first.source == "The New Course, December 1923"
    assert first.where.line == 5
    assert (second.side, second.person, second.speaker) == ("against", "", "The Politburo majority")


def test_a_case_counts_its_words() -> None:
    assert words(CASE) == 42
    assert words("  one\ntwo   three ") == 3


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        (
            "  - event: leter\n    option: publish\n    for: {who: trotsky, source: S, text: T}\n",
            "council.yaml:2: error: opening: the event 'leter' does not exist; did you mean "
            "'letter'?",
        ),
        (
            "  - event: letter\n    option: publsh\n    for: {who: trotsky, source: S, text: T}\n",
            "council.yaml:3: error: opening on 'letter': the event has no option 'publsh'; "
            "did you mean 'publish'?",
        ),
        (
            "  - event: letter\n    option: publish\n    for: {who: trotsk, source: S, text: T}\n",
            "council.yaml:4: error: the case for 'letter.publish': unknown person 'trotsk'; "
            "did you mean 'trotsky'?",
        ),
        (
            "  - event: letter\n    option: publish\n",
            "council.yaml:2: error: opening on 'letter.publish' gives no case",
        ),
        (
            "  - event: letter\n    option: publish\n    against: {who: trotsky, source: S, "
            "text: '  '}\n",
            "council.yaml:4: error: the case against 'letter.publish' is empty",
        ),
        (
            "  - event: letter\n    option: publish\n    for:\n      who: trotsky\n"
            "      source: S\n      text: |\n        " + "word " * (LONGEST_CASE + 1) + "\n",
            f"council.yaml:8: error: the case for 'letter.publish' is {LONGEST_CASE + 1} words "
            f"long; write at most {LONGEST_CASE}",
        ),
        (
            "  - event: letter\n    option: publish\n    for: {who: trotsky, speaker: Trotsky, "
            "source: S, text: T}\n",
            "council.yaml:4: error: the case for 'letter.publish' gives both 'who' and 'speaker'",
        ),
        (
            "  - event: letter\n    option: publish\n    for: {source: S, text: T}\n",
            "council.yaml:4: error: the case for 'letter.publish' says no one argued it",
        ),
        (
            "  - event: letter\n    option: publish\n    for: {who: trotsky, source: ' ', "
            "text: T}\n",
            "council.yaml:4: error: the case for 'letter.publish' names no source",
        ),
        (
            "  - event: letter\n    option: publish\n    for: {who: trotsky, source: S, "
            "text: T, codex: leter}\n",
            "council.yaml:4: error: the case for 'letter.publish' links to codex entry 'leter', "
            "which does not exist; did you mean 'letter'?",
        ),
        (
            "  - event: letter\n    option: publish\n    for: {who: trotsky, source: S, text: T}\n"
            "  - event: letter\n    option: publish\n    against: {who: trotsky, source: S, "
            "text: T}\n",
            "council.yaml:5: error: the opening on 'letter.publish' is written twice (first at "
            "line 2)",
        ),
        (
            "  - event: letter\n    option: publish\n    for: {who: trotsky, source: S, "
            "text: 'He said \"publish\".'}\n",
            "council.yaml:4: warning: the case for 'letter.publish' holds quotation marks",
        ),
    ],
    ids=[
        "unknown_event",
        "unknown_option",
        "unknown_person",
        "no_case",
        "empty_case",
        "too_long",
        "who_and_speaker",
        "no_one",
        "no_source",
        "unknown_codex",
        "twice",
        "quotation_marks",
    ],
)
def test_each_mistake_in_an_opening_is_found_at_its_line(
    tmp_path: Path, opening: str, expected: str
) -> None:
    found = problems(campaign_with(tmp_path, "openings:\n" + opening))
    assert any(line.startswith(expected) for line in found), "\n".join(found)


def test_a_misspelt_side_is_an_unknown_field(tmp_path: Path) -> None:
    council = "openings:\n  - event: letter\n    option: publish\n    fro: {who: trotsky}\n"
    with pytest.raises(CampaignError) as caught:
        load_campaign(campaign_with(tmp_path, council))
    assert any("'fro'" in str(d) and d.line == 4 for d in caught.value.errors)


def test_the_real_campaign_opens_its_great_debates(real: Campaign) -> None:
    procedure = real.council
    assert procedure is not None
    cases = procedure.openings
    events = {case.event for case in cases}
    assert len(cases) >= 25 and len(events) >= 12
    years = {real.events[event].date.year for event in events if real.events[event].date}
    assert years == set(range(1923, 1931))
    for case in cases:
        assert real.events[case.event].option(case.option) is not None
        assert 40 <= words(case.text) <= LONGEST_CASE, (case.event, case.option, case.side)
        assert case.source and case.text.endswith((".", "?", "!"))
        assert not case.person or case.person in real.roster.people
        assert not case.codex or case.codex in real.codex
    speakers = {case.person or case.speaker for case in cases}
    assert {"trotsky", "stalin", "bukharin", "zinoviev", "kamenev", "krupskaya"} <= speakers
    assert {"preobrazhensky", "radek", "rakovsky"} <= speakers
    assert "Ernst Thälmann" in speakers
