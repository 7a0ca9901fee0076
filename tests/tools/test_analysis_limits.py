"""The checker at the bounds of what a campaign may write: expressions nested as deep as
the engine allows (48 levels), as long (1000 parts), and an event with more options
than any writer needs, whose conditions the analysis joins into one. ``newcourse check``
answers on each, with no failure of its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newcourse.cli import main
from newcourse.content import builtin_campaign_path
from newcourse.engine.errors import ExpressionError
from newcourse.engine.expressions import Binary, Literal, parse_expr
from newcourse.engine.expressions.parser import MAX_DEPTH, MAX_PARTS, depth_of
from newcourse.tools.analysis.context import conjoin

BASE = Path(__file__).resolve().parent / "broken" / "base"
GAMES = "10"


def nested_sum(levels: int) -> str:
    """'(((cadres + 1) + 1) ...)', nesting ``levels`` deep."""
    text = "cadres"
    for _ in range(levels - 1):
        text = f"({text} + 1)"
    return text


def nested_condition(levels: int) -> str:
    """Comparisons joined by 'and' and 'or' in turn, nesting ``levels`` deep."""
    text = "cadres > 1"
    for n in range(levels - 2):
        text = f"({text} {'and' if n % 2 else 'or'} democracy > {n})"
    return text


def long_condition() -> str:
    """'min(cadres, cadres, ...) >= 0' of exactly ``MAX_PARTS`` parts."""
    names = (MAX_PARTS - 5 + 1) // 2  # min ( ... ) >= 0 around names and their commas
    return "min(" + ", ".join(["cadres"] * names) + ") >= 0"


def test_the_expressions_here_are_at_the_engines_limits() -> None:
    for text in (nested_sum(MAX_DEPTH), nested_condition(MAX_DEPTH), "not " * 46 + "cadres > 1"):
        assert depth_of(parse_expr(text))[0] == MAX_DEPTH, text
    parse_expr(long_condition())  # as long as may be
    with pytest.raises(ExpressionError, match="too long"):
        parse_expr(long_condition() + " + 0")


def campaign_with(folder: Path, events: str) -> Path:
    campaign = folder / "campaign"
    shutil.copytree(BASE, campaign)
    (campaign / "events" / "limits.yaml").write_text(events, encoding="utf-8")
    return campaign


def check(campaign: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["check", "--campaign", str(campaign), "--games", GAMES])
    out, err = capsys.readouterr()
    assert "the checker failed" not in out, out
    assert "Traceback" not in out + err and "RecursionError" not in out + err
    return status, out


def test_expressions_nested_as_deep_and_as_long_as_allowed_are_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = nested_condition(MAX_DEPTH)
    campaign = campaign_with(
        tmp_path,
        f"""events:
  - id: rally
    title: A rally
    window: {{from: 1923-10-01, to: 1924-09-30}}
    when: "{deep}"
    weight: "{nested_sum(MAX_DEPTH)}"
    text: The hall fills.
    options:
      - id: speak
        text: Speak.
        requires: "{"not " * 46 + "cadres > 1"}"
        effects: "democracy += {nested_sum(MAX_DEPTH - 1)}"
        outcomes:
          - {{id: cheered, label: Cheered, weight: "{nested_sum(MAX_DEPTH)}"}}
          - {{id: booed, label: Booed, weight: "max(0, {nested_sum(MAX_DEPTH - 2)})"}}
      - id: leave
        text: Leave.
        if: "{deep}"
        requires: "{long_condition()}"
""",
    )
    status, out = check(campaign, capsys)
    assert status == 0
    assert "option 'leave': its 'requires' 'min(cadres, cadres," in out  # it was reasoned about
    assert out.strip().endswith("0 errors, 0 warnings, 1 note")


def test_an_event_with_very_many_options_is_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    options = "".join(
        f'      - {{id: o{n}, text: Option {n}., requires: "cadres >= 1"}}\n' for n in range(1500)
    )
    campaign = campaign_with(
        tmp_path,
        f"""events:
  - id: rally
    title: A rally
    window: {{from: 1923-10-01, to: 1924-09-30}}
    text: The hall fills.
    options:
{options}      - {{id: last, text: Last., if: "democracy >= 0 or cadres >= 1"}}
""",
    )
    status, out = check(campaign, capsys)
    assert status == 0
    assert out.strip().endswith("0 errors, 0 warnings, 0 notes")


def test_conditions_are_joined_as_a_shallow_tree() -> None:
    parts = [parse_expr(f"cadres >= {n}") for n in range(1500)]
    assert depth_of(conjoin(*parts))[0] <= 2 + 11  # a comparison under log2(1500) 'and's
    a, b, c = parts[:3]
    assert conjoin(a, None, b, c) == Binary("and", Binary("and", a, b), c)
    assert conjoin(None) == Literal(True)


def test_a_world_rule_that_counts_turns_since_a_flag_is_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    campaign = tmp_path / "campaign"
    shutil.copytree(builtin_campaign_path("left_opposition"), campaign)
    rules = campaign / "world.yaml"
    rules.write_text(
        rules.read_text(encoding="utf-8")
        + '  - id: lately\n    when: "since(leningrad_break) < 2"\n    effects: "apparatus -= 1"\n',
        encoding="utf-8",
    )
    status, _ = check(campaign, capsys)
    assert status == 0
