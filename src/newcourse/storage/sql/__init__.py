"""Saves in an SQL database (SQLite by default, PostgreSQL by URL), behind ``GameStore``,
and councils' records, append-only (``SqlCouncilStore``).

Needs the ``web`` extra (SQLAlchemy and Alembic); nothing else in ``storage``
imports this package, so the terminal players never need it. The schema is
made and kept up to date by the Alembic migrations shipped here (``migrate``).
"""

from .councils import CodeTaken, CouncilRecordRow, CouncilRow, SqlCouncilStore, StaleCouncil
from .models import Base, ChoiceRow, SaveRow, SecretRow
from .store import Counted, SqlGameStore, StaleGame, migrate, sqlite_url

__all__ = [
    "Base",
    "ChoiceRow",
    "CodeTaken",
    "CouncilRecordRow",
    "CouncilRow",
    "Counted",
    "SaveRow",
    "SecretRow",
    "SqlCouncilStore",
    "SqlGameStore",
    "StaleCouncil",
    "StaleGame",
    "migrate",
    "sqlite_url",
]
