"""``newcourse playtest``: bots play the campaign and report what happens.

Usage:
    newcourse playtest [--campaign PATH] [-n GAMES] [--strategy NAME [--target T]] [--seed S]
                       [--jobs J] [--html FILE] [--markdown FILE] [--json FILE]
    newcourse playtest [--campaign PATH] --balance [-n GAMES] [--seed S] [--jobs J]
                       [--html FILE] [--markdown FILE] [--json FILE]
    newcourse playtest [--campaign PATH] --record FILE --seed N [--strategy NAME [--target T]]
    newcourse playtest [--campaign PATH] --replay FILE [FILE ...] [--update]

The report goes to standard output; progress and notes ("Wrote ...") go to
standard error. The report files are written all or nothing. Exit codes: those
of ``newcourse --help``; with ``--replay``, 4 when a replay ends differently.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from rich.console import Console

from ...content import builtin_campaign_path
from ...engine.errors import EngineError
from ...engine.model import Campaign
from ..exits import (
    EXIT_CAMPAIGN,
    EXIT_DIFFERENT,
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    fail,
)
from ..loading import campaign_folder, load_or_report
from .many import Run, run_games
from .replay import ReplayError, check_replay, read_replay, record_replay
from .report import build_report
from .staging import Staging
from .strategies import StrategyError, StrategySpec, build_player

__all__ = ["run_playtest"]

COMMAND = "playtest"
REFRESH_S = 0.1  # how often the progress bar is redrawn


def run_playtest(args: argparse.Namespace) -> int:
    """Run ``newcourse playtest``; returns the exit code."""
    if args.replay:
        return _replay(args)
    if args.games < 1:
        return _fail("-n must be at least 1")
    if args.jobs < 0:
        return _fail("--jobs must be 0 (every processor) or more")
    if args.time_limit is not None and not args.time_limit > 0:
        return _fail("--time-limit must be a number of seconds above 0")
    folder = campaign_folder(args.campaign)
    campaign = load_or_report(folder, command=COMMAND)
    if campaign is None:
        return EXIT_CAMPAIGN
    if args.balance:
        return _balance(campaign, folder, args)
    spec = StrategySpec(args.strategy, args.target, args.rollouts)
    try:
        build_player(campaign, spec)
    except StrategyError as error:
        return _fail(str(error))
    if args.record:
        return _record(campaign, spec, args.seed, args.record)
    jobs = worker_count(args.jobs)
    console = Console()
    started = time.perf_counter()
    run = _run_with_progress(campaign, folder, spec, args, jobs)
    elapsed = time.perf_counter() - started
    data = build_report(campaign, spec, args.seed, run)
    from .render_terminal import print_report

    print_report(data, console, elapsed)
    return _write_files(data, args, console)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(asked: int) -> int:
    """The worker processes to use: ``asked``, at most one for each processor (0: one each).

    More workers than processors only share the same processors, and each holds
    a copy of the campaign; a note on standard error says when ``asked`` is cut.
    """
    cores = _cores()
    if asked == 0:
        return cores
    if asked > cores:
        print(
            f"newcourse {COMMAND}: note: using {cores} worker{'s' * (cores != 1)}, one for each "
            f"processor here, not {asked}",
            file=sys.stderr,
        )
        return cores
    return asked


def _run_with_progress(
    campaign: Campaign, folder: Path, spec: StrategySpec, args: argparse.Namespace, jobs: int
) -> Run:
    limit = args.time_limit
    if args.quiet:
        return run_games(campaign, folder, spec, args.games, args.seed, jobs, seconds=limit)
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    progress = Progress(
        TextColumn("playing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        auto_refresh=False,  # no drawing thread: the worker processes fork from this one
    )
    last = 0.0

    def advance(count: int) -> None:
        nonlocal last
        progress.advance(task, count)
        now = time.monotonic()
        if now - last >= REFRESH_S:
            last = now
            progress.refresh()

    with progress:
        task = progress.add_task("games", total=args.games)
        return run_games(
            campaign, folder, spec, args.games, args.seed, jobs, advance=advance, seconds=limit
        )


def _write_files(data: dict[str, Any], args: argparse.Namespace, console: Console) -> int:
    """Write the report files asked for, all or nothing; say on standard error what was written."""
    staging = Staging()
    try:
        with staging:
            if args.json:
                text = json.dumps(data, indent=1) + "\n"
                staging.aside(args.json).write_text(text, encoding="utf-8")
            charts = None
            if (args.html or args.markdown) and data["games"]:
                from .charts import make_charts

                charts = make_charts(data)
            if args.html:
                from .render_html import write_html

                write_html(data, staging.aside(args.html), charts)
            if args.markdown:
                from .render_markdown import write_markdown

                write_markdown(data, staging.aside(args.markdown), charts)
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        return _fail(f"could not write the report{where}: {error.strerror or error}", EXIT_ERROR)
    if staging.placed:
        print(f"Wrote {', '.join(str(p) for p in staging.placed)}", file=sys.stderr)
    stopped_by_hand = data["interrupted"] and not data["out_of_time"]
    return EXIT_INTERRUPTED if stopped_by_hand else EXIT_OK


def _balance(campaign: Campaign, folder: Path, args: argparse.Namespace) -> int:
    """``--balance``: every strategy, the targets; the report files all or nothing."""
    from .balance import run_balance
    from .render_balance import print_balance, write_balance_html, write_balance_markdown

    console = Console()
    data = run_balance(campaign, folder, args.games, args.seed, worker_count(args.jobs))
    print_balance(data, console)
    staging = Staging()
    try:
        with staging:
            if args.json:
                text = json.dumps(data, indent=1) + "\n"
                staging.aside(args.json).write_text(text, encoding="utf-8")
            if args.html:
                write_balance_html(data, staging.aside(args.html))
            if args.markdown:
                write_balance_markdown(data, staging.aside(args.markdown))
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        return _fail(f"could not write the report{where}: {error.strerror or error}", EXIT_ERROR)
    if staging.placed:
        print(f"Wrote {', '.join(str(p) for p in staging.placed)}", file=sys.stderr)
    return EXIT_INTERRUPTED if data["interrupted"] else EXIT_OK


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    return fail(COMMAND, message, code)


def _record(campaign: Campaign, spec: StrategySpec, seed: int, path: Path) -> int:
    try:
        data = record_replay(campaign, spec, seed)
    except EngineError as error:
        message = f"the game with seed {seed} cannot be played to its end: {error}"
        return _fail(message, EXIT_ERROR)
    try:
        with Staging() as staging:
            staging.aside(path).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    except OSError as error:
        return _fail(f"could not write {path}: {error.strerror or error}", EXIT_ERROR)
    ending = data["expect"]["ending"]
    count = len(data["decisions"])
    print(f"Recorded {count} decisions (seed {seed}, ending {ending}) in {path}", file=sys.stderr)
    return EXIT_OK


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ReplayError(f"cannot read it: {error.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ReplayError(f"it is not JSON: {error}") from None


def _replay(args: argparse.Namespace) -> int:
    """Replay each file; the campaign is the one given, or the bundled one its id names.

    Exit code: 0 when every replay ends as its file expects; 4 (``EXIT_DIFFERENT``)
    when one does not; else 1 when a file cannot be read or recorded again.
    """
    loaded: dict[Path, Campaign | None] = {}
    worst = EXIT_OK
    for path in args.replay:
        try:
            replay = read_replay(_read(path))
        except (ReplayError, StrategyError) as error:
            print(f"{path}: {error}", file=sys.stderr)
            worst = max(worst, EXIT_ERROR)
            continue
        folder = campaign_folder(args.campaign)
        if args.campaign is None and builtin_campaign_path(replay.campaign_id).is_dir():
            folder = builtin_campaign_path(replay.campaign_id)
        if folder not in loaded:
            loaded[folder] = load_or_report(folder, command=COMMAND)
        campaign = loaded[folder]
        if campaign is None:
            return EXIT_CAMPAIGN
        if args.update:
            if replay.strategy is None:
                print(f"{path}: a save has no strategy to record it again with", file=sys.stderr)
                worst = max(worst, EXIT_ERROR)
                continue
            try:
                if _record(campaign, replay.strategy, replay.seed, path) != EXIT_OK:
                    worst = max(worst, EXIT_ERROR)
            except StrategyError as error:
                print(f"{path}: {error}", file=sys.stderr)
                worst = max(worst, EXIT_ERROR)
            continue
        check = check_replay(campaign, replay)
        if check.ok:
            print(f"{path}: same ending ({check.ending}) and state")
            continue
        worst = max(worst, EXIT_DIFFERENT)
        print(f"{path}: DIFFERENT")
        for problem in check.problems:
            print(f"  {problem}")
    return worst
