"""council.yaml: council mode's rules of procedure, the rules the story changes, verdicts,
and the historical cases that open a motion's debate."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .values import ConditionText, Id, Strict, described

__all__ = [
    "CaseFile",
    "CouncilFile",
    "OpeningFile",
    "RulesFile",
    "StoryRuleFile",
    "VerdictFile",
]

Share = Annotated[
    str | int | float,
    Field(
        description="A share: a fraction ('1/2', '2/3'), a percentage ('50%') or a number "
        "from 0 to 1"
    ),
]
Duration = Annotated[
    str | int,
    Field(
        description="A length of time: '90m', '36h', '2d' (minutes, hours, days); "
        "0 for none. A bare number is hours"
    ),
]
OptionRef = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$"),
    Field(description="An option of an event, written event.option"),
]


class RulesFile(Strict):
    """Rules of procedure; at the top of the file every one is set (to what is written
    or to the game's default), in a story rule only those it changes."""

    quorum: Share | None = described("The share of the delegates who must vote", None)
    tie: Literal["chair", "revote"] | None = described(
        "What breaks a tie: the chair's casting vote, or a new round among the tied options",
        None,
    )
    quorum_fails: Literal["adjourn", "chair"] | None = described(
        "When too few vote: the vote is held again (adjourn) or the chair decides", None
    )
    deadline: Duration | None = described("How long a vote stays open (0: no deadline)", None)
    debate: Duration | None = described(
        "How long the debate runs before the vote opens, unless the chair calls the vote "
        "first (0: the vote opens at once)",
        None,
    )
    undo: Share | None = described("The share of the votes that undoes a decision", None)
    consent_agenda: bool | None = described(
        "The chair settles minor motions, unless delegates take one back", None
    )
    take_back: int | None = described(
        "How many delegates it takes to take a minor motion back", None, ge=1, le=1000
    )
    tendencies: bool | None = described("Delegates may form tendencies with a platform", None)
    joint_statements: bool | None = described(
        "A tendency may post an argument in all its members' names", None
    )
    recall: bool | None = described("Delegates may move to recall the chair", None)


class StoryRuleFile(RulesFile):
    """Rules that hold while a condition of the game holds."""

    id: Id = described("The rule's id")
    when: ConditionText | None = described("The rule holds while this holds", None)
    until: list[OptionRef] = described(
        "Options (event.option) whose decision ends the rule for good; one put to a vote "
        "ends it only if it carried",
        [],
    )
    reason: str = described(
        "Why, in one sentence the delegates read when the rule refuses them", ""
    )


class VerdictFile(Strict):
    """An event that bears on earlier options: the minority reports filed for them come
    back when it comes (or, with 'option', when it is decided that way)."""

    event: Id = described("The event that bears on the earlier options")
    option: Id | None = described("Only when the event is decided with this option", None)
    when: ConditionText | None = described("Only while this holds", None)
    vindicates: list[OptionRef] = described("The options it proves right: event.option", [])
    refutes: list[OptionRef] = described("The options it proves wrong: event.option", [])
    note: str = described("What the event shows, in a sentence", "")


class CaseFile(Strict):
    """One side of an opening: the case a historical figure really argued, in the
    campaign's own words (a paraphrase, never a quotation)."""

    who: Id | None = described(
        "Who argued it: a person's id in people.yaml (or give 'speaker' instead)", None
    )
    speaker: str | None = described(
        "Who argued it, by name, for someone not in people.yaml (or give 'who' instead)", None
    )
    text: str = described(
        "The case, in the campaign's own words: a short paragraph of 40 to 90 words "
        "paraphrasing the position the figure held at that date; no quotation marks"
    )
    source: str = described(
        "The document or speech the position comes from, with its date, e.g. "
        "'The New Course, December 1923'"
    )
    codex: Id | None = described("The codex note on that document or event, by id", None)


class OpeningFile(Strict):
    """The opening of the debate on one option of an event: the case for it and the
    case against it, as the figures of the time argued them."""

    event: Id = described("The event whose motion the cases open")
    option: Id = described("The option they argue for or against")
    for_: CaseFile | None = Field(None, alias="for", description="The case for the option")
    against: CaseFile | None = described("The case against the option", None)


class CouncilFile(RulesFile):
    """council.yaml: how a council of players debates and votes each decision."""

    minor: list[Id] = described(
        "The events whose motions are minor (the consent agenda), by id", []
    )
    story: list[StoryRuleFile] = described("Rules the story changes, in order", [])
    verdicts: list[VerdictFile] = described("Events that bear on earlier options", [])
    openings: list[OpeningFile] = described(
        "Historical cases for and against options, shown at the opening of a motion's debate",
        [],
    )
