"""Run every benchmark and print the figures as Markdown, against the targets.

    python benchmarks/run.py [--quick] [--json FILE]

``--quick`` runs fewer games and repeats (a smoke test, not figures to quote).
The figures for benchmarks/RESULTS.md are the medians this prints.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_engine
import bench_playtest
import bench_startup
from common import machine

TARGETS = {
    "decisions_per_s": 20_000,  # one core, random strategy
    "first_prompt_s": 0.5,
    "first_prompt_cpu_s": 0.3,  # with the campaign cache warm
    "playtest_10000_jobs_2_s": 60.0,  # the full campaign (1923-1930)
}


def full_campaign_scale() -> float:
    """How much longer a game of the whole campaign (to the end of 1930) is than one of
    the campaign as it stands, by turns: decisions a game grow about as the turns."""
    from common import campaign_folder
    from newcourse.content import load_campaign
    from newcourse.engine import Quarter

    campaign = load_campaign(campaign_folder()[0])
    full = Quarter(1930, 3).turns_since(campaign.start) + 1
    return round(max(1.0, full / campaign.turns), 2)


def _mark(ok: bool) -> str:
    return "met" if ok else "MISSED"


def report(results: dict[str, Any]) -> str:
    engine, playtest, startup = results["engine"], results["playtest"], results["startup"]
    host = results["machine"]
    lines = [
        f"Date {host['date']}; {host['cores']} cores, {host['cpu']}; Python {host['python']}.",
        f"Campaign: {engine['campaign']} ({engine['decisions_per_game']:.1f} decisions a game, "
        "random strategy).",
    ]
    if engine["note"]:
        lines.append(f"Note: {engine['note']}.")
    rate = engine["runner_decisions_per_s"]
    lines += [
        "",
        "| measure | median | target |",
        "|---|---|---|",
        f"| decisions/s, one core (playtest loop) | {rate:,.0f} | "
        f"≥ {TARGETS['decisions_per_s']:,} ({_mark(rate >= TARGETS['decisions_per_s'])}) |",
        f"| playthroughs/s, one core (playtest loop) | {engine['runner_games_per_s']:,.0f} | |",
        f"| playthroughs/s, one core (Game API) | {engine['game_api_games_per_s']:,.0f} | |",
    ]
    games = playtest["games"]
    for key in sorted(k for k in playtest if k.startswith("jobs_")):
        run = playtest[key]
        target = ""
        if key == "jobs_2":
            # the full campaign is about 7 times longer than its first year
            scale = results.get("full_campaign_scale", 1.0)
            estimate = run["wall_s"] * scale
            ok = estimate < TARGETS["playtest_10000_jobs_2_s"]
            target = f"< {TARGETS['playtest_10000_jobs_2_s']:.0f} s for the full campaign"
            if scale != 1.0:
                target += f" (≈ {estimate:.0f} s at ×{scale:g} decisions a game: {_mark(ok)})"
            else:
                target += f" ({_mark(ok)})"
        lines.append(
            f"| `playtest -n {games}` --jobs {key[5:]} | {run['wall_s']:.1f} s: "
            f"{run['games_per_s']:,.0f} games/s, {run['decisions_per_s']:,.0f} decisions/s "
            f"| {target} |"
        )
    prompt, cpu = startup["first_prompt_s"], startup["first_prompt_cpu_s"]
    lines += [
        f"| `play --plain` to the first prompt, campaign cache warm | {prompt:.3f} s | "
        f"≤ {TARGETS['first_prompt_s']} s ({_mark(prompt <= TARGETS['first_prompt_s'])}) |",
        f"| its CPU time | {cpu:.3f} s | "
        f"≤ {TARGETS['first_prompt_cpu_s']} s ({_mark(cpu <= TARGETS['first_prompt_cpu_s'])}) |",
        f"| the same with no campaign cache, wall / CPU | "
        f"{startup['first_prompt_without_campaign_cache_s']:.3f} s / "
        f"{startup['first_prompt_without_campaign_cache_cpu_s']:.3f} s | (for information) |",
        f"| the same, with no bytecode cache | "
        f"{startup['first_prompt_without_bytecode_cache_s']:.3f} s | (for information) |",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="few games and repeats")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument(
        "--full-campaign-scale",
        type=float,
        help="how many times longer a full game is than one of the campaign measured "
        "(default: turns to the end of 1930 over the campaign's turns)",
    )
    args = parser.parse_args()
    quick = args.quick
    results: dict[str, Any] = {"machine": machine()}
    print("engine…", file=sys.stderr)
    results["engine"] = bench_engine.measure(games=200 if quick else 2000, repeat=2 if quick else 5)
    print("playtest…", file=sys.stderr)
    results["playtest"] = bench_playtest.measure(
        games=500 if quick else 10000, repeat=1 if quick else 3
    )
    print("start-up…", file=sys.stderr)
    results["startup"] = bench_startup.measure(repeat=3 if quick else 15)
    results["full_campaign_scale"] = args.full_campaign_scale or full_campaign_scale()
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(report(results))


if __name__ == "__main__":
    main()
