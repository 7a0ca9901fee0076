"""The campaign's lookup tables: made with the campaign, never kept in a mutable memo."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle

from newcourse.engine import Campaign, Quarter
from newcourse.engine.index import CampaignIndex


def test_a_campaign_is_made_with_its_index_and_no_mutable_memo(real: Campaign) -> None:
    assert isinstance(real.index, CampaignIndex)
    assert not any(isinstance(value, dict) and not value for value in vars(real).values())
    assert "memo" not in vars(real)


def test_each_turn_queues_its_set_pieces_by_date(real: Campaign) -> None:
    for number, turn in enumerate(real.index.turns):
        quarter = real.quarter(number)
        assert all(event.window[0] == quarter for event in turn.dated)
        dates = [(event.date, event.id) for event in turn.dated]
        assert dates == sorted(dates)
        assert turn.builtins == {"year": quarter.year, "quarter": quarter.number, "turn": number}


def test_a_copy_of_a_campaign_gets_an_index_of_its_own(mini: Campaign) -> None:
    shorter = dataclasses.replace(mini, end=mini.start)
    assert shorter.index is not mini.index
    assert len(shorter.index.turns) == 1 < len(mini.index.turns)


def test_a_turn_outside_the_campaign_is_worked_out_when_asked(mini: Campaign) -> None:
    later = mini.index.turn(mini.turns + 2)
    assert later.builtins["turn"] == mini.turns + 2
    assert later.last_day == mini.quarter(mini.turns + 3).first_day - dt.timedelta(days=1)
    assert later.dated == ()


def test_the_index_is_not_pickled_but_made_again() -> None:
    campaign = _tiny()
    data = pickle.dumps(campaign)
    assert b"CampaignIndex" not in data
    again = pickle.loads(data)
    assert isinstance(again.index, CampaignIndex) and again.index is not campaign.index
    assert again.index.factions == campaign.index.factions


def _tiny() -> Campaign:
    from newcourse.engine.model import Source

    return Campaign(
        id="tiny", title="Tiny", version=1, start=Quarter(1923, 4), end=Quarter(1924, 1),
        intro="", storylets_per_turn=0, max_events_per_turn=1, vote_packing=None,
        qualities={}, factions={}, flags={}, events={}, rules=(), headlines=(), endings=(),
        codex={}, strategies={}, source=Source("campaign.yaml"),
    )  # fmt: skip
