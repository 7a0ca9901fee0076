"""The checker's analyses of a loaded campaign, beyond what the loader checks.

``analyse`` runs them in order: what play can reach (``reach``), random games
(``sampling``), then the reports (``usage``, ``events``, ``endings``, ``world``)
and finally the observations of the random games that reasoning did not
already cover. It returns diagnostics; it prints nothing.
"""

from __future__ import annotations

from ...content.diagnostics import Diagnostic, Severity
from ...engine.model import Campaign, Source
from .context import Context
from .endings import check_endings
from .events import check_events
from .reach import compute_reach
from .sampling import Observations, play_games
from .tracks import check_clocks
from .usage import check_usage
from .world import check_codex, check_effect_values, check_headlines, check_rules

__all__ = ["DEFAULT_GAMES", "analyse"]

DEFAULT_GAMES = 200
PLAY_BUDGET = 2.0  # seconds of random play at most, whatever the number of games asked
_FEW = 10  # an event seen fewer times says little about its options


def analyse(
    campaign: Campaign, games: int = DEFAULT_GAMES, budget: float = PLAY_BUDGET
) -> list[Diagnostic]:
    ctx = Context(campaign)
    compute_reach(ctx)
    seen = play_games(campaign, games, budget) if games > 0 else Observations()
    _report_failures(ctx, seen)
    check_usage(ctx)
    check_events(ctx, stuck=set(seen.stuck))
    check_endings(ctx)
    check_rules(ctx)
    check_clocks(ctx)
    check_headlines(ctx)
    check_codex(ctx)
    check_effect_values(ctx)
    if seen.games and not any(d.severity is Severity.ERROR for d in ctx.diagnostics):
        _report_observations(ctx, seen)
    return ctx.diagnostics


def _report_failures(ctx: Context, seen: Observations) -> None:
    campaign = ctx.campaign
    for event_id, (seed, turn) in seen.stuck.items():
        event = campaign.events[event_id]
        ctx.error(
            event.source,
            f"event {event_id!r} left the player with no available option in a random game "
            f"(seed {seed}, {campaign.quarter(turn)}); give one option no 'if' or 'requires'",
        )
    reported: set[str] = set()
    for seed, turn, message in seen.failures:
        if message in reported:
            continue
        reported.add(message)
        ctx.error(
            campaign.source,
            f"a random game failed (seed {seed}, {campaign.quarter(turn)}): {message}",
        )


def _report_observations(ctx: Context, seen: Observations) -> None:
    """Notes on what the random games never saw, where no report covers it already.

    Only for campaigns without errors: a game stuck or ended at once would make
    everything after it look unreachable."""
    campaign = ctx.campaign
    covered = {(d.file, d.line) for d in ctx.diagnostics}

    def note(source: Source, message: str) -> None:
        if (source.file, source.line) not in covered:
            covered.add((source.file, source.line))
            ctx.note(source, message)

    played = f"{seen.games} random game{'s' * (seen.games != 1)}"
    for event in campaign.events.values():
        if event.id in ctx.dead:
            continue
        times = seen.fired[event.id]
        if times == 0:
            note(
                event.source,
                f"event {event.id!r} never fired in {played}; it may be rare or unreachable",
            )
            continue
        if times < _FEW:
            continue
        for option in event.options:
            if option.id not in seen.available.get(event.id, set()):
                note(
                    option.source,
                    f"event {event.id!r}, option {option.id!r} was never available in the "
                    f"{times} times the event came up in {played}",
                )
            elif option.vote is not None and seen.chosen[(event.id, option.id)] >= _FEW:
                results = seen.results.get((event.id, option.id), set())
                if len(results) == 1:
                    (result,) = results
                    note(
                        option.vote.source,
                        f"event {event.id!r}, option {option.id!r}: the vote {result} every one "
                        f"of the {seen.chosen[(event.id, option.id)]} times it was put in {played}",
                    )
    for ending in campaign.endings:
        if seen.endings[ending.id] == 0:
            note(ending.source, f"ending {ending.id!r} was not reached in {played}")
    if seen.out_of_time:
        ctx.note(
            campaign.source,
            f"random play stopped after {played} to keep the check fast",
        )
