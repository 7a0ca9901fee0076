"""Properties of the plain player: whatever lines it is given, it never raises, always ends,
and every line it writes is text a terminal or a screen reader can take.

The input mixes the player's own commands and option numbers with the hostile
kind: text from every Unicode category, digits of other scripts (``²``,
``①``, Kharosthi), numbers of thousands of digits, control characters and
escape sequences. Run on the small test campaign and on the real one.
"""

from __future__ import annotations

import io
import signal
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newcourse.engine import Campaign
from newcourse.session import Session
from newcourse.terminal.plain import PlainPlayer

SECONDS = 20  # far more than any input here needs; a player that runs longer does not end

COMMANDS = ["1", "2", "3", "4", "", "undo", "u", "status", "timeline", "news", "codex", "help"]
COMMANDS += ["save", "save x", "0", "-1", "+1", " 2 ", "1.0", "1e3", "q"]
STRANGE_DIGITS = [
    "²",
    "³",
    "¹",
    "①",
    "⑳",
    "𐩀",
    "𐩃",
    "٣",
    "۴",
    "߃",
    "३",
    "๓",
    "፫",
    "Ⅻ",
    "½",
    "𝟙",
    "１",
]
CONTROLS = [
    "\x1b[2J",
    "\x1b]0;title\x07",
    "\x00",
    "\x08",
    "\x7f",
    "\x9b31m",
    "\r",
    "\x0c",
    "\u2028",
]

numbers = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.integers(min_value=4_000, max_value=6_000).map(lambda n: "9" * n),
    st.lists(st.sampled_from(STRANGE_DIGITS), min_size=1, max_size=6).map("".join),
)
any_text = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\n"),
    max_size=40,
)
lines = st.one_of(
    st.sampled_from(COMMANDS),
    numbers,
    any_text,
    st.lists(st.sampled_from(CONTROLS + COMMANDS), min_size=1, max_size=4).map("".join),
)
inputs = st.tuples(st.integers(0, 2**32 - 1), st.lists(lines, max_size=40), st.booleans())


class DidNotEnd(Exception):
    """The player was still running when its time was up."""


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def stop(signum: int, frame: FrameType | None) -> None:
        raise DidNotEnd(f"the plain player did not end within {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def faults(line: str) -> list[str]:
    """What keeps a line of output from being plain text: lone surrogates, control characters."""
    found = []
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        found.append("a lone surrogate")
    controls = {c for c in line if unicodedata.category(c) == "Cc" and c != "\t"}
    if controls:
        found.append("control characters " + ", ".join(sorted(repr(c) for c in controls)))
    return found


def play(campaign: Campaign, seed: int, typed: list[str], final_newline: bool) -> tuple[int, str]:
    stdin = io.StringIO("\n".join(typed) + ("\n" if final_newline else ""))
    stdout = io.StringIO()
    player = PlainPlayer(Session.new(campaign, seed, None), stdin, stdout)
    with time_limit(SECONDS):
        code = player.run()
    return code, stdout.getvalue()


@pytest.fixture(autouse=True)
def _in_a_scratch_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Typed lines such as "save x.json" write a file where the player stands."""
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("which", ["mini", "real"])
@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(given_input=inputs)
def test_any_input_is_answered_and_the_player_ends(
    which: str, given_input: tuple[int, list[str], bool], request: pytest.FixtureRequest
) -> None:
    campaign: Campaign = request.getfixturevalue(which)
    seed, typed, final_newline = given_input
    code, output = play(campaign, seed, typed, final_newline)
    assert code == 0
    assert output.endswith("\n")
    bad = {n: faults(line) for n, line in enumerate(output.split("\n"), 1) if faults(line)}
    assert not bad, f"output lines that are not plain text: {bad}"


@pytest.mark.parametrize("typed", ["²", "①", "𐩀", "9" * 5000, "١٢"])
def test_a_digit_of_another_kind_is_no_option(typed: str, mini: Campaign) -> None:
    code, output = play(mini, 1, [typed, "q"], True)
    assert code == 0
    assert "There is no option" in output or "is not a command" in output
