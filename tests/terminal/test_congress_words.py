"""The congress cycle in both players: the elections on the front page, and the
tally that says why a vote went as it did (tests/campaigns/congress)."""

from __future__ import annotations

import io
from pathlib import Path

from newcourse.content import load_campaign
from newcourse.engine import Game
from newcourse.session import Session
from newcourse.terminal.panels import news_markdown
from newcourse.terminal.plain import PlainPlayer
from newcourse.terminal.words import election_lines, tally_reasons

CONGRESS = Path(__file__).resolve().parent.parent / "campaigns" / "congress"


def test_the_elections_are_told_a_line_per_stage() -> None:
    view = Game.start(load_campaign(CONGRESS), seed=1).choose("wait").view()
    assert election_lines(view.elections) == [
        "The Thirteenth Congress, cell meetings: 11% of the delegates for you",
        "The Thirteenth Congress, district conferences: 6% of the delegates for you",
        "The Thirteenth Congress, provincial conferences: not yet held",
    ]
    assert "- *The Thirteenth Congress, cell meetings: 11% of the delegates for you*" in (
        news_markdown(view)
    )


def test_the_tally_gives_its_reasons() -> None:
    game = Game.start(load_campaign(CONGRESS), seed=1).choose("wait").choose("accept")
    tally = game.choose("industry").state.last.tally  # type: ignore[union-attr]
    assert tally is not None
    assert tally_reasons(tally) == [
        "Blocs: Left Opposition 4 for, The Centre 53 against, The Right 21 split, "
        "Uncommitted 21 uncommitted.",
        "Packing: the apparatus kept 14 of your delegates out.",
        "Swing: 65% of the 43 free delegates voted for; the argument (Industrialisation) "
        "fits the moment: +15 points.",
        "Minority: 32 of 100 fall short of 33% (The platform is printed).",
    ]


def test_a_plain_vote_gives_no_reasons() -> None:
    from tests.conftest import MINI

    game = Game.start(load_campaign(MINI), seed=1).choose("keep_secret")
    tally = game.view().options[0].vote
    assert tally is not None and tally_reasons(tally) == []


def test_the_plain_player_shows_the_elections_and_the_reasons() -> None:
    stdout = io.StringIO()
    # organise in the cells, accept the resolution, argue for industry at the congress
    player = PlainPlayer(
        Session.new(load_campaign(CONGRESS), 1, None), io.StringIO("1\n2\n1\nq\n"), stdout
    )
    player.run()
    out = stdout.getvalue()
    assert "- The Thirteenth Congress, cell meetings: 18% of the delegates for you" in out
    assert "The congress: 33 for, 67 against; the motion is defeated." in out
    assert "Minority: 33 of 100 reach 33%: The platform is printed." in out
    assert "A third of the congress forces the platform into print." in out


def test_the_tally_says_whose_trust_moved_a_bloc() -> None:
    lobbying = load_campaign(CONGRESS.parent / "lobbying")
    game = Game.start(lobbying, seed=1).choose("lobby_zinoviev")
    tally = game.view().options[0].vote
    assert tally is not None
    reasons = tally_reasons(tally)
    assert reasons[:2] == [
        "Blocs: Left Opposition 10 for, The Centre 40 split (Bukharin), "
        "Leningrad 30 split (Zinoviev), Uncommitted 20 uncommitted.",
        "Zinoviev's trust brings Leningrad to split.",
    ]
