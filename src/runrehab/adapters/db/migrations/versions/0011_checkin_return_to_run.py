"""Check-ins record the return-to-run entry tests that are numbers: pain on 10 hops and the
single-leg calf raises done in a row (the yes/no tests live in the `tests` JSON already).

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 16:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hop_pain", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("single_leg_calf_raises", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.drop_column("single_leg_calf_raises")
        batch_op.drop_column("hop_pain")
