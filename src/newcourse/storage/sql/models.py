"""The tables of the SQL store, as SQLAlchemy 2's typed ORM declares them.

A change here needs a migration in ``migrations/versions`` (and a test that the
migrated schema matches these declarations holds that).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = ["Base", "ChoiceRow", "SaveRow", "SecretRow"]


class Base(DeclarativeBase):
    """The declarative base of every table of the store."""


class SaveRow(Base):
    """One save: a player's game of a campaign in a slot, as the engine's save data (JSON).

    ``revision`` counts the writes to the slot, so that two writers that read the
    same game cannot both replace it (optimistic locking).
    """

    __tablename__ = "saves"
    __table_args__ = (UniqueConstraint("player", "campaign", "slot", name="uq_saves_slot"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    player: Mapped[str] = mapped_column(String(64), index=True)
    campaign: Mapped[str] = mapped_column(String(100))
    slot: Mapped[str] = mapped_column(String(100))
    data: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(String(200))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    modified: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class SecretRow(Base):
    """A server-wide secret (such as the key that signs players' cookies), made once."""

    __tablename__ = "secrets"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class ChoiceRow(Base):
    """How many of the server's games took an option at an event: an aggregate only,
    with nothing that names a player or a game."""

    __tablename__ = "choices"

    campaign: Mapped[str] = mapped_column(String(100), primary_key=True)
    event: Mapped[str] = mapped_column(String(100), primary_key=True)
    option: Mapped[str] = mapped_column(String(100), primary_key=True)
    games: Mapped[int] = mapped_column(Integer, default=0)
