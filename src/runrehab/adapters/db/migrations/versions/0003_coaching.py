"""Coaching: organisations, coaches, runners' grants, invites, messages, clinical notes, and the
runner-status read model behind the roster.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 10:58:46.952130
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "clinical_notes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("runner_id", sa.String(length=64), nullable=False),
        sa.Column("coach_user_id", sa.String(length=64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["coach_user_id"], ["users.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["runner_id"], ["runners.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("clinical_notes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_clinical_notes_runner_id"), ["runner_id"], unique=False
        )

    op.create_table(
        "coach_access",
        sa.Column("runner_id", sa.String(length=64), nullable=False),
        sa.Column("coach_user_id", sa.String(length=64), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["coach_user_id"], ["users.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["runner_id"], ["runners.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("runner_id", "coach_user_id"),
    )
    with op.batch_alter_table("coach_access", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_coach_access_coach_user_id"), ["coach_user_id"], unique=False
        )

    op.create_table(
        "coaches",
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("organisation_id", sa.String(length=64), nullable=True),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id"),
    )
    op.create_table(
        "invites",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("coach_user_id", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_by", sa.String(length=64), nullable=True),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["accepted_by"], ["runners.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["coach_user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("code_hash"),
    )
    with op.batch_alter_table("invites", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_invites_coach_user_id"), ["coach_user_id"], unique=False
        )

    op.create_table(
        "messages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("runner_id", sa.String(length=64), nullable=False),
        sa.Column("coach_user_id", sa.String(length=64), nullable=False),
        sa.Column("from_coach", sa.Boolean(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["coach_user_id"], ["users.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["runner_id"], ["runners.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_messages_coach_user_id"), ["coach_user_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_messages_runner_id"), ["runner_id"], unique=False)

    op.create_table(
        "runner_status",
        sa.Column("runner_id", sa.String(length=64), nullable=False),
        sa.Column("episode_id", sa.String(length=64), nullable=False),
        sa.Column("stage", sa.Integer(), nullable=True),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column("last_decision", sa.String(length=10), nullable=True),
        sa.Column("red_flag", sa.Boolean(), nullable=False),
        sa.Column("recent_checks", sa.JSON(), nullable=False),
        sa.Column("last_pain", sa.Integer(), nullable=True),
        sa.Column("last_morning_pain", sa.Integer(), nullable=True),
        sa.Column("last_activity_on", sa.Date(), nullable=True),
        sa.Column("last_checkin_on", sa.Date(), nullable=True),
        sa.Column("spike_flag", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["episode_id"], ["episodes.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["runner_id"], ["runners.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("runner_id"),
    )


def downgrade() -> None:
    op.drop_table("runner_status")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_messages_runner_id"))
        batch_op.drop_index(batch_op.f("ix_messages_coach_user_id"))

    op.drop_table("messages")
    with op.batch_alter_table("invites", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invites_coach_user_id"))

    op.drop_table("invites")
    op.drop_table("coaches")
    with op.batch_alter_table("coach_access", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coach_access_coach_user_id"))

    op.drop_table("coach_access")
    with op.batch_alter_table("clinical_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clinical_notes_runner_id"))

    op.drop_table("clinical_notes")
    op.drop_table("organisations")
