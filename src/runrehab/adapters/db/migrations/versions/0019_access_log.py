"""An access log (every view of a runner's record by someone else: who, their organisation,
what, when) and the runner's consents to coaches' access with the terms version accepted.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 17:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("runner_id", sa.String(length=64), nullable=False),
        sa.Column("viewer_user_id", sa.String(length=64), nullable=True),
        sa.Column("organisation_id", sa.String(length=64), nullable=True),
        sa.Column("what", sa.String(length=40), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["runner_id"], ["runners.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["viewer_user_id"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_access_log_runner_at", "access_log", ["runner_id", "at"])
    op.create_index("ix_access_log_organisation_at", "access_log", ["organisation_id", "at"])
    op.create_table(
        "consents",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("runner_id", sa.String(length=64), nullable=False),
        sa.Column("coach_user_id", sa.String(length=64), nullable=True),
        sa.Column("terms_version", sa.Integer(), nullable=False),
        sa.Column("consented_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["runner_id"], ["runners.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["coach_user_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_consents_runner_id", "consents", ["runner_id"])


def downgrade() -> None:
    op.drop_index("ix_consents_runner_id", table_name="consents")
    op.drop_table("consents")
    op.drop_index("ix_access_log_organisation_at", table_name="access_log")
    op.drop_index("ix_access_log_runner_at", table_name="access_log")
    op.drop_table("access_log")
