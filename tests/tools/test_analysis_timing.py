"""The checker understands text and time and the congress cycle: premises and text tags
read flags, follow-ups queue events, expiry ends an event's seasons, variants stand in
only when their original's premise fails, and the congress's fields use their names."""

from __future__ import annotations

import shutil
from pathlib import Path

from newcourse.content import load_campaign
from newcourse.tools.analysis.context import Context
from newcourse.tools.analysis.intervals import Interval
from newcourse.tools.analysis.reach import compute_reach
from newcourse.tools.analysis.timing import guard_of, turns_of
from newcourse.tools.check import check_campaign

CAMPAIGNS = Path(__file__).resolve().parents[1] / "campaigns"
TIMING = CAMPAIGNS / "timing"
CONGRESS = CAMPAIGNS / "congress"


def messages(folder: Path) -> list[str]:
    return [d.message for d in check_campaign(folder, games=40)]


def test_a_premise_and_a_text_tag_count_as_reading_a_flag() -> None:
    found = messages(TIMING)
    assert not any("'rising' is set but no condition reads it" in m for m in found), found


def test_an_event_only_a_follow_up_queues_is_not_called_never_drawn() -> None:
    found = messages(TIMING)
    assert not any("'aftermath' is never drawn" in m for m in found), found


def test_follow_ups_and_expiry_give_an_event_its_seasons() -> None:
    campaign = load_campaign(TIMING)
    ctx = Context(campaign)
    # 'october' is decided in the first season; its follow-up comes a season later
    assert turns_of(ctx, campaign.events["aftermath"]) == range(1, 2)
    # 'work' recurs all year but expires on 15 January 1924: autumn and winter only
    assert turns_of(ctx, campaign.events["work"]) == range(0, 2)


def test_a_variant_fires_only_when_its_originals_premise_fails() -> None:
    campaign = load_campaign(TIMING)
    ctx = Context(campaign)
    compute_reach(ctx)
    variant = guard_of(campaign, campaign.events["lessons_dresden"])
    assert variant is not None
    box = {**ctx.reach, "rising": frozenset({False})}
    assert not ctx.possible(variant, ctx.all_turns, box)
    box = {**ctx.reach, "rising": frozenset({True})}
    assert ctx.possible(variant, ctx.all_turns, box)


def test_an_option_of_an_expired_season_is_never_shown(tmp_path: Path) -> None:
    campaign = tmp_path / "timing"
    shutil.copytree(TIMING, campaign)
    (campaign / "events" / "summer.yaml").write_text(
        "events:\n"
        "  - id: summer_work\n"
        "    title: Summer work\n"
        "    window: {from: 1923-10-01, to: 1924-09-30}\n"
        "    recurring: true\n"
        "    expires: 1924-01-15\n"
        "    text: The summer's work.\n"
        "    options:\n"
        "      - id: rest\n"
        "        text: Rest.\n"
        "      - id: summer\n"
        "        text: Work through the summer.\n"
        "        if: 'year == 1924 and quarter >= 2'\n"
        "        effects: 'democracy += 1'\n"
    )
    found = messages(campaign)
    assert any(
        "'summer_work', option 'summer' is never shown" in m and "not in" in m for m in found
    ), found


def test_the_congress_cycle_reads_its_qualities_and_its_minority_sets_flags() -> None:
    found = messages(CONGRESS)
    for name in ("apparatus", "leningrad", "provinces", "goods_famine", "grain_crisis"):
        assert not any(f"'{name}' is declared but never used" in m for m in found), found
    assert not any("'published' is read but no effect ever sets it" in m for m in found), found
    assert not any("'printed' can never be reached" in m for m in found), found


def test_a_minoritys_effects_are_within_reach() -> None:
    ctx = Context(load_campaign(CONGRESS))
    compute_reach(ctx)
    assert ctx.reach["published"] == frozenset({False, True})
    assert isinstance(ctx.reach["moscow"], Interval)
