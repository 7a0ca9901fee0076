"""Conditional text: parsing, checking and rendering tags."""

from __future__ import annotations

import pytest

from newcourse.engine.errors import ExpressionError
from newcourse.engine.expressions import NameKind, Namespace, Scope
from newcourse.engine.text import check_template, compile_template, parse_template, render

NAMES = Namespace(
    {
        "democracy": NameKind.QUALITY,
        "rising": NameKind.FLAG,
        "defeat": NameKind.FLAG,
        "turn": NameKind.BUILTIN,
    }
)


def shown(text: str, democracy: int = 30, flags: frozenset[str] = frozenset()) -> str:
    template = parse_template(text)
    check_template(template, NAMES)
    return compile_template(template, NAMES)(
        Scope({"democracy": democracy}, set(flags), {"turn": 2})
    )


def test_a_choice_shows_the_first_branch_that_holds() -> None:
    text = "{if rising}Dresden holds.{elif defeat}Hamburg fell.{else}Quiet.{end}"
    assert shown(text, flags=frozenset({"rising"})) == "Dresden holds."
    assert shown(text, flags=frozenset({"defeat"})) == "Hamburg fell."
    assert shown(text) == "Quiet."


def test_choices_nest_and_numbers_are_put_in_as_whole_numbers() -> None:
    text = "A{if democracy > 20}B{if rising}C{else}D{end}E{end}F: {democracy / 4}"
    assert shown(text) == "ABDEF: 8"
    assert shown(text, democracy=10) == "AF: 2"


def test_doubled_braces_are_braces() -> None:
    assert shown("{{not a tag}} {democracy}") == "{not a tag} 30"


def test_a_choice_without_else_may_show_nothing() -> None:
    assert shown("[{if rising}x{end}]") == "[]"


def test_since_in_a_text_reads_when_the_flag_was_set() -> None:
    template = parse_template("{since(rising)}")
    check_template(template, NAMES)
    scope = Scope({}, {"rising"}, {"turn": 5}, {"rising": 2})
    assert compile_template(template, NAMES)(scope) == "3"


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ("a {if rising}b", "never closed with '{end}'", 1, 3),
        ("a {end}", "'{end}' without an '{if}'", 1, 3),
        ("x\n{else}", "'{else}' without an '{if}'", 2, 1),
        ("{if rising}a{else}b{elif defeat}c{end}", "'{elif}' after '{else}'", 1, 20),
        ("a { b", "never closed", 1, 3),
        ("a } b", "a lone '}'", 1, 3),
        ("{}", "an empty tag", 1, 1),
        ("{if democracy +}x{end}", "{democracy +}", 1, 1),
    ],
)
def test_mistakes_are_placed_in_the_text(text: str, message: str, line: int, column: int) -> None:
    with pytest.raises(ExpressionError) as raised:
        parse_template(text)
    assert message in raised.value.message
    assert (raised.value.line, raised.value.column) == (line, column)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{if democracy}x{end}", "a condition must be true or false"),
        ("{rising}", "a number is put in here"),
        ("{if demokracy > 1}x{end}", "unknown name 'demokracy'"),
        ("{since(democracy)}", "since() takes the name of a flag"),
    ],
)
def test_type_mistakes_are_found_when_checked(text: str, message: str) -> None:
    with pytest.raises(ExpressionError) as raised:
        check_template(parse_template(text), NAMES)
    assert message in raised.value.message


def test_a_text_without_a_brace_is_itself_without_a_template() -> None:
    assert render({}, "Plain text.", Scope({}, set(), {})) == "Plain text."
