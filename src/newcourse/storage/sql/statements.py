"""The statements of a request's path, built once in SQLAlchemy Core with bound
parameters: building a statement costs more than running it.

``READ``, ``REVISION`` and ``FOUND`` read a slot (named by ``k_player``, ``k_campaign``,
``k_slot``); ``REPLACE`` and ``REPLACE_AT`` (at the revision ``k_revision``) replace
its save and give its new revision, ``ADD`` makes it; ``COUNT`` (by dialect) counts a
decision in what the games chose in one statement, ``RECOUNT`` and ``TAKE_BACK`` where a
database has no ``INSERT ... ON CONFLICT`` or for a decision taken back; ``COUNTS``
reads an event's counts.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from .models import ChoiceRow, SaveRow

__all__ = [
    "ADD",
    "CHOICES",
    "COUNT",
    "COUNTS",
    "FOUND",
    "READ",
    "RECOUNT",
    "REPLACE",
    "REPLACE_AT",
    "REVISION",
    "SAVES",
    "TAKE_BACK",
]

SAVES = cast(Table, SaveRow.__table__)
CHOICES = cast(Table, ChoiceRow.__table__)
_SLOT = (
    SAVES.c.player == bindparam("k_player"),
    SAVES.c.campaign == bindparam("k_campaign"),
    SAVES.c.slot == bindparam("k_slot"),
)
READ = select(SAVES.c.data, SAVES.c.revision).where(*_SLOT)
REVISION = select(SAVES.c.revision).where(*_SLOT)
FOUND = select(SAVES.c.id).where(*_SLOT).limit(1)
REPLACE = (
    update(SAVES)
    .where(*_SLOT)
    .values(
        data=bindparam("v_data"),
        summary=bindparam("v_summary"),
        modified=bindparam("v_modified"),
        revision=SAVES.c.revision + 1,
    )
    .returning(SAVES.c.revision)
)
REPLACE_AT = REPLACE.where(SAVES.c.revision == bindparam("k_revision"))
ADD = insert(SAVES).values(
    player=bindparam("k_player"),
    campaign=bindparam("k_campaign"),
    slot=bindparam("k_slot"),
    data=bindparam("v_data"),
    summary=bindparam("v_summary"),
    modified=bindparam("v_modified"),
    revision=1,
)
_CHOICE = (
    CHOICES.c.campaign == bindparam("c_campaign"),
    CHOICES.c.event == bindparam("c_event"),
    CHOICES.c.option == bindparam("c_option"),
)
RECOUNT = update(CHOICES).where(*_CHOICE).values(games=CHOICES.c.games + bindparam("c_games"))
TAKE_BACK = RECOUNT.where(CHOICES.c.games + bindparam("c_games") >= 0)
COUNTS = select(CHOICES.c.option, CHOICES.c.games).where(
    CHOICES.c.campaign == bindparam("c_campaign"),
    CHOICES.c.event == bindparam("c_event"),
    CHOICES.c.games > 0,
)


def _upsert(dialect: Any) -> Any:
    """Count a choice in one statement (insert, or add to the count that is there)."""
    counted = dialect.insert(CHOICES).values(
        campaign=bindparam("c_campaign"),
        event=bindparam("c_event"),
        option=bindparam("c_option"),
        games=bindparam("c_games"),
    )
    return counted.on_conflict_do_update(
        index_elements=[CHOICES.c.campaign, CHOICES.c.event, CHOICES.c.option],
        set_={"games": CHOICES.c.games + counted.excluded.games},
    )


COUNT = {"sqlite": _upsert(sqlite), "postgresql": _upsert(postgresql)}
