"""Saves in an SQL database (SQLite by default, PostgreSQL by URL), behind ``GameStore``.

Needs the ``web`` extra (SQLAlchemy and Alembic); nothing else in ``storage``
imports this package, so the terminal players never need it. The schema is
made and kept up to date by the Alembic migrations shipped here (``migrate``).
"""

from .models import Base, ChoiceRow, SaveRow, SecretRow
from .store import SqlGameStore, StaleGame, migrate, sqlite_url

__all__ = [
    "Base",
    "ChoiceRow",
    "SaveRow",
    "SecretRow",
    "SqlGameStore",
    "StaleGame",
    "migrate",
    "sqlite_url",
]
