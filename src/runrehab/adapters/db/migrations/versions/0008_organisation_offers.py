"""Organisation offers: an admin offers a coach who works alone a place in the organisation, and
the coach accepts or declines.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 13:15:10.582478
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

FOREIGN_KEY = "fk_coaches_offered_organisation_id_organisations"


def upgrade() -> None:
    with op.batch_alter_table("coaches", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("offered_organisation_id", sa.String(length=64), nullable=True)
        )
        batch_op.create_foreign_key(
            FOREIGN_KEY, "organisations", ["offered_organisation_id"], ["id"], ondelete="SET NULL"
        )


def downgrade() -> None:
    with op.batch_alter_table("coaches", schema=None) as batch_op:
        batch_op.drop_constraint(FOREIGN_KEY, type_="foreignkey")
        batch_op.drop_column("offered_organisation_id")
