"""Which option history took, and how it turned out: ``history`` on options and outcomes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newcourse.content import CampaignError, load_campaign
from newcourse.engine import Campaign

from ..conftest import MINI

EVENTS = "events/autumn.yaml"


def mini_with(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    """A copy of the test campaign with each ``(old, new)`` replaced once in its events."""
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    path = folder / EVENTS
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return folder


def errors_of(folder: Path) -> list[str]:
    with pytest.raises(CampaignError) as caught:
        load_campaign(folder)
    return [str(d).removeprefix(f"{folder}/") for d in caught.value.errors]


VOTE_FAILED = (
    "      - id: argue_democracy\n        text: Argue for democracy.\n",
    "      - id: argue_democracy\n        text: Argue for democracy.\n        history: failed\n",
)
SEIZED = (
    '            weight: "apparatus"\n',
    '            weight: "apparatus"\n            history: true\n',
)
PUBLISH_HISTORICAL = (
    "      - id: publish\n        text: Publish it.\n",
    "      - id: publish\n        text: Publish it.\n        history: true\n",
)


def test_an_option_marked_true_matches_history_whatever_its_outcome(mini: Campaign) -> None:
    option = mini.events["letter"].option("keep_secret")
    assert option.historical and option.history_outcome is None
    assert mini.events["conference"].option("argue_democracy").historical is False


def test_a_vote_marked_failed_matches_history_only_if_it_fails(tmp_path: Path) -> None:
    campaign = load_campaign(mini_with(tmp_path, VOTE_FAILED))
    option = campaign.events["conference"].option("argue_democracy")
    assert option.historical and option.history_outcome == "failed"


def test_an_outcome_marked_history_is_the_one_history_took(tmp_path: Path) -> None:
    campaign = load_campaign(mini_with(tmp_path, PUBLISH_HISTORICAL, SEIZED))
    option = campaign.events["letter"].option("publish")
    assert option.historical and option.history_outcome == "seized"


def test_a_vote_result_on_an_option_without_a_vote_is_an_error(tmp_path: Path) -> None:
    replaced = (
        '        history: true\n        effects: "apparatus += 2"',
        '        history: passed\n        effects: "apparatus += 2"',
    )
    assert errors_of(mini_with(tmp_path, replaced)) == [
        f"{EVENTS}:11: error: event 'letter', option 'keep_secret': 'history: passed' is the "
        "result of a vote, but the option puts no vote; write 'history: true'"
    ]


def test_an_outcome_marked_history_needs_its_option_marked_too(tmp_path: Path) -> None:
    assert errors_of(mini_with(tmp_path, SEIZED)) == [
        f"{EVENTS}:30: error: event 'letter', option 'publish': outcome 'seized' is marked as "
        "history but its option is not; mark the option 'history: true' too"
    ]


def test_history_took_one_outcome(tmp_path: Path) -> None:
    read = (
        '            weight: "60 + opposition"\n',
        '            weight: "60 + opposition"\n            history: true\n',
    )
    assert errors_of(mini_with(tmp_path, PUBLISH_HISTORICAL, read, SEIZED)) == [
        f"{EVENTS}:32: error: event 'letter', option 'publish': outcomes 'read' and 'seized' "
        "are both marked as history; history took one"
    ]


@pytest.mark.parametrize("value", ["carried", "yes", "1", "[failed]"])
def test_a_history_mark_is_true_false_passed_or_failed(tmp_path: Path, value: str) -> None:
    marked = (VOTE_FAILED[0], VOTE_FAILED[1].replace("failed", value))
    (error,) = errors_of(mini_with(tmp_path, marked))
    assert error.startswith(f"{EVENTS}:39: error: event 'conference', option 'argue_democracy'")
    assert "write true, false, or for a vote 'passed' or 'failed'" in error
