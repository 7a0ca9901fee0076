"""Playing many games in worker processes, in bounded memory, stopping cleanly on Ctrl-C.

The work is cut into chunks of ``CHUNK`` game numbers, made as they are needed
and handed out a few at a time, so a run of any length holds only the chunks
in hand and the merged ``Tally``.
"""

from __future__ import annotations

import itertools
import multiprocessing
import queue
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...engine.model import Campaign
from .runner import CHUNK, Tally, game_seed, play_into
from .strategies import Player, StrategySpec, build_player

__all__ = ["AHEAD", "Run", "run_games"]

AHEAD = 2  # chunks in each worker's hands at once: the work in hand stays bounded


@dataclass
class Run:
    """The result of ``run_games``: the counts, and whether it was cut short."""

    tally: Tally
    requested: int
    interrupted: bool = False  # by Ctrl-C
    out_of_time: bool = False  # stopped at the time limit


_worker: tuple[Campaign, Player] | None = None


def _init_worker(folder: str, spec: StrategySpec) -> None:
    """Set up a worker: ignore Ctrl-C (the parent handles it); load the campaign unless
    the worker was forked with it already loaded."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _worker
    if _worker is None:
        from ...content import load_campaign

        campaign = load_campaign(folder)
        _worker = (campaign, build_player(campaign, spec))


def _run_chunk(job: tuple[int, int, int]) -> Tally:
    run_seed, begin, end = job
    assert _worker is not None
    campaign, player = _worker
    tally = Tally()
    for index in range(begin, end):
        play_into(tally, campaign, player, index, game_seed(run_seed, index))
    return tally  # folded where the chunks are merged, in bigger batches


def run_games(
    campaign: Campaign,
    folder: Path,
    spec: StrategySpec,
    games: int,
    seed: int,
    jobs: int = 1,
    advance: Callable[[int], None] | None = None,
    seconds: float | None = None,
) -> Run:
    """Play ``games`` games with the strategy ``spec``. Ctrl-C stops early with what is done.

    Args:
        campaign: the loaded campaign (``folder`` is where it came from, for workers
            that cannot inherit it).
        spec: the strategy; must build for this campaign.
        seed: the run's seed: the same seed gives the same games.
        jobs: worker processes; 1 plays in this process.
        advance: called with the number of games just finished, for a progress bar.
        seconds: start no game after this long (the run is then ``out_of_time``).
    """
    player = build_player(campaign, spec)
    run = Run(Tally(), games)
    step = advance or (lambda count: None)
    deadline = None if seconds is None else time.monotonic() + seconds
    try:
        if jobs <= 1 or games <= CHUNK:
            for index in range(games):
                if deadline is not None and time.monotonic() >= deadline:
                    run.out_of_time = True
                    break
                play_into(run.tally, campaign, player, index, game_seed(seed, index))
                step(1)
                if index % CHUNK == CHUNK - 1:
                    run.tally.fold_when_full()
        else:
            _run_parallel(run, campaign, folder, spec, player, seed, jobs, step, deadline)
    except KeyboardInterrupt:
        run.interrupted = True
    run.tally.fold()
    return run


def _run_parallel(
    run: Run,
    campaign: Campaign,
    folder: Path,
    spec: StrategySpec,
    player: Player,
    seed: int,
    jobs: int,
    step: Callable[[int], None],
    deadline: float | None,
) -> None:
    global _worker
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    _worker = (campaign, player) if context.get_start_method() == "fork" else None
    try:
        pool = context.Pool(jobs, initializer=_init_worker, initargs=(str(folder), spec))
    finally:
        _worker = None
    try:
        _hand_out(pool, _chunks(seed, run.requested), jobs * AHEAD, run, step, deadline)
        if run.out_of_time:
            pool.terminate()  # the chunks still in hand are not waited for
        else:
            pool.close()
    except KeyboardInterrupt:
        pool.terminate()
        raise
    finally:
        pool.join()


def _chunks(seed: int, games: int) -> Iterator[tuple[int, int, int]]:
    """The units of work, made as they are needed (a run of 10^10 games is not listed)."""
    return ((seed, begin, min(begin + CHUNK, games)) for begin in range(0, games, CHUNK))


def _hand_out(
    pool: Any,
    chunks: Iterator[tuple[int, int, int]],
    ahead: int,
    run: Run,
    step: Callable[[int], None],
    deadline: float | None = None,
) -> None:
    """Keep at most ``ahead`` chunks in the workers' hands; merge each tally as it comes back.

    (``Pool.imap`` would read the whole iterable ahead into its queue.) At the
    ``deadline`` it stops, marking the run ``out_of_time``.
    """
    done: queue.SimpleQueue[Tally | BaseException] = queue.SimpleQueue()
    in_hand = 0
    for chunk in itertools.islice(chunks, ahead):
        pool.apply_async(_run_chunk, (chunk,), callback=done.put, error_callback=done.put)
        in_hand += 1
    while in_hand:
        result = _next_result(done, deadline)
        if result is None:
            run.out_of_time = True
            return
        in_hand -= 1
        if isinstance(result, BaseException):
            raise result
        run.tally.merge(result)
        step(result.games)
        for chunk in itertools.islice(chunks, 1):
            pool.apply_async(_run_chunk, (chunk,), callback=done.put, error_callback=done.put)
            in_hand += 1


def _next_result(
    done: queue.SimpleQueue[Tally | BaseException], deadline: float | None
) -> Tally | BaseException | None:
    """The next finished chunk, or None at the deadline.

    It waits in short steps, so that Ctrl-C and the deadline are seen at once.
    """
    while deadline is None or time.monotonic() < deadline:
        try:
            return done.get(timeout=0.2)
        except queue.Empty:
            continue
    return None
