"""Decisions and complete playthroughs per second, random strategy, one core.

Two loops over the same games: the playtester's (``tools.playtest.runner.play``,
which drives ``engine.rules`` directly) and the front-ends' ``Game`` API
(``Game.start`` and ``Game.choose``, which also keeps every state for undo).

    python benchmarks/bench_engine.py [--games 2000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from typing import Any

from common import campaign_folder, median_of
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

    def runner_loop() -> float:
        nonlocal decisions
        started = time.perf_counter()
        decisions = sum(len(play(campaign, player, seed)[1]) for seed in seeds)
        return time.perf_counter() - started

    def game_api_loop() -> float:
        started = time.perf_counter()
        for seed in seeds:
            rng = random.Random(seed)
            game = Game.start(campaign, seed)
            while not game.over:
                scope = rules.scope_of(campaign, game.state)
                event = campaign.events[game.state.queue[0]]
                options = [o for o in event.options if rules.is_available(o, scope)]
                game = game.choose(rng.choice(options).id)
        return time.perf_counter() - started

    runner, runner_runs = median_of(repeat, runner_loop)
    api, api_runs = median_of(repeat, game_api_loop)
    return {
        "campaign": folder.name,
        "note": note,
        "games": games,
        "decisions_per_game": decisions / games,
        "runner_decisions_per_s": decisions / runner,
        "runner_games_per_s": games / runner,
        "game_api_games_per_s": games / api,
        "runs_s": {"runner": runner_runs, "game_api": api_runs},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--games", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(measure(args.games, args.repeat), indent=1))


if __name__ == "__main__":
    main()
