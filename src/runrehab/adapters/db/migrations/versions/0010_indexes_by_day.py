"""Log and planned-session indexes by episode (or plan version) and day, replacing the single
column ones: the roster reads a 28-day window of every runner instead of their whole year.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26 14:37:14.210910
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("exercise_logs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exercise_logs_episode_id"))
        batch_op.create_index(
            "ix_exercise_logs_episode_day", ["episode_id", "logged_on"], unique=False
        )

    with op.batch_alter_table("planned_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_planned_sessions_plan_version_id"))
        batch_op.create_index(
            "ix_planned_sessions_version_day", ["plan_version_id", "session_date"], unique=False
        )

    with op.batch_alter_table("run_logs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_run_logs_episode_id"))
        batch_op.create_index("ix_run_logs_episode_day", ["episode_id", "logged_on"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("run_logs", schema=None) as batch_op:
        batch_op.drop_index("ix_run_logs_episode_day")
        batch_op.create_index(batch_op.f("ix_run_logs_episode_id"), ["episode_id"], unique=False)

    with op.batch_alter_table("planned_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_planned_sessions_version_day")
        batch_op.create_index(
            batch_op.f("ix_planned_sessions_plan_version_id"), ["plan_version_id"], unique=False
        )

    with op.batch_alter_table("exercise_logs", schema=None) as batch_op:
        batch_op.drop_index("ix_exercise_logs_episode_day")
        batch_op.create_index(
            batch_op.f("ix_exercise_logs_episode_id"), ["episode_id"], unique=False
        )
