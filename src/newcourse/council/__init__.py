"""Council mode: a group plays one game together, debating and voting every decision.

Pure and deterministic, like the engine, and front-end neutral: no I/O, no
clock (every command is given the time), nothing drawn. A ``Council`` takes its
members' commands, refuses with a ``CouncilRefusal`` (a stable code and one
sentence) or writes immutable records to its minutes; its state is the fold of
those records (``fold``), so a store keeps the records and nothing else. The
rules of procedure come from the game's defaults, the campaign's
``council.yaml``, the council's settings and the story (``rules_in_force``);
``rule_lines`` states them. A motion's debate opens with the campaign's
historical cases for and against its options (``debate_openings``, shown
``in_the_spirit`` of their figures), never written as records. The minutes
export as JSON and Markdown.
"""

from .bots import bot_ballot_choice, bot_choice
from .council import Council
from .minutes import minutes_data, minutes_markdown, records_from_minutes
from .openings import Opening, debate_openings, opening_data
from .phrases import in_the_spirit, rule_lines
from .procedure import Rules, is_minor, rules_in_force
from .records import Record, RecordError, from_data, to_data
from .refusals import COUNCIL_CODES, CouncilRefusal
from .state import Ballot, CouncilState, Member, Motion, Post, Report, Round, Tendency, fold

__all__ = [
    "COUNCIL_CODES",
    "Ballot",
    "Council",
    "CouncilRefusal",
    "CouncilState",
    "Member",
    "Motion",
    "Opening",
    "Post",
    "Record",
    "RecordError",
    "Report",
    "Round",
    "Rules",
    "Tendency",
    "bot_ballot_choice",
    "bot_choice",
    "debate_openings",
    "fold",
    "from_data",
    "in_the_spirit",
    "is_minor",
    "minutes_data",
    "minutes_markdown",
    "opening_data",
    "records_from_minutes",
    "rule_lines",
    "rules_in_force",
    "to_data",
]
