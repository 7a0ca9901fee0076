"""``newcourse playtest``: bots play the campaign and report what happens.

Usage:
    newcourse playtest [CAMPAIGN] [-n GAMES] [--strategy NAME [--target T]] [--seed S]
                       [--jobs J] [--html FILE] [--markdown FILE] [--json FILE]
    newcourse playtest [CAMPAIGN] --record FILE --seed N [--strategy NAME [--target T]]
    newcourse playtest [CAMPAIGN] --replay FILE [FILE ...] [--update]
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
from ..loading import campaign_folder, load_or_report
from .replay import ReplayError, check_replay, read_replay, record_replay
from .report import build_report
from .runner import Run, run_games
from .strategies import StrategyError, StrategySpec, build_player

__all__ = ["run_playtest"]

EXIT_OK, EXIT_DIFFERENT, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
REFRESH_S = 0.1  # how often the progress bar is redrawn


def run_playtest(args: argparse.Namespace) -> int:
    if args.replay:
        return _replay(args)
    folder = campaign_folder(args.campaign)
    campaign = load_or_report(folder)
    if campaign is None:
        return EXIT_USAGE
    spec = StrategySpec(args.strategy, args.target, args.rollouts)
    try:
        build_player(campaign, spec)
    except StrategyError as error:
        return _fail(str(error))
    if args.record:
        return _record(campaign, spec, args.seed, args.record)
    if args.games < 1:
        return _fail("-n must be at least 1")
    jobs = args.jobs if args.jobs > 0 else _cores()
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


def _run_with_progress(
    campaign: Campaign, folder: Path, spec: StrategySpec, args: argparse.Namespace, jobs: int
) -> Run:
    if args.quiet:
        return run_games(campaign, folder, spec, args.games, args.seed, jobs)
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
        return run_games(campaign, folder, spec, args.games, args.seed, jobs, advance=advance)


def _write_files(data: dict[str, Any], args: argparse.Namespace, console: Console) -> int:
    try:
        if args.json:
            args.json.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
            console.print(f"Wrote {args.json}")
        charts = None
        if (args.html or args.markdown) and data["games"]:
            from .charts import make_charts

            charts = make_charts(data)
        if args.html:
            from .render_html import write_html

            write_html(data, args.html, charts)
            console.print(f"Wrote {args.html}")
        if args.markdown:
            from .render_markdown import write_markdown

            written = write_markdown(data, args.markdown, charts)
            console.print(f"Wrote {', '.join(str(p) for p in written)}")
    except OSError as error:
        return _fail(f"cannot write the report: {error}", 1)
    return EXIT_INTERRUPTED if data["interrupted"] else EXIT_OK


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"newcourse: {message}", file=sys.stderr)
    return code


def _record(campaign: Campaign, spec: StrategySpec, seed: int, path: Path) -> int:
    try:
        data = record_replay(campaign, spec, seed)
    except EngineError as error:
        return _fail(f"the game with seed {seed} cannot be played to its end: {error}", 1)
    try:
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    except OSError as error:
        return _fail(f"cannot write {path}: {error.strerror}", 1)
    ending = data["expect"]["ending"]
    print(f"Recorded {len(data['decisions'])} decisions (seed {seed}, ending {ending}) in {path}")
    return EXIT_OK


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ReplayError(f"cannot read it: {error.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ReplayError(f"it is not JSON: {error}") from None


def _replay(args: argparse.Namespace) -> int:
    """Replay each file; the campaign is the one given, or the bundled one its id names."""
    loaded: dict[Path, Campaign | None] = {}
    worst = EXIT_OK
    for path in args.replay:
        try:
            replay = read_replay(_read(path))
        except (ReplayError, StrategyError) as error:
            print(f"{path}: {error}", file=sys.stderr)
            worst = EXIT_USAGE
            continue
        folder = campaign_folder(args.campaign)
        if args.campaign is None and builtin_campaign_path(replay.campaign_id).is_dir():
            folder = builtin_campaign_path(replay.campaign_id)
        if folder not in loaded:
            loaded[folder] = load_or_report(folder)
        campaign = loaded[folder]
        if campaign is None:
            return EXIT_USAGE
        if args.update:
            if replay.strategy is None:
                print(f"{path}: a save has no strategy to record it again with", file=sys.stderr)
                worst = EXIT_USAGE
                continue
            try:
                if _record(campaign, replay.strategy, replay.seed, path) != EXIT_OK:
                    worst = EXIT_USAGE
            except StrategyError as error:
                print(f"{path}: {error}", file=sys.stderr)
                worst = EXIT_USAGE
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
