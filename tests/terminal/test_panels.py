"""The full-screen player's small helpers: emphasis, sentences, the front page."""

from __future__ import annotations

from newcourse.engine import Campaign, Game
from newcourse.terminal.panels import inline_markdown, news_markdown, result_line, sentence


def test_inline_markdown_turns_emphasis_into_styles() -> None:
    text = inline_markdown("Keep *calm* and **publish**")
    assert text.plain == "Keep calm and publish"
    assert [(s.start, s.end, str(s.style)) for s in text.spans] == [
        (5, 9, "italic"),
        (14, 21, "bold"),
    ]


def test_sentence_adds_a_full_stop_only_when_missing() -> None:
    assert sentence("needs two cadres") == "needs two cadres."
    assert sentence("Needs two cadres.") == "Needs two cadres."
    assert sentence("Why? ") == "Why?"


def test_the_front_page_lists_the_news(mini: Campaign) -> None:
    game = Game.start(mini, 1)
    assert news_markdown(game.view()) == "*No news this season.*"
    while game.view().turn == 1:
        game = game.choose(1)
    page = news_markdown(game.view(), hints=True)
    assert page.splitlines()[:2] == ["- The apparatus grows.", "- Lenin is dead."]


def test_the_folded_result_says_what_was_chosen_and_how_it_went(mini: Campaign) -> None:
    game = Game.start(mini, 0)
    assert result_line(game.view()).plain == ""
    drawn = game.choose("publish").view()
    assert drawn.last is not None and drawn.last.outcome_label
    assert (
        result_line(drawn).plain
        == f"You chose: {inline_markdown(drawn.last.chosen).plain} → {drawn.last.outcome_label}"
    )
    voted = game.choose("keep_secret").choose(1).view()
    assert voted.last is not None and voted.last.tally is not None
    verdict = "carried" if voted.last.tally.passed else "defeated"
    assert result_line(voted).plain.endswith(f"→ {voted.last.outcome_label or verdict}")
