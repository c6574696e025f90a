"""Engine snapshots: the engine's state through a day of an episode, so logging an entry steps
the engine once instead of replaying the whole log. Derived data: the table starts empty and
fills as runners log (the first entry after the upgrade replays once).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 12:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "engine_snapshots",
        sa.Column("episode_id", sa.String(length=64), nullable=False),
        sa.Column("through_on", sa.Date(), nullable=False),
        sa.Column("basis", sa.String(length=64), nullable=False),
        sa.Column("overrides", sa.String(length=64), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["episode_id"], ["episodes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("episode_id", "through_on"),
    )


def downgrade() -> None:
    op.drop_table("engine_snapshots")
