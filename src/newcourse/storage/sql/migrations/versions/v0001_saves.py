"""The saves and the server's secrets.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "saves",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("player", sa.String(64), nullable=False),
        sa.Column("campaign", sa.String(100), nullable=False),
        sa.Column("slot", sa.String(100), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("summary", sa.String(200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("modified", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("player", "campaign", "slot", name="uq_saves_slot"),
    )
    op.create_index("ix_saves_player", "saves", ["player"])
    op.create_table(
        "secrets",
        sa.Column("name", sa.String(50), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("secrets")
    op.drop_index("ix_saves_player", table_name="saves")
    op.drop_table("saves")
