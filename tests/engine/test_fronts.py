"""Fronts abroad: a window between two dates, and the state the player reads.

The mini campaign gets a front here, measured by the Opposition's support, with
the dossier as its preparation clock: quiet until the letter is published,
"won" once the members have read it, and "window open" in the seasons of its
window while nothing else holds.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from newcourse.content import load_campaign
from newcourse.engine import Campaign, Game, Quarter
from newcourse.engine.fronts import Front, FrontState, phase_of, window_text
from newcourse.engine.model import Source

from ..conftest import MINI

FRONT = """
fronts:
  abroad:
    label: Abroad
    description: The workers abroad.
    quality: opposition
    clock: dossier
    window: {from: WINDOW_FROM, to: WINDOW_TO}
    states:
      - {id: won, label: councils hold, when: "published and opposition >= 30"}
      - {id: open, label: window open, window: open}
      - {id: quiet, label: quiet}
  faraway:
    label: Far away
    quality: democracy
    background: true
    window: {from: 1931-04-14, to: 1937-05-08}
    states:
      - {id: quiet, label: dictatorship}
"""


def with_front(tmp_path: Path, opens: str = "1923-10-01", closes: str = "1923-12-31") -> Campaign:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    text = FRONT.replace("WINDOW_FROM", opens).replace("WINDOW_TO", closes)
    with (folder / "campaign.yaml").open("a", encoding="utf-8") as file:
        file.write(text)
    return load_campaign(folder)


def front(opens: dt.date, closes: dt.date) -> Front:
    state = FrontState("quiet", "quiet", "quiet", None, None, Source("test"))
    return Front("f", "F", "q", None, opens, closes, (state,), False, "", Source("test"))


def test_the_window_is_before_open_and_closed_by_season() -> None:
    window = front(dt.date(1925, 4, 1), dt.date(1926, 12, 31))
    assert phase_of(window, Quarter(1925, 0)) == "before"
    assert phase_of(window, Quarter(1925, 1)) == "open"  # spring: April is in it
    assert phase_of(window, Quarter(1926, 3)) == "open"
    assert phase_of(window, Quarter(1927, 0)) == "closed"


def test_the_window_reads_as_the_player_reads_it() -> None:
    window = front(dt.date(1925, 4, 1), dt.date(1926, 12, 31))
    assert window_text(window, "before") == "opens spring 1925"
    assert window_text(window, "open") == "open until December 1926"
    assert window_text(window, "closed") == "closed since December 1926"


def test_a_front_is_in_the_view_with_its_window_and_preparation(tmp_path: Path) -> None:
    game = Game.start(with_front(tmp_path), seed=1)
    abroad, faraway = game.view().fronts
    assert (abroad.state, abroad.state_label, abroad.kind) == ("open", "window open", "open")
    assert abroad.window == "open until December 1923"
    assert abroad.progress == "0 of 3"  # the dossier, its preparation clock
    assert (abroad.value, abroad.quality, abroad.clock) == (20, "opposition", "dossier")
    assert faraway.background and faraway.window == "opens spring 1931"
    assert (faraway.state, faraway.state_label, faraway.kind) == ("quiet", "dictatorship", "quiet")


def test_the_first_state_that_holds_is_the_fronts_state(tmp_path: Path) -> None:
    campaign = with_front(tmp_path)
    game = Game.start(campaign, seed=1)
    for seed in range(40):  # publishing is drawn: find a game where the members read it
        game = Game.start(campaign, seed=seed).choose("publish")
        if game.state.values["opposition"] >= 30:
            break
    else:
        pytest.fail("no seed gave the members the letter")
    abroad = game.view().fronts[0]
    assert (abroad.state, abroad.kind) == ("won", "won")


def test_out_of_its_window_a_front_falls_back_to_its_last_state(tmp_path: Path) -> None:
    game = Game.start(with_front(tmp_path, "1925-04-01", "1926-12-31"), seed=1)
    abroad = game.view().fronts[0]
    assert (abroad.state, abroad.window) == ("quiet", "opens spring 1925")
    assert abroad.progress == "0 of 3"  # still being prepared for


def test_a_closed_window_shows_no_preparation(tmp_path: Path) -> None:
    game = Game.start(with_front(tmp_path, "1923-07-01", "1923-10-31"), seed=1)
    while game.state.turn == 0:  # play the autumn out, into the winter
        game = game.choose(game.view().options[0].id)  # the letter kept secret
    abroad = game.view().fronts[0]
    assert abroad.window == "closed since October 1923"
    assert (abroad.state, abroad.progress) == ("quiet", "")


def test_the_bundled_campaign_opens_on_the_german_october(real: Campaign) -> None:
    fronts = {f.id: f for f in Game.start(real, seed=1).view().fronts}
    assert set(fronts) == {"germany", "britain", "china", "france", "spain"}
    germany = fronts["germany"]
    assert (germany.state, germany.progress) == ("open", "1 of 6")
    assert germany.window == "open until December 1923"
    assert fronts["britain"].window == "opens spring 1925"
    assert [f.id for f in fronts.values() if f.background] == ["france", "spain"]
