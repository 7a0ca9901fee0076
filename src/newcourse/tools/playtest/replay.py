"""Replay files: one recorded game, played again headless to see that it still
ends the same way. A content change that alters a recorded game shows up here.

A replay file is JSON::

    {"format": "newcourse-replay", "format_version": 2,
     "campaign": {"id": "left_opposition", "version": 3},
     "seed": 7, "dice": "splitmix", "strategy": {"name": "historical"},
     "decisions": [["declaration_46", "sign"], ...],
     "expect": {"ending": "historical_path", "snapshot": {...}}}

``dice`` names the game's generator of chance (``engine/dice.py``); a file of
format 1 has none and replays with the first generator, as it was recorded.
A save written by ``Game.to_data`` is read as a replay too: its snapshot is
what the replay must reach.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ...engine import SAVE_FORMAT, Campaign, Decision, Game, Refusal
from ...engine.dice import NEW_DICE
from ...engine.game import generator_of
from .runner import Stuck, play
from .strategies import StrategySpec, build_player

__all__ = [
    "REPLAY_FORMAT",
    "REPLAY_VERSION",
    "Replay",
    "ReplayCheck",
    "ReplayError",
    "check_replay",
    "read_replay",
    "record_replay",
]

REPLAY_FORMAT = "newcourse-replay"
REPLAY_VERSION = 2  # 2: the file names its generator of chance


class ReplayError(ValueError):
    """A file that is neither a replay nor a save, or is damaged."""


@dataclass(frozen=True)
class Replay:
    campaign_id: str
    campaign_version: object
    seed: int
    decisions: tuple[Decision, ...]
    expect: Mapping[str, Any]
    strategy: StrategySpec | None = None
    generator: str = NEW_DICE  # the game's generator of chance


@dataclass
class ReplayCheck:
    """What replaying found: nothing in ``problems`` means it reached the same state."""

    replay: Replay
    problems: list[str] = field(default_factory=list)
    ending: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def read_replay(data: object) -> Replay:
    """Read a replay file's or a save's JSON data. Raises ReplayError."""
    if not isinstance(data, Mapping):
        raise ReplayError("this is not a replay file or a save")
    kind = data.get("format")
    if kind == REPLAY_FORMAT:
        version = data.get("format_version")
        if not isinstance(version, int) or version > REPLAY_VERSION:
            raise ReplayError(
                f"the replay has format version {version!r}; this game reads up to {REPLAY_VERSION}"
            )
        expect = data.get("expect")
        if not isinstance(expect, Mapping) or not isinstance(expect.get("snapshot"), Mapping):
            raise ReplayError("the replay has no 'expect' with a 'snapshot'")
        generator = generator_of(data, version, ReplayError, "replay")
    elif kind == SAVE_FORMAT:
        snapshot = data.get("snapshot")
        if not isinstance(snapshot, Mapping):
            raise ReplayError("the save has no snapshot")
        expect = {"ending": snapshot.get("ending"), "snapshot": snapshot}
        version = data.get("format_version")
        generator = generator_of(data, version if isinstance(version, int) else 1, ReplayError)
    else:
        raise ReplayError("this is not a replay file or a save (unknown 'format')")
    campaign = data.get("campaign")
    if isinstance(campaign, str):
        campaign_id, campaign_version = campaign, None
    elif isinstance(campaign, Mapping) and isinstance(campaign.get("id"), str):
        campaign_id, campaign_version = campaign["id"], campaign.get("version")
    else:
        raise ReplayError("the file does not say which campaign it belongs to")
    seed, raw = data.get("seed"), data.get("decisions")
    if not isinstance(seed, int) or not isinstance(raw, list):
        raise ReplayError("the file's seed or decisions are missing or damaged")
    if not all(
        isinstance(d, list) and len(d) == 2 and all(isinstance(x, str) for x in d) for d in raw
    ):
        raise ReplayError("the file's decisions are damaged: each is [event, option]")
    strategy = data.get("strategy")
    return Replay(
        campaign_id,
        campaign_version,
        seed,
        tuple(Decision(e, o) for e, o in raw),
        expect,
        StrategySpec.from_data(strategy) if strategy is not None else None,
        generator,
    )


def check_replay(campaign: Campaign, replay: Replay) -> ReplayCheck:
    """Play the replay's decisions again and compare the end with what it expects."""
    check = ReplayCheck(replay)
    if replay.campaign_id != campaign.id:
        check.problems.append(
            f"the file belongs to campaign {replay.campaign_id!r}, not to {campaign.id!r}"
        )
        return check
    try:
        game = Game.replay(campaign, replay.seed, replay.decisions, replay.generator)
    except Refusal as refusal:
        check.problems.append(f"the decisions no longer replay: {refusal}")
        return _note_version(check, campaign)
    check.ending = game.state.ending
    expected_ending = replay.expect.get("ending")
    if expected_ending != game.state.ending:
        check.problems.append(
            f"the ending is {game.state.ending!r}, the file expects {expected_ending!r}"
        )
    check.problems += _snapshot_differences(replay.expect["snapshot"], game.state.snapshot())
    return _note_version(check, campaign)


def _note_version(check: ReplayCheck, campaign: Campaign) -> ReplayCheck:
    recorded = check.replay.campaign_version
    if check.problems and recorded is not None and recorded != campaign.version:
        check.problems.append(
            f"(recorded with version {recorded} of the campaign; it is now {campaign.version})"
        )
    return check


def _snapshot_differences(expected: Mapping[str, Any], actual: Mapping[str, Any]) -> list[str]:
    problems = []
    for key in ("turn", "step", "queue"):
        if expected.get(key) != actual.get(key):
            problems.append(f"{key} is {actual.get(key)!r}, the file expects {expected.get(key)!r}")
    values, wanted = actual.get("values", {}), expected.get("values")
    if not isinstance(wanted, Mapping):
        problems.append("the file's snapshot has no values")
    else:
        for name in sorted(set(values) | set(wanted)):
            if values.get(name) != wanted.get(name):
                problems.append(
                    f"{name} is {values.get(name)!r}, the file expects {wanted.get(name)!r}"
                )
    flags, wanted_flags = set(actual.get("flags", [])), expected.get("flags")
    if not isinstance(wanted_flags, list):
        problems.append("the file's snapshot has no flags")
    elif flags != set(wanted_flags):
        extra, missing = sorted(flags - set(wanted_flags)), sorted(set(wanted_flags) - flags)
        problems.append(f"flags differ: now also {extra}, no longer {missing}")
    return problems


def record_replay(campaign: Campaign, spec: StrategySpec, seed: int) -> dict[str, Any]:
    """Play one game with ``spec`` (game seed ``seed``) and return its replay file's data.

    Raises:
        StrategyError: the strategy does not fit the campaign.
    """
    player = build_player(campaign, spec)
    try:
        _, decisions = play(campaign, player, seed)
    except Stuck as stuck:
        decisions = [(entry.event_id, entry.option_id) for entry in stuck.state.timeline]
    game = Game.replay(campaign, seed, (Decision(e, o) for e, o in decisions), NEW_DICE)
    return {
        "format": REPLAY_FORMAT,
        "format_version": REPLAY_VERSION,
        "campaign": {"id": campaign.id, "version": campaign.version},
        "seed": seed,
        "dice": NEW_DICE,
        "strategy": spec.as_data(),
        "decisions": [list(d) for d in decisions],
        "expect": {"ending": game.state.ending, "snapshot": game.state.snapshot()},
    }
