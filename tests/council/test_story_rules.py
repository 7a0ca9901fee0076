"""Rules the story changes, and the decisions that end them: the ban on factions holds
until a conference or a congress the Opposition leads repeals it."""

from __future__ import annotations

import shutil
from pathlib import Path

from newcourse.content import load_with_diagnostics
from newcourse.council import rules_in_force
from newcourse.council.procedure import decided_any
from newcourse.engine import Campaign, Game
from newcourse.engine.game import Decision
from newcourse.engine.procedure import ProcedureRules
from newcourse.engine.state import Resolution, Tally

from ..conftest import MINI

REPEAL = ("conference_governing", "repeal_ban")
STATUTE = ("congress_of_councils", "new_statute")


def decided(game: Game, event: str, option: str, carried: bool | None = None) -> Game:
    """``game`` with one more decision, as the council's rules read it: ``carried`` is
    the vote's result, None for an option put to no vote."""
    yes = 60 if carried else 40
    tally = None if carried is None else Tally("a congress", 100, yes, 100 - yes, yes / 100)
    last = Resolution(event, option, "", None, "", "", tally, {}, {}, frozenset(), frozenset())
    return game._replace(
        states=(*game.states, game.state._replace(last=last)),
        decisions=(*game.decisions, Decision(event, option)),
    )


def test_the_real_ban_names_the_decisions_that_repeal_it(real: Campaign) -> None:
    assert real.council is not None
    ban = real.council.story[0]
    assert ban.id == "ban_on_factions" and ban.until == (REPEAL, STATUTE)
    for event, option in ban.until:
        assert real.events[event].option(option) is not None


def test_the_ban_holds_until_a_conference_repeals_it(real: Campaign) -> None:
    start = Game.start(real, 7)
    banned = rules_in_force(real, ProcedureRules(), start)
    assert not banned.tendencies and "ban on factions" in banned.reason("tendencies")
    kept = decided(start, "conference_governing", "keep_ban")
    assert not rules_in_force(real, ProcedureRules(), kept).tendencies
    repealed = rules_in_force(real, ProcedureRules(), decided(kept, *REPEAL))
    assert repealed.tendencies and repealed.joint_statements
    assert repealed.reason("tendencies") == ""


def test_a_statute_put_to_the_vote_repeals_the_ban_only_if_it_carries(real: Campaign) -> None:
    start = Game.start(real, 7)
    lost = decided(start, *STATUTE, carried=False)
    assert not decided_any(lost, (STATUTE,))
    assert not rules_in_force(real, ProcedureRules(), lost).tendencies
    carried = decided(start, *STATUTE, carried=True)
    assert decided_any(carried, (STATUTE,))
    assert rules_in_force(real, ProcedureRules(), carried).tendencies


def test_no_decision_ends_a_rule_that_names_none(real: Campaign) -> None:
    game = decided(Game.start(real, 7), *REPEAL)
    assert not decided_any(game, ())
    strong = rules_in_force(real, ProcedureRules(), game)
    assert strong.recall  # the other rules are the campaign's as before


def test_a_story_rule_ended_by_an_option_that_does_not_exist_is_found(tmp_path: Path) -> None:
    folder = tmp_path / "campaign"
    shutil.copytree(MINI, folder)
    (folder / "council.yaml").write_text(
        "story:\n  - id: ban\n    tendencies: false\n    until:\n      - letter.publish\n"
        "      - letter.publsh\n",
        encoding="utf-8",
    )
    _, diagnostics = load_with_diagnostics(folder)
    found = [(d.line, d.message) for d in diagnostics if d.file.endswith("council.yaml")]
    assert any(line == 6 and "event 'letter' has no option 'publsh'" in m for line, m in found)
    assert all(line != 5 for line, _ in found)
