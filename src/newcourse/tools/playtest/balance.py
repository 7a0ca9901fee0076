"""``newcourse playtest --balance``: every strategy, and the targets of a good game.

The strategies: ``random``, ``historical``, each of the campaign's own
(``strategies.yaml``), and for each shown quality a greedy one that raises that
quality alone (one step ahead, as ``greedy --target QUALITY``). Each plays the
same number of games from the same seed; the report holds each strategy's
report and the targets (the spine's "Measures of a good game"), each with the
figure that decides it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...engine.model import Campaign
from .findings import MOVED_AT_LEAST, RULE_AT_LEAST
from .many import run_games
from .report import build_report
from .strategies import StrategySpec

__all__ = [
    "BALANCE_FORMAT",
    "DOMINANCE_AT_MOST",
    "HISTORY_AT_LEAST",
    "RANDOM_ENDING_AT_MOST",
    "balance_specs",
    "balance_targets",
    "run_balance",
]

BALANCE_FORMAT = "newcourse-balance"
HISTORY_AT_LEAST = 0.5  # the historical strategy ends close to history in half its games
RANDOM_ENDING_AT_MOST = 0.5  # no ending of random play above half the games
DOMINANCE_AT_MOST = 0.35  # no one-quality greedy strategy reaches a victory more often


def balance_specs(campaign: Campaign) -> list[StrategySpec]:
    """The strategies a balance run plays, in the order of the report."""
    specs = [StrategySpec("random"), StrategySpec("historical")]
    specs += [StrategySpec(name) for name in campaign.strategies]
    specs += [
        StrategySpec("greedy", name)
        for name, quality in campaign.qualities.items()
        if quality.shown
    ]
    return specs


def run_balance(
    campaign: Campaign,
    folder: Path,
    games: int,
    seed: int,
    jobs: int,
    advance: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Play ``games`` games with each strategy of ``balance_specs``; the balance report."""
    reports = []
    interrupted = False
    for spec in balance_specs(campaign):
        run = run_games(campaign, folder, spec, games, seed, jobs, advance=advance)
        reports.append(build_report(campaign, spec, seed, run))
        if run.interrupted:
            interrupted = True
            break
    return {
        "format": BALANCE_FORMAT,
        "format_version": 1,
        "campaign": {"id": campaign.id, "version": campaign.version, "title": campaign.title},
        "seed": seed,
        "games_per_strategy": games,
        "interrupted": interrupted,
        "targets": balance_targets(reports),
        "strategies": reports,
    }


def _named(reports: list[dict[str, Any]], name: str) -> dict[str, Any] | None:
    return next((r for r in reports if r["strategy"] == {"name": name}), None)


def _target(key: str, text: str, holds: bool | None, figure: str) -> dict[str, Any]:
    return {"id": key, "target": text, "holds": holds, "figure": figure}


def balance_targets(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The spine's targets, each holding, failing, or None when its strategy was not played."""
    targets = []
    historical = _named(reports, "historical")
    if historical is not None:
        share = historical["measures"]["kinds"]["historical"]["share"]
        targets.append(
            _target(
                "historical_close_to_history",
                f"the historical strategy ends close to history in at least "
                f"{HISTORY_AT_LEAST:.0%} of its games",
                share >= HISTORY_AT_LEAST,
                f"{share:.1%}",
            )
        )
    randomly = _named(reports, "random")
    if randomly is not None:
        targets += _random_targets(randomly)
    if reports:
        targets.append(_every_ending_reached(reports))
    greedy = [r for r in reports if r["strategy"]["name"] == "greedy"]
    if greedy:
        above = {
            r["strategy"]["target"]: r["measures"]["kinds"]["victory"]["share"]
            for r in greedy
            if r["measures"]["kinds"]["victory"]["share"] > DOMINANCE_AT_MOST
        }
        top = max(greedy, key=lambda r: r["measures"]["kinds"]["victory"]["share"])
        best = top["measures"]["kinds"]["victory"]["share"]
        figure = ", ".join(f"{k} {v:.1%}" for k, v in above.items()) or (
            f"at most {best:.1%} ({top['strategy']['target']})"
        )
        targets.append(
            _target(
                "no_dominant_quality",
                f"no greedy strategy on one shown quality reaches a victory in more than "
                f"{DOMINANCE_AT_MOST:.0%} of its games",
                not above,
                figure,
            )
        )
    return targets


def _every_ending_reached(reports: list[dict[str, Any]]) -> dict[str, Any]:
    reached = {e["id"] for r in reports for e in r["endings"] if e["count"]}
    never = [e["id"] for e in reports[0]["endings"] if e["id"] not in reached]
    return _target(
        "every_ending_reached",
        "every ending is reached in some game of some strategy",
        not never,
        ", ".join(never) or f"all {len(reports[0]['endings'])} reached",
    )


def _random_targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    endings = [e for e in report["endings"] if e["count"]]
    top = max(endings, key=lambda e: e["share"]) if endings else None
    coverage = report["coverage"]
    never = [*coverage["events"]["never"], *coverage["options"]["never_chosen"]]
    measures = report["measures"]
    still = [t["name"] for t in measures["tracks"] if t["dead"]]
    quiet = [r["id"] for r in measures["rules"] if r["dead"]]
    unseen = [f["name"] for f in measures["flags"] if f["dead"]]
    return [
        _target(
            "random_no_ending_above_half",
            f"random play reaches no ending in more than {RANDOM_ENDING_AT_MOST:.0%} of games",
            top is None or top["share"] <= RANDOM_ENDING_AT_MOST,
            "" if top is None else f"{top['id']} {top['share']:.1%}",
        ),
        _target(
            "random_covers_everything",
            "random play fires every event and takes every option in some game",
            not never,
            ", ".join(never) or "all covered",
        ),
        _target(
            "random_tracks_move",
            f"every shown quality and faction leaves ±5 of its start in at least "
            f"{MOVED_AT_LEAST:.0%} of random games",
            not still,
            ", ".join(still) or "all move",
        ),
        _target(
            "random_rules_fire",
            f"every world rule applies in at least {RULE_AT_LEAST:.0%} of random games",
            not quiet,
            ", ".join(quiet) or "all apply",
        ),
        _target(
            "random_flags_seen",
            "every flag random play sets is seen by the player",
            not unseen,
            ", ".join(unseen) or "all seen",
        ),
    ]
