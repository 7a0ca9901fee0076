"""The open arcs are shown with the front page, in both players."""

from __future__ import annotations

import io
from pathlib import Path

from newcourse.content import load_campaign
from newcourse.engine import Game
from newcourse.terminal.panels import news_markdown
from newcourse.terminal.words import open_arcs

TIMING = Path(__file__).resolve().parent.parent / "campaigns" / "timing"


def test_an_open_arc_is_named_on_the_front_page() -> None:
    game = Game.start(load_campaign(TIMING), seed=1).choose("rise")
    view = game.view()
    assert open_arcs(view) == "Open: the German October."
    assert "*Open: the German October.*" in news_markdown(view)


def test_no_line_when_no_arc_is_open() -> None:
    view = Game.start(load_campaign(TIMING), seed=1).choose("wait").view()
    assert open_arcs(view) == ""
    assert "Open:" not in news_markdown(view)


def test_the_plain_player_names_the_open_arc_when_the_season_turns() -> None:
    from newcourse.session import Session
    from newcourse.terminal.plain import PlainPlayer

    stdout = io.StringIO()
    # rise, then the autumn's work: winter opens with the arc still open
    PlainPlayer(Session.new(load_campaign(TIMING), 1, None), io.StringIO("1\n1\nq\n"), stdout).run()
    winter = stdout.getvalue().split("Winter 1924", 1)[1]
    assert "Open: the German October." in winter
