"""The generators of chance: deterministic streams per seed, purpose and step."""

from __future__ import annotations

import random
import statistics

import pytest

from newcourse.engine.dice import DICE, NEW_DICE, OLD_DICE, Dice, MersenneDice, dice_named


def numbers(dice: Dice, purpose: str, step: int, count: int = 5) -> list[float]:
    stream = dice.stream(purpose, step)
    return [stream.random() for _ in range(count)]


@pytest.mark.parametrize("name", sorted(DICE))
def test_the_same_seed_purpose_and_step_give_the_same_numbers(name: str) -> None:
    first, again = dice_named(name, 1923), dice_named(name, 1923)
    assert numbers(first, "outcome", 4) == numbers(again, "outcome", 4)
    assert numbers(first, "outcome", 4) == numbers(first, "outcome", 4)  # a stream is not used up


def test_new_games_use_splitmix_and_old_saves_mersenne() -> None:
    assert (NEW_DICE, OLD_DICE) == ("splitmix", "mersenne")
    assert type(dice_named(NEW_DICE, 1)) is Dice
    assert type(dice_named(OLD_DICE, 1)) is MersenneDice
    with pytest.raises(KeyError):
        dice_named("loaded", 1)


def test_the_first_generator_draws_as_it_always_did() -> None:
    """Saves and replays of format 1 were played with these numbers."""
    expected = random.Random("7:outcome:3")
    assert numbers(MersenneDice(7), "outcome", 3) == [expected.random() for _ in range(5)]


def test_streams_differ_by_seed_purpose_and_step() -> None:
    dice = Dice(5)
    firsts = {
        numbers(dice, "outcome", 0)[0],
        numbers(dice, "outcome", 1)[0],
        numbers(dice, "draw", 0)[0],
        numbers(Dice(6), "outcome", 0)[0],
    }
    assert len(firsts) == 4


def test_a_stream_does_not_run_into_the_next_steps() -> None:
    """Counter streams keyed by the step: step 0's second number is not step 1's first."""
    dice = Dice(11)
    assert numbers(dice, "draw", 0, 2)[1] != numbers(dice, "draw", 1, 1)[0]


@pytest.mark.parametrize("seed", [-1, -(10**18)])
def test_a_negative_seed_is_not_its_value_modulo_two_to_the_64(seed: int) -> None:
    assert numbers(Dice(seed), "outcome", 0) != numbers(Dice(seed % 2**64), "outcome", 0)


def test_the_numbers_are_spread_evenly_over_zero_to_one() -> None:
    found = [Dice(seed).stream("outcome", n).random() for seed in range(200) for n in range(50)]
    assert all(0 <= x < 1 for x in found)
    assert statistics.mean(found) == pytest.approx(0.5, abs=0.01)
    tenths = [sum(1 for x in found if k / 10 <= x < (k + 1) / 10) for k in range(10)]
    assert min(tenths) > 900 and max(tenths) < 1100  # 1,000 expected in each
