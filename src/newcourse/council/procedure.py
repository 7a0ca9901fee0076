"""The rules of procedure in force: the game's defaults, the campaign's, the council's
settings, then the rules the story changes while their conditions hold.

The story has the last word: a council may set its own quorum or deadline, but
while the ban on factions holds, no setting brings tendencies back. A story rule
holds while its condition holds, until the game decides an option that ends it
(the ban repealed by a conference or a congress the Opposition leads).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from fractions import Fraction

from ..engine import Campaign, Game
from ..engine.procedure import DEFAULT_RULES, ProcedureRules
from ..engine.rules import scope_of

__all__ = ["Rules", "decided_any", "is_minor", "rules_in_force"]


@dataclass(frozen=True, slots=True)
class Rules:
    """Every rule of procedure, as it stands at one moment of the game."""

    quorum: Fraction  # the share of the delegates who must vote
    tie: str  # "chair" or "revote"
    quorum_fails: str  # "adjourn" or "chair"
    deadline: int  # seconds a vote stays open; 0: no deadline
    debate: int  # seconds of debate before the vote opens; 0: it opens at once
    undo: Fraction  # the share of the votes that undoes a decision
    consent_agenda: bool  # the chair settles minor motions unless taken back
    take_back: int  # delegates it takes to take a minor motion back
    tendencies: bool
    joint_statements: bool
    recall: bool
    reasons: tuple[tuple[str, str], ...] = ()
    """For each rule a story rule changed, the reason given (rule name, sentence)."""

    def reason(self, name: str) -> str:
        """Why the story set rule ``name`` as it is, or ""."""
        return next((why for rule, why in self.reasons if rule == name), "")


def _overlay(values: dict[str, object], rules: ProcedureRules) -> list[str]:
    """Put the rules that ``rules`` sets into ``values``; the names it set."""
    changed = []
    for field in fields(rules):
        value = getattr(rules, field.name)
        if value is not None:
            values[field.name] = value
            changed.append(field.name)
    return changed


def rules_in_force(campaign: Campaign, settings: ProcedureRules, game: Game) -> Rules:
    """The rules a council with ``settings`` plays by at this moment of ``game``."""
    values: dict[str, object] = {}
    _overlay(values, DEFAULT_RULES)
    reasons: dict[str, str] = {}
    procedure = campaign.council
    if procedure is not None:
        _overlay(values, procedure.defaults)
    _overlay(values, settings)
    if procedure is not None and procedure.story:
        scope = scope_of(campaign, game.state)
        for rule in procedure.story:
            if decided_any(game, rule.until):
                continue
            if rule.when is None or rule.when.test(scope):
                for name in _overlay(values, rule.rules):
                    reasons[name] = rule.reason
    quorum = values.pop("quorum")
    undo = values.pop("undo")
    assert isinstance(quorum, tuple) and isinstance(undo, tuple)
    return Rules(
        quorum=Fraction(*quorum),
        undo=Fraction(*undo),
        reasons=tuple(sorted(reasons.items())),
        **values,  # type: ignore[arg-type]
    )


def decided_any(game: Game, options: tuple[tuple[str, str], ...]) -> bool:
    """Whether the game has decided one of ``options`` (event, option); an option put
    to a vote counts only if the vote carried."""
    if not options:
        return False
    for decision, after in zip(game.decisions, game.states[1:], strict=False):
        if (decision.event, decision.option) in options:
            tally = after.last.tally if after.last is not None else None
            if tally is None or tally.passed:
                return True
    return False


def is_minor(campaign: Campaign, event: str) -> bool:
    """Whether the campaign puts ``event``'s motions on the consent agenda."""
    return campaign.council is not None and event in campaign.council.minor
