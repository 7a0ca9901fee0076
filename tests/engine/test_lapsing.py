"""Queued events whose condition no longer holds lapse; a decision that changes
nothing their conditions read leaves them queued without looking at them again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newcourse.content import load_campaign
from newcourse.engine import Game
from newcourse.engine.index import LapseReads
from newcourse.engine.model import Campaign

MINI = Path(__file__).resolve().parent.parent / "campaigns" / "mini"

EVENTS = """\
events:
  - id: first
    title: First
    date: 1923-10-01
    text: The first.
    options:
      - id: quiet
        text: Stay quiet.
        effects: "democracy += 1"
      - id: purge
        text: Purge.
        effects: "purged = true"
      - id: strengthen
        text: Strengthen the apparatus.
        effects: "apparatus += 30"
  - id: second
    title: Second
    date: 1923-10-05
    when: "not purged"
    text: The second.
    options:
      - {id: go, text: Go on.}
  - id: third
    title: Third
    date: 1923-10-09
    when: "apparatus < 80"
    text: The third.
    options:
      - {id: go, text: Go on.}
"""


@pytest.fixture(scope="module")
def lapsing(tmp_path_factory: pytest.TempPathFactory) -> Campaign:
    folder = tmp_path_factory.mktemp("lapsing") / "mini"
    shutil.copytree(MINI, folder)
    (folder / "events" / "storylets.yaml").unlink()
    (folder / "events" / "autumn.yaml").write_text(EVENTS, encoding="utf-8")
    return load_campaign(folder)


def test_the_index_knows_what_lapsing_conditions_read(lapsing: Campaign) -> None:
    reads = lapsing.index.lapse_reads
    assert set(reads) == {"second", "third"}  # "first" has no condition: it cannot lapse
    assert reads["second"] == LapseReads((), frozenset({"purged"}), people=False, casts=False)
    assert reads["third"] == LapseReads(("apparatus",), frozenset(), people=False, casts=False)


@pytest.mark.parametrize(
    ("choice", "queue"),
    [
        ("quiet", ("second", "third")),
        ("purge", ("third",)),
        ("strengthen", ("second",)),
    ],
)
def test_a_queued_event_lapses_only_when_its_condition_fails(
    lapsing: Campaign, choice: str, queue: tuple[str, ...]
) -> None:
    game = Game.start(lapsing, seed=1)
    assert game.state.queue == ("first", "second", "third")
    after = game.choose(choice)
    assert after.state.queue == queue
    lapsed = {"second", "third"} - set(queue)
    assert set(queue) <= after.state.fired
    assert not lapsed & after.state.fired  # a lapsed event may still fire later
