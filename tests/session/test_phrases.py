"""The phrasebook: one wording for each answer, whichever front-end gives it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import newcourse.session
from newcourse.session import command_named
from newcourse.session.phrases import (
    no_such_option,
    not_available,
    not_possible,
    sentence,
    unknown_command,
)


def test_an_option_that_is_not_there() -> None:
    assert no_such_option("9", 2) == "There is no option 9; choose from 1 to 2."
    assert no_such_option("1", 0) == "There is no option 1: there is nothing to choose now."


def test_words_that_name_nothing_point_to_the_help() -> None:
    assert unknown_command("fly", 3) == (
        'There is no option "fly"; choose from 1 to 3, or type "help" for the commands.'
    )
    assert unknown_command("fly", 0) == (
        'There is no option or command "fly"; type "help" for the commands.'
    )


def test_a_long_answer_is_repeated_short() -> None:
    said = unknown_command("9" * 5000, 2)
    assert said == (
        'There is no option "99999999999999999999999…"; choose from 1 to 2, '
        'or type "help" for the commands.'
    )


def test_an_option_that_is_not_open() -> None:
    assert not_available(2, "You need two cadres.") == (
        "Option 2 is not available: You need two cadres."
    )
    assert not_available(2, "") == "Option 2 is not available now."


def test_a_refusal_is_one_sentence() -> None:
    assert (
        not_possible("there is nothing to undo yet")
        == "Not possible: there is nothing to undo yet."
    )
    assert sentence("Why? ") == "Why?"


PRESSING = re.compile(r"\b(press|type)\s+([\"'][^\"']+[\"']|\S\b)", re.IGNORECASE)
"""Words that tell the player to press or type something."""


def _said(path: Path) -> list[str]:
    """The texts a module of the session layer may say (its strings but its docstrings)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    documented = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    texts = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in documented
        ):
            texts.append(node.value)
    return texts


def test_the_shared_layer_names_no_key_or_command_of_its_own() -> None:
    """What the session layer says reaches the web too, which has no keys: a key or a
    command it names comes from the command table, never from a literal."""
    assert PRESSING.search("Not possible: press u to undo.")
    assert PRESSING.search('or type "undo"') and not PRESSING.search("press the number")
    for path in sorted(Path(newcourse.session.__file__).parent.glob("*.py")):
        for text in _said(path):
            assert not PRESSING.search(text), f"{path.name} names a key: {text!r}"
    assert unknown_command("fly", 0).endswith(
        f'type "{command_named("help").name}" for the commands.'
    )
