"""The balance measures of one playtest, as plain data for the report.

- ``kinds``: the share of games ending in a victory, a defeat, close to history
  or in an interim close (as ``endings.yaml`` marks them), with 95% intervals;
- ``tracks``: for each shown quality and faction, the share of games in which it
  left ±5 of its start (5 in a hundred of its range); below a quarter it is a dead track;
- ``rules``: the share of games in which each world rule applied; below 1% it
  is a dead rule;
- ``flags``: the share of games that set each flag, and whether the player can
  notice it (``analysis.seen``); set but never seen, it is a dead flag;
- ``ideas``: for each idea of workers' democracy, the share of games that used
  it, the mean uses per game, and the mean change at the end of each shown
  quality in the games that used it against those that did not;
- ``history``: the share of historical choices among the decisions that had one;
- ``systems``: clocks filled, named levels reached, people's status at the end,
  minorities reached and the delegates of each stage of elections (``systems``).
"""

from __future__ import annotations

from typing import Any

from ...engine.model import Campaign
from ..analysis.seen import flags_the_player_sees
from .measures import lookout_of
from .runner import Tally
from .stats import wilson
from .systems import system_findings

__all__ = ["IDEAS", "KINDS", "MOVED_AT_LEAST", "RULE_AT_LEAST", "findings"]

KINDS = ("victory", "defeat", "historical", "interim")
IDEAS = (
    "transparency",
    "recall",
    "councils",
    "wage",
    "debate",
    "internationalism",
    "history",
    "means",
)
MOVED_AT_LEAST = 0.25  # a shown track should leave ±5 of its start in a quarter of games
RULE_AT_LEAST = 0.01  # a world rule should apply in at least 1% of games


def _share(count: int, games: int) -> dict[str, Any]:
    low, high = wilson(count, games)
    return {
        "count": count,
        "share": round(count / games, 6) if games else 0.0,
        "ci95": [round(low, 6), round(high, 6)],
    }


def findings(campaign: Campaign, tally: Tally) -> dict[str, Any]:
    """The balance measures of ``tally`` (see the module's docstring)."""
    games = tally.games
    counts = tally.measures
    kind_of = {e.id: e.kind for e in campaign.endings}
    kinds = {
        kind: _share(sum(n for e, n in tally.endings.items() if kind_of.get(e) == kind), games)
        for kind in KINDS
    }
    lookout = lookout_of(campaign)
    tracks = []
    for position in lookout.shown:
        name = lookout.names[position]
        moved = counts.moved[name]
        tracks.append(
            {
                "name": name,
                "kind": "faction" if name in campaign.factions else "quality",
                "start": lookout.starts[position],
                "moved": _share(moved, games),
                "dead": games > 0 and moved / games < MOVED_AT_LEAST,
            }
        )
    rules = [
        {
            "id": rule.id,
            "applied": _share(counts.rules[rule.id], games),
            "dead": games > 0 and counts.rules[rule.id] / games < RULE_AT_LEAST,
        }
        for rule in campaign.rules
    ]
    seen = flags_the_player_sees(campaign)
    flags = [
        {
            "name": name,
            "set": _share(counts.flags[name], games),
            "seen": name in seen,
            "dead": counts.flags[name] > 0 and name not in seen,
        }
        for name in campaign.flags
    ]
    return {
        "kinds": kinds,
        "tracks": tracks,
        "rules": rules,
        "flags": flags,
        "ideas": _ideas(campaign, tally),
        "history": {
            "decisions": counts.history_faced,
            "historical": counts.history_chosen,
            "share": round(counts.history_chosen / counts.history_faced, 6)
            if counts.history_faced
            else None,
        },
        "systems": system_findings(campaign, tally.systems, games),
    }


def _ideas(campaign: Campaign, tally: Tally) -> list[dict[str, Any]]:
    games, counts = tally.games, tally.measures
    lookout = lookout_of(campaign)
    shown = [p for p in lookout.shown if lookout.names[p] in campaign.qualities]
    tagged = set(lookout.option_ideas.values()) | set(lookout.outcome_ideas.values())
    rows = []
    for idea in IDEAS:
        used = counts.idea_games[idea]
        change: dict[str, float] = {}
        with_sum = counts.idea_end.get(idea)
        if with_sum and used < games:
            for position in shown:
                with_mean = with_sum[position] / used
                without_mean = (counts.end_sum[position] - with_sum[position]) / (games - used)
                change[lookout.names[position]] = round(with_mean - without_mean, 3)
        rows.append(
            {
                "idea": idea,
                "in_content": idea in tagged,
                "games": _share(used, games),
                "uses_per_game": round(counts.idea_uses[idea] / games, 4) if games else 0.0,
                "change": change,
            }
        )
    return rows
