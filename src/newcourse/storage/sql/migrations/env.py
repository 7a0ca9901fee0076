"""Alembic's environment for the SQL store: run on the connection ``migrate`` passes in."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from newcourse.storage.sql.models import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):  # pragma: no cover - only `migrate` runs this
    raise RuntimeError("the store's migrations run through newcourse.storage.sql.migrate")
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters a table by copying it
)
with context.begin_transaction():
    context.run_migrations()
