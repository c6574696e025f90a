"""Consent before access: an organisation's coach invitations (the invited account accepts or
declines; they replace the place an admin "offered" a coach who works alone, whose pending offers
become pending invitations) and sign-ups pending until their address is confirmed by e-mail.

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-09 10:00:00
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

OFFER_KEY = "fk_coaches_offered_organisation_id_organisations"
_invitations = sa.table(
    "coach_invitations",
    sa.column("id", sa.String()),
    sa.column("organisation_id", sa.String()),
    sa.column("email", sa.String()),
    sa.column("display_name", sa.String()),
    sa.column("invited_by", sa.String()),
    sa.column("invited_at", sa.DateTime(timezone=True)),
    sa.column("status", sa.String()),
)
_OFFERS = sa.text(
    "SELECT u.email AS email, c.display_name AS name, "
    "(SELECT a.user_id FROM coaches a WHERE a.organisation_id = c.offered_organisation_id "
    "AND a.role = 'admin' ORDER BY a.user_id LIMIT 1) AS admin, "
    "c.offered_organisation_id AS offered "
    "FROM coaches c JOIN users u ON u.id = c.user_id "
    "WHERE c.offered_organisation_id IS NOT NULL"
)


def upgrade() -> None:
    op.create_table(
        "pending_signups",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    op.create_index("ix_pending_signups_email", "pending_signups", ["email"])
    op.create_table(
        "coach_invitations",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("organisation_id", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("invited_by", sa.String(length=64), nullable=True),
        sa.Column("invited_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["invited_by"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_coach_invitations_email", "coach_invitations", ["email"])
    op.create_index(
        "ix_coach_invitations_organisation_id", "coach_invitations", ["organisation_id"]
    )
    op.create_index(
        "ix_coach_invitations_invited_by_at", "coach_invitations", ["invited_by", "invited_at"]
    )
    _offers_become_invitations()
    with op.batch_alter_table("coaches", schema=None) as batch_op:
        batch_op.drop_constraint(OFFER_KEY, type_="foreignkey")
        batch_op.drop_column("offered_organisation_id")


def _offers_become_invitations() -> None:
    now = datetime.now(UTC)
    rows = [
        {
            "id": uuid.uuid4().hex,
            "organisation_id": offered,
            "email": email.strip().lower(),
            "display_name": name,
            "invited_by": admin,
            "invited_at": now,
            "status": "pending",
        }
        for email, name, admin, offered in op.get_bind().execute(_OFFERS)
    ]
    if rows:
        op.bulk_insert(_invitations, rows)


def downgrade() -> None:
    """Pending invitations are dropped (an offer could not name who it was for until accepted)."""
    with op.batch_alter_table("coaches", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("offered_organisation_id", sa.String(length=64), nullable=True)
        )
        batch_op.create_foreign_key(
            OFFER_KEY, "organisations", ["offered_organisation_id"], ["id"], ondelete="SET NULL"
        )
    op.drop_index("ix_coach_invitations_invited_by_at", table_name="coach_invitations")
    op.drop_index("ix_coach_invitations_organisation_id", table_name="coach_invitations")
    op.drop_index("ix_coach_invitations_email", table_name="coach_invitations")
    op.drop_table("coach_invitations")
    op.drop_index("ix_pending_signups_email", table_name="pending_signups")
    op.drop_table("pending_signups")
