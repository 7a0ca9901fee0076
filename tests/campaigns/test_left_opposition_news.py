"""The bundled campaign's front pages: a world rule that goes on applying season after
season never prints the same line twice running."""

from __future__ import annotations

from newcourse.engine import Campaign

from .test_left_opposition import GAMES, random_views


def test_no_front_page_repeats_a_line_from_the_season_before(real: Campaign) -> None:
    before: dict[int, frozenset[str]] = {}  # by seed: the last front page seen
    seasons = []
    for game, view in random_views(real, GAMES):
        if not view.opening:
            continue
        # a level crossed ("Scissors: half open → narrow") is told again when a track
        # goes back across it; the test is about the rules' own lines
        page = frozenset(item.text for item in view.news if " → " not in item.text)
        repeated = sorted(page & before.get(game.seed, frozenset()))
        assert not repeated, f"seed {game.seed}, {view.date}: as the season before: {repeated}"
        before[game.seed] = page
        seasons.append(game.state)
    longest = max(n for state in seasons for n in state.streaks.values())
    assert longest >= 3, "some rules go on applying for seasons, so the test has teeth"
