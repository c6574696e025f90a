"""A re-assessment continues the history: an episode names the one it continues and the progress
it carried over, and a coach's override that a re-assessment ended keeps the date and the reason.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("episodes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("previous_episode_id", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("carried", sa.JSON(), nullable=True))
        batch_op.create_foreign_key(
            "fk_episodes_previous_episode_id",
            "episodes",
            ["previous_episode_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("plan_overrides", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ended_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("end_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("plan_overrides", schema=None) as batch_op:
        batch_op.drop_column("end_reason")
        batch_op.drop_column("ended_on")
    with op.batch_alter_table("episodes", schema=None) as batch_op:
        batch_op.drop_constraint("fk_episodes_previous_episode_id", type_="foreignkey")
        batch_op.drop_column("carried")
        batch_op.drop_column("previous_episode_id")
