"""Whatever a save file holds, loading it either works or says why in a SaveError."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newcourse.engine import Campaign, Game, SaveError
from newcourse.storage import read_save

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=30,
)

ODD_VALUES = st.one_of(
    JSON,
    st.integers(min_value=10**18, max_value=10**4000),
    st.just(-1),
    st.just([["letter", "publish"]] * 50),
    st.just({"id": "mini", "version": "1"}),
)

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _load(campaign: Campaign, folder: Path, data: Any) -> None:
    path = folder / "save.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with contextlib.suppress(SaveError):
        Game.from_data(campaign, read_save(path).data)


@SETTINGS
@given(data=JSON)
def test_any_json_value_loads_or_is_refused(mini: Campaign, tmp_path: Path, data: Any) -> None:
    _load(mini, tmp_path, data)


def _fits(target: Any, key: str | int) -> bool:
    if isinstance(target, dict):
        return isinstance(key, str)
    return isinstance(target, list) and isinstance(key, int) and -len(target) <= key < len(target)


def _real_save(campaign: Campaign) -> dict[str, Any]:
    game = Game.start(campaign, 3)
    for _ in range(4):
        game = game.choose(game.view().options[0].id)
    return game.to_data()


@SETTINGS
@given(
    path=st.lists(
        st.sampled_from(
            [
                "format_version",
                "campaign",
                "seed",
                "decisions",
                "snapshot",
                "id",
                "version",
                "turn",
                "values",
                0,
                1,
                -1,
            ]
        ),
        max_size=3,
    ),
    value=ODD_VALUES,
)
def test_any_change_to_a_real_save_loads_or_is_refused(
    mini: Campaign, tmp_path: Path, path: list[str | int], value: Any
) -> None:
    data: Any = _real_save(mini)
    target = data
    for step in path[:-1]:
        if not _fits(target, step) or (isinstance(target, dict) and step not in target):
            break
        target = target[step]
    last = path[-1] if path else "seed"
    if _fits(target, last):
        target[last] = value
    _load(mini, tmp_path, data)


@SETTINGS
@given(cut=st.integers(min_value=0, max_value=2000), junk=st.binary(max_size=8))
def test_a_real_save_cut_short_or_with_bytes_in_it_is_refused_or_loads(
    mini: Campaign, tmp_path: Path, cut: int, junk: bytes
) -> None:
    text = json.dumps(_real_save(mini)).encode()
    path = tmp_path / "save.json"
    path.write_bytes(text[:cut] + junk + text[cut:])
    with contextlib.suppress(SaveError):
        Game.from_data(mini, read_save(path).data)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xef\xbb\xbf", None),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"seed": ' + "7" * 5000 + "}", "damaged"),
    ],
)
def test_particular_shapes(
    mini: Campaign, tmp_path: Path, content: str | bytes, message: str | None
) -> None:
    path = tmp_path / "save.json"
    if isinstance(content, bytes):
        path.write_bytes(content + json.dumps(_real_save(mini)).encode())
        assert Game.from_data(mini, read_save(path).data).state.step == 4
        return
    path.write_text(content)
    with pytest.raises(SaveError, match=message):
        read_save(path)
