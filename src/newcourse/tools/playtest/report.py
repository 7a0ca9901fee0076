"""The playtest report as plain data: what the terminal, HTML, Markdown and JSON show.

Everything here depends only on the counts, so the same run gives the same
report, byte for byte, whatever the number of jobs. Timing is not part of it.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from ...engine.model import Campaign
from .findings import findings
from .many import Run
from .runner import ERROR, STUCK
from .stats import summarise, total_variation, wilson
from .strategies import StrategySpec

__all__ = ["REPORT_FORMAT", "REPORT_VERSION", "build_report"]

REPORT_FORMAT = "newcourse-playtest"
REPORT_VERSION = 1
DECISIVE_LIMIT = 50  # decisions listed in the report, most decisive first

_PSEUDO = {
    STUCK: "No option was available (the game got stuck)",
    ERROR: "The engine could not finish the game",
}


def build_report(campaign: Campaign, spec: StrategySpec, seed: int, run: Run) -> dict[str, Any]:
    tally = run.tally
    return {
        "format": REPORT_FORMAT,
        "format_version": REPORT_VERSION,
        "campaign": {"id": campaign.id, "version": campaign.version, "title": campaign.title},
        "strategy": spec.as_data(),
        "seed": seed,
        "requested": run.requested,
        "games": tally.games,
        "interrupted": run.interrupted or run.out_of_time,  # fewer games than requested
        "out_of_time": run.out_of_time,
        "decisions": tally.decisions,
        "mean_decisions": round(tally.decisions / tally.games, 3) if tally.games else 0,
        "endings": _endings(campaign, run),
        "coverage": _coverage(campaign, run),
        "qualities": _qualities(campaign, run),
        "decisive": _decisive(run),
        "measures": findings(campaign, tally),
    }


def _endings(campaign: Campaign, run: Run) -> list[dict[str, Any]]:
    tally = run.tally
    titles = {e.id: e.title for e in campaign.endings}
    kinds = {e.id: e.kind for e in campaign.endings}
    titles.update({k: v for k, v in _PSEUDO.items() if tally.endings[k]})
    rows = []
    for ending_id, title in titles.items():
        count = tally.endings[ending_id]
        low, high = wilson(count, tally.games)
        example = tally.examples.get(ending_id)
        rows.append(
            {
                "id": ending_id,
                "title": title,
                "kind": kinds.get(ending_id, ""),
                "count": count,
                "share": round(count / tally.games, 6) if tally.games else 0.0,
                "ci95": [round(low, 6), round(high, 6)],
                "example_seed": example[1] if example else None,
            }
        )
    return rows


def _coverage(campaign: Campaign, run: Run) -> dict[str, Any]:
    tally = run.tally
    events = {
        event_id: {
            "games": tally.event_games[event_id],
            "decisions": tally.event_decisions[event_id],
        }
        for event_id in campaign.events
    }
    options: dict[str, dict[str, int]] = {}
    for event in campaign.events.values():
        for option in event.options:
            key = (event.id, option.id)
            options[f"{event.id}.{option.id}"] = {
                "offered": tally.offered[key],
                "chosen": tally.chosen[key],
            }
    return {
        "events": {
            "total": len(events),
            "fired": sum(1 for e in events.values() if e["decisions"]),
            "never": [k for k, e in events.items() if not e["decisions"]],
            "counts": events,
        },
        "options": {
            "total": len(options),
            "chosen": sum(1 for o in options.values() if o["chosen"]),
            "never_chosen": [k for k, o in options.items() if not o["chosen"]],
            "never_available": [k for k, o in options.items() if not o["offered"]],
            "counts": options,
        },
    }


def _qualities(campaign: Campaign, run: Run) -> dict[str, Any]:
    tally = run.tally
    kinds = {name: "quality" for name in campaign.qualities}
    kinds.update({name: "faction" for name in campaign.factions})
    result: dict[str, Any] = {}
    for name, kind in kinds.items():
        by_turn = []
        for turn in range(campaign.turns):
            counts = tally.by_turn.get((turn, name))
            if counts:
                by_turn.append(
                    {"turn": turn + 1, "date": str(campaign.quarter(turn)), **summarise(counts)}
                )
        end = tally.at_end.get(name)
        result[name] = {
            "label": campaign.label(name),
            "kind": kind,
            "range": list(campaign.ranges.get(name, (0, 100))),
            "by_turn": by_turn,
            "end": summarise(end) if end else None,
        }
    return result


def _decisive(run: Run) -> list[dict[str, Any]]:
    """For each option: how the endings of games that chose it differ from the rest."""
    tally = run.tally
    smallest = max(1, math.ceil(tally.games / 100))
    rows: list[dict[str, Any]] = []
    for (event_id, option_id), chose in tally.chose_endings.items():
        rest = tally.endings - chose
        chose_count, rest_count = sum(chose.values()), sum(rest.values())
        if chose_count < smallest or rest_count < smallest:
            continue
        tvd = total_variation(chose, rest)
        if tvd <= 0:
            continue  # no difference at all: nothing to show
        faced = tally.faced_endings.get(event_id, Counter())
        otherwise = faced - chose
        rows.append(
            {
                "event": event_id,
                "option": option_id,
                "games_chose": chose_count,
                "games_not": rest_count,
                "tvd": round(tvd, 6),
                "tvd_faced": round(total_variation(chose, otherwise), 6)
                if sum(otherwise.values())
                else None,
                "with": _shares(chose),
                "without": _shares(rest),
            }
        )
    rows.sort(key=lambda row: (-row["tvd"], row["event"], row["option"]))
    return rows[:DECISIVE_LIMIT]


def _shares(counts: Counter[str]) -> dict[str, float]:
    total = sum(counts.values())
    return {k: round(counts[k] / total, 6) for k in sorted(counts)}
