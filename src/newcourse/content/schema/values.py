"""What every campaign file is made of: names, dates, texts, expressions, the base model."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)
from pydantic_core import PydanticCustomError, PydanticUndefined

from ..limits import MAX_NUMBER

__all__ = [
    "ConditionText",
    "Count",
    "Date",
    "EffectsText",
    "EndingKind",
    "HistoryMark",
    "Id",
    "Idea",
    "NewsLines",
    "NumberText",
    "Strict",
    "Text",
    "described",
    "free_date",
]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def calendar_date(value: object) -> object:
    """A date written ``YYYY-MM-DD`` that exists in the calendar (no 30 February)."""
    if isinstance(value, dt.date):
        return value
    text = str(value).strip() if isinstance(value, str) else ""
    if not _ISO_DATE.fullmatch(text):
        raise PydanticCustomError(
            "date_format",
            "write the date as YYYY-MM-DD, e.g. 1924-01-21 (found {found})",
            {"found": repr(value)},
        )
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise PydanticCustomError(
            "calendar_date",
            "{text} is not a date in the calendar ({reason})",
            {"text": text, "reason": str(error)},
        ) from None


def free_date(value: object) -> object:
    """A codex date is free text, but one written ``YYYY-MM-DD`` must exist."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        calendar_date(value)
    return value


def history_mark(value: object) -> object:
    """An option's ``history``: true, false, or the result of its vote."""
    if isinstance(value, bool) or value in ("passed", "failed"):
        return value
    raise PydanticCustomError(
        "history_mark",
        "write true, false, or for a vote 'passed' or 'failed' (found {found})",
        {"found": repr(value)},
    )


def news_lines(value: object) -> object:
    """A world rule's news: one line of text or a list of lines, told apart in one message."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        for number, line in enumerate(value, start=1):
            if not isinstance(line, str):
                raise PydanticCustomError(
                    "news_line",
                    "line {number} of the list is not a line of text (found {found})",
                    {"number": number, "found": repr(line)},
                )
        return value
    raise PydanticCustomError(
        "news_lines",
        "write one line of text, or a list of lines (found {found})",
        {"found": repr(value)},
    )


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]*$"),
    Field(description="A name: lower-case letters, digits and _, starting with a letter"),
]
Date = Annotated[dt.date, BeforeValidator(calendar_date)]
HistoryMark = Annotated[bool | Literal["passed", "failed"], BeforeValidator(history_mark)]
Text = Annotated[str, Field(description="Markdown text")]
Count = Annotated[int, Field(ge=-MAX_NUMBER, le=MAX_NUMBER)]
ConditionText = Annotated[
    str | bool, Field(description="A true/false expression, e.g. 'democracy >= 40 and not purged'")
]
NumberText = Annotated[
    str | int | float, Field(description="A number expression, e.g. '10 + workers / 5'")
]
EndingKind = Annotated[
    Literal["victory", "defeat", "historical", "interim"],
    Field(
        description="What the ending is for the Opposition: a victory, a defeat, close to "
        "history, or an interim close; the playtester's balance targets read it"
    ),
]
Idea = Annotated[
    Literal[
        "transparency",
        "recall",
        "councils",
        "wage",
        "debate",
        "internationalism",
        "history",
        "means",
    ],
    Field(description="The idea of workers' democracy this puts into practice (see the spine)"),
]
NewsLines = Annotated[str | list[str], BeforeValidator(news_lines)]
EffectsText = Annotated[
    str | list[str],
    Field(description="Effect statements, one a line or separated by ';', e.g. 'democracy += 5'"),
]


def described(description: str, default: Any = PydanticUndefined, **bounds: Any) -> Any:
    return Field(default, description=description, **bounds)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False)
