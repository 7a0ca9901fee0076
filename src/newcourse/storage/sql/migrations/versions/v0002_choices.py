"""What the server's games chose: a count per campaign, event and option.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "choices",
        sa.Column("campaign", sa.String(100), primary_key=True),
        sa.Column("event", sa.String(100), primary_key=True),
        sa.Column("option", sa.String(100), primary_key=True),
        sa.Column("games", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("choices")
