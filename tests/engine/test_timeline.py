"""The timeline's rows, made from what the campaign's index worked out once."""

from __future__ import annotations

import random
from pathlib import Path

from newcourse.content import load_campaign
from newcourse.engine import Game
from newcourse.engine.index import history_text
from newcourse.engine.model import Campaign
from newcourse.engine.rules import scope_of
from newcourse.engine.state import Entry, GameState
from newcourse.engine.text import render
from newcourse.engine.timeline import TimelineRow, day_text, timeline_rows
from newcourse.engine.view import build_view


def _played(campaign: Campaign, seed: int) -> Game:
    rng = random.Random(seed)
    game = Game.start(campaign, seed)
    while not game.over:
        game = game.choose(rng.choice([o.id for o in game.view().options if o.available]))
    return game


def _row_by_hand(campaign: Campaign, entry: Entry, now: GameState) -> TimelineRow:
    """The row as the campaign writes it: an option with tags as it read when chosen
    (the entry keeps it), one without them as written (``now`` reads no tags)."""
    event = campaign.events[entry.event_id]
    option = event.option(entry.option_id)
    assert option is not None
    pool = [*option.outcomes, *((option.vote.passed, option.vote.failed) if option.vote else ())]
    outcome = next((o.label for o in pool if o.id == entry.outcome_id), "")
    season = campaign.quarter(entry.turn)
    date = day_text(event.date) if event.date else f"End of {season.season} {season.year}"
    if "{" in option.text:
        assert entry.text is not None
        chosen = entry.text
    else:
        chosen = render(campaign.index.texts, option.text, scope_of(campaign, now))
    return TimelineRow(date, event.title, chosen, outcome, history_text(event), entry.historical)


def test_every_row_says_what_the_campaign_says_of_its_decision(real: Campaign) -> None:
    for seed in range(5):
        game = _played(real, seed)
        rows = game.view().timeline
        assert len(rows) == len(game.decisions)
        by_hand = {_row_by_hand(real, entry, game.state) for entry in game.state.timeline}
        assert set(rows) == by_hand


def test_rows_follow_the_calendar_set_pieces_first_then_the_seasons_end(real: Campaign) -> None:
    for seed in range(5):
        game = _played(real, seed)

        def when(entry: Entry) -> tuple[int, bool, object]:
            date = real.events[entry.event_id].date
            return entry.turn, date is None, date or real.quarter(entry.turn).first_day

        in_order = sorted(game.state.timeline, key=when)
        assert game.view().timeline == tuple(_row_by_hand(real, e, game.state) for e in in_order)


def test_an_option_the_campaign_no_longer_has_is_shown_by_its_id(mini: Campaign) -> None:
    event = next(e for e in mini.events.values() if e.date is not None)
    entry = Entry(0, event.id, "since_removed", "gone", None)
    (row,) = timeline_rows(mini, (entry,), lambda text: text)
    assert (row.event, row.chosen, row.outcome) == (event.title, "since_removed", "")
    assert row.date == day_text(event.date) if event.date else ""


def test_an_option_with_tags_is_shown_as_it_read_when_chosen() -> None:
    timing = load_campaign(Path(__file__).parents[1] / "campaigns" / "timing")
    game = Game.start(timing, seed=1).choose("wait")  # "{if democracy > 40}Wait, ...{end}"
    assert game.view().timeline[0].chosen == "Wait."
    raised = game.state._replace(values={**game.state.values, "democracy": 50})
    (row,) = build_view(timing, raised).timeline
    assert row.chosen == "Wait."  # what the player read then, not what the tags say now


def test_a_timeline_kept_without_the_texts_reads_the_tags_against_the_state_now() -> None:
    timing = load_campaign(Path(__file__).parents[1] / "campaigns" / "timing")
    game = Game.start(timing, seed=1).choose("wait")
    bare = tuple(entry._replace(text=None) for entry in game.state.timeline)
    raised = game.state._replace(values={**game.state.values, "democracy": 50}, timeline=bare)
    (row,) = build_view(timing, raised).timeline
    assert row.chosen == "Wait, with the party behind you."
