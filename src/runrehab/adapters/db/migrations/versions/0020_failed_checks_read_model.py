"""The roster's read model stores the failed pain checks among a runner's recent ones in
`runner_status.attention` instead of a score: the roster now applies the knowledge base's
triage thresholds (`triage.yaml`) in SQL, and a stored score would keep yesterday's thresholds.
A data migration only: no column changes.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 17:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

_status = sa.table(
    "runner_status",
    sa.column("runner_id", sa.String()),
    sa.column("recent_checks", sa.JSON()),
    sa.column("attention", sa.Integer()),
)


def upgrade() -> None:
    bind = op.get_bind()
    updates = [
        {"id": s.runner_id, "fails": sum(not c for c in s.recent_checks or [])}
        for s in bind.execute(sa.select(_status.c.runner_id, _status.c.recent_checks))
    ]
    if updates:
        bind.execute(
            sa.update(_status)
            .where(_status.c.runner_id == sa.bindparam("id"))
            .values(attention=sa.bindparam("fails")),
            updates,
        )


def downgrade() -> None:
    """Nothing to undo that matters: the column keeps a count the older code reads as a score
    until the runner's next entry rewrites it."""
