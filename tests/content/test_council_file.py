"""council.yaml: shares, lengths of time, and the real campaign's rules of procedure."""

from __future__ import annotations

import pytest

from newcourse.content.loader.council import parse_duration, parse_share
from newcourse.engine import Campaign


@pytest.mark.parametrize(
    "text, share",
    [("1/2", (1, 2)), ("2/3", (2, 3)), ("50%", (500, 1000)), (0.5, (500, 1000)), (1, (1, 1))],
)
def test_shares(text: str | float, share: tuple[int, int]) -> None:
    assert parse_share(text) == share


@pytest.mark.parametrize("text", ["3/2", "1/0", "150%", "half", 2, True])
def test_not_shares(text: object) -> None:
    assert parse_share(text) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text, seconds", [("90m", 5400), ("36h", 129600), ("2d", 172800), (24, 86400), ("0", 0)]
)
def test_lengths_of_time(text: str | int, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["soon", "400d", "-1h", True])
def test_not_lengths_of_time(text: object) -> None:
    assert parse_duration(text) is None  # type: ignore[arg-type]


def test_the_real_campaigns_rules_of_procedure(real: Campaign) -> None:
    procedure = real.council
    assert procedure is not None
    assert procedure.defaults.quorum == (1, 2) and procedure.defaults.undo == (2, 3)
    assert procedure.minor == ("opposition_work",)
    assert [rule.id for rule in procedure.story] == [
        "ban_on_factions",
        "strong_apparatus",
        "fear_in_the_cells",
    ]
    assert all(rule.reason.endswith(".") for rule in procedure.story)
    vindicated = {pair for verdict in procedure.verdicts for pair in verdict.vindicates}
    assert ("lenins_death", "turn_back") in vindicated
    for verdict in procedure.verdicts:
        for event, option in (*verdict.vindicates, *verdict.refutes):
            assert real.events[event].option(option) is not None
