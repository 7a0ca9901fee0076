"""Decisions and complete playthroughs per second, random strategy, one core.

Two loops over the same games, timed in turn (A, B, A, B, ...) by wall and CPU
time: the playtester's (``tools.playtest.runner.play``, which drives
``engine.rules`` directly) and the front-ends' ``Game`` API (``Game.start`` and
``Game.choose``, which also keeps every state for undo). To compare two
revisions of the engine, use ``compare.py``.

    python benchmarks/bench_engine.py [--games 2000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from typing import Any

from common import campaign_folder
from newcourse.content import load_campaign
from newcourse.engine import Game, rules
from newcourse.tools.playtest.runner import game_seed, play
from newcourse.tools.playtest.strategies import StrategySpec, build_player


def measure(games: int = 2000, repeat: int = 5) -> dict[str, Any]:
    folder, note = campaign_folder()
    campaign = load_campaign(folder)
    player = build_player(campaign, StrategySpec("random"))
    seeds = [game_seed(0, index) for index in range(games)]
    decisions = 0

    def runner_loop() -> tuple[float, float]:
        nonlocal decisions
        cpu, wall = time.process_time(), time.perf_counter()
        decisions = sum(len(play(campaign, player, seed)[1]) for seed in seeds)
        return time.perf_counter() - wall, time.process_time() - cpu

    def game_api_loop() -> tuple[float, float]:
        cpu, wall = time.process_time(), time.perf_counter()
        for seed in seeds:
            rng = random.Random(seed)
            game = Game.start(campaign, seed)
            while not game.over:
                scope = rules.scope_of(campaign, game.state)
                event = campaign.events[game.state.queue[0]]
                options = [o for o in event.options if rules.is_available(o, scope)]
                game = game.choose(rng.choice(options).id)
        return time.perf_counter() - wall, time.process_time() - cpu

    # in turn, so that the machine's drift hits both loops alike
    runs: dict[str, list[tuple[float, float]]] = {"runner": [], "game_api": []}
    for _ in range(repeat):
        runs["runner"].append(runner_loop())
        runs["game_api"].append(game_api_loop())
    runner = statistics.median(wall for wall, _ in runs["runner"])
    runner_cpu = statistics.median(cpu for _, cpu in runs["runner"])
    api = statistics.median(wall for wall, _ in runs["game_api"])
    return {
        "campaign": folder.name,
        "note": note,
        "games": games,
        "decisions_per_game": decisions / games,
        "runner_decisions_per_s": decisions / runner,
        "runner_games_per_s": games / runner,
        "runner_cpu_decisions_per_s": decisions / runner_cpu,
        "game_api_games_per_s": games / api,
        "runs_s": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--games", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(measure(args.games, args.repeat), indent=1))


if __name__ == "__main__":
    main()
