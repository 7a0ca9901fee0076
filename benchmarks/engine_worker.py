"""One timed pass of the engine, for ``compare.py``: run in a fresh process against
whichever checkout ``PYTHONPATH`` points at, it prints one line of JSON.

    python benchmarks/engine_worker.py CAMPAIGN_FOLDER GAMES

Random strategy, game seeds 0..GAMES-1 of run 0, played three times: through the
playtester's loop (``tools.playtest.runner.play``), through the ``Game`` API,
and through the ``Game`` API with a view of every moment, as a front-end plays
(the options are taken from the view). Each loop is timed by CPU time
(``time.process_time``) and wall time.

The games are played with the checkout's dice for new games. An engine that
keeps the first generator (``newcourse.engine.dice.MersenneDice``) plays them
once more with it, untimed, through the playtester's loop and the ``Game``
API: the digest of every game's decisions and final state with the first
generator (``first_dice_digest``) tells whether two checkouts play the same
games, whichever dice their new games use.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
import time
from collections.abc import Callable

from newcourse.content import load_campaign
from newcourse.engine import Game, rules
from newcourse.tools.playtest.runner import game_seed, play
from newcourse.tools.playtest.strategies import StrategySpec, build_player

try:  # an engine with more than one generator of chance
    from newcourse.engine.dice import OLD_DICE
except ImportError:  # the engine before generators had names: its only dice are the first
    OLD_DICE = None


def main() -> None:
    folder, games = sys.argv[1], int(sys.argv[2])
    campaign = load_campaign(folder)
    player = build_player(campaign, StrategySpec("random"))
    seeds = [game_seed(0, index) for index in range(games)]
    digest = hashlib.sha256()
    counted = {"runner": 0, "api": 0, "view": 0}
    dice = {} if OLD_DICE is None else {"generator": OLD_DICE}

    def first_dice_digest() -> str:
        """Both loops' games, played with the first generator."""
        first = hashlib.sha256()
        for seed in seeds:
            state, decisions = play(campaign, player, seed, **dice)
            first.update(repr((decisions, state.snapshot())).encode())
        for seed in seeds:
            rng = random.Random(seed)
            game = Game.start(campaign, seed, **dice)
            while not game.over:
                scope = rules.scope_of(campaign, game.state)
                event = campaign.events[game.state.queue[0]]
                options = [o for o in event.options if rules.is_available(o, scope)]
                game = game.choose(rng.choice(options).id)
            first.update(repr(game.state.snapshot()).encode())
        return first.hexdigest()[:16]

    def runner_loop() -> None:
        for seed in seeds:
            state, decisions = play(campaign, player, seed)
            counted["runner"] += len(decisions)
            digest.update(repr((decisions, state.snapshot())).encode())

    def api_loop() -> None:
        for seed in seeds:
            rng = random.Random(seed)
            game = Game.start(campaign, seed)
            while not game.over:
                scope = rules.scope_of(campaign, game.state)
                event = campaign.events[game.state.queue[0]]
                options = [o for o in event.options if rules.is_available(o, scope)]
                game = game.choose(rng.choice(options).id)
            counted["api"] += len(game.decisions)
            digest.update(repr(game.state.snapshot()).encode())

    def view_loop() -> None:
        for seed in seeds:
            rng = random.Random(seed)
            game = Game.start(campaign, seed)
            while not game.over:
                view = game.view()
                game = game.choose(rng.choice([o.id for o in view.options if o.available]))
            game.view()
            counted["view"] += len(game.decisions)
            digest.update(repr(game.state.snapshot()).encode())

    def timed(loop: Callable[[], None]) -> tuple[float, float]:
        cpu, wall = time.process_time(), time.perf_counter()
        loop()
        return time.process_time() - cpu, time.perf_counter() - wall

    play(campaign, player, game_seed(1, 0))  # warm up: first calls, caches
    runner_cpu, runner_wall = timed(runner_loop)
    api_cpu, api_wall = timed(api_loop)
    view_cpu, view_wall = timed(view_loop)
    print(
        json.dumps(
            {
                "decisions": counted["runner"],
                "runner_cpu_us": 1e6 * runner_cpu / counted["runner"],
                "runner_wall_us": 1e6 * runner_wall / counted["runner"],
                "api_cpu_us": 1e6 * api_cpu / counted["api"],
                "api_wall_us": 1e6 * api_wall / counted["api"],
                "view_cpu_us": 1e6 * view_cpu / counted["view"],
                "view_wall_us": 1e6 * view_wall / counted["view"],
                "games_digest": digest.hexdigest()[:16],
                "first_dice_digest": first_dice_digest(),
            }
        )
    )


if __name__ == "__main__":
    main()
