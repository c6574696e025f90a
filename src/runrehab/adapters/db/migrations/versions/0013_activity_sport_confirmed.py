"""Activities whose file named no sport carry runrehab's guess until the runner confirms it:
`sport_confirmed` (false while `sport` is a guess) and `sport_guess` (what the guess rested on).

Rows imported before this revision are not re-read: a file without a sport ("unknown") was
counted as a run, so it stays a run, now flagged for the runner to confirm; TCX's "Other" was
left out of the load, so it stays out, now flagged so the runner can say it was a run. Nothing
changes in the load on upgrade, and every such row gets a line on the Runs page.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_activities = sa.table(
    "activities",
    sa.column("sport", sa.String()),
    sa.column("sport_confirmed", sa.Boolean()),
    sa.column("sport_guess", sa.String()),
)


def upgrade() -> None:
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sport_confirmed", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
        batch_op.add_column(sa.Column("sport_guess", sa.String(length=200), nullable=True))
    op.execute(
        _activities.update()
        .where(_activities.c.sport == "unknown")
        .values(
            sport="running",
            sport_confirmed=False,
            sport_guess="the file named no sport; imported before paces were read: counted as a run",
        )
    )
    op.execute(
        _activities.update()
        .where(_activities.c.sport == "other")
        .values(sport_confirmed=False, sport_guess='the file said "Other": not counted as a run')
    )


def downgrade() -> None:
    op.execute(
        _activities.update()
        .where(_activities.c.sport_confirmed.is_(False), _activities.c.sport != "other")
        .values(sport="unknown")
    )
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_column("sport_guess")
        batch_op.drop_column("sport_confirmed")
