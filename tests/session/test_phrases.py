"""The phrasebook: one wording for each answer, whichever front-end gives it."""

from __future__ import annotations

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
