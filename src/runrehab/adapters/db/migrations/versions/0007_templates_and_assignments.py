"""Assessment templates a coach reuses, and questionnaires a coach assigns on a schedule.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 12:58:18.045869
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessment_templates",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("coach_user_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["coach_user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("assessment_templates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assessment_templates_coach_user_id"), ["coach_user_id"], unique=False
        )

    op.create_table(
        "questionnaire_assignments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("runner_id", sa.String(length=64), nullable=False),
        sa.Column("coach_user_id", sa.String(length=64), nullable=False),
        sa.Column("questionnaire", sa.String(length=20), nullable=False),
        sa.Column("every_days", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["coach_user_id"], ["users.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["runner_id"], ["runners.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("questionnaire_assignments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_questionnaire_assignments_runner_id"), ["runner_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("questionnaire_assignments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_questionnaire_assignments_runner_id"))

    op.drop_table("questionnaire_assignments")
    with op.batch_alter_table("assessment_templates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessment_templates_coach_user_id"))

    op.drop_table("assessment_templates")
