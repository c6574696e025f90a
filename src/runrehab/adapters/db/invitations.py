"""The coach-invitations repository: an organisation's invitations by address, as each side sees
them (the admin by the address typed, the invited account by its own address)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from runrehab.adapters.db.tables import CoachInvitationRow, CoachRow, OrganisationRow

PENDING = "pending"


class InvitationRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        invitation_id: str,
        organisation_id: str,
        email: str,
        name: str,
        by: str,
        now: datetime,
    ) -> None:
        self.session.add(
            CoachInvitationRow(
                id=invitation_id,
                organisation_id=organisation_id,
                email=email,
                display_name=name,
                invited_by=by,
                invited_at=now,
                status=PENDING,
            )
        )

    def organisation_name(self, organisation_id: str) -> str:
        return self.session.get_one(OrganisationRow, organisation_id).name

    def sent_since(self, by: str, since: datetime) -> list[datetime]:
        """When `by` sent each invitation since `since`, oldest first (the rate limit's window)."""
        query = (
            select(CoachInvitationRow.invited_at)
            .where(CoachInvitationRow.invited_by == by, CoachInvitationRow.invited_at > since)
            .order_by(CoachInvitationRow.invited_at)
        )
        return [_aware(moment) for moment in self.session.scalars(query)]

    def pending_exists(self, organisation_id: str, email: str) -> bool:
        query = select(func.count()).where(
            CoachInvitationRow.organisation_id == organisation_id,
            CoachInvitationRow.email == email,
            CoachInvitationRow.status == PENDING,
        )
        return bool(self.session.scalar(query))

    def pending_of_organisation(self, organisation_id: str) -> list[dict[str, Any]]:
        query = (
            select(CoachInvitationRow)
            .where(
                CoachInvitationRow.organisation_id == organisation_id,
                CoachInvitationRow.status == PENDING,
            )
            .order_by(CoachInvitationRow.invited_at, CoachInvitationRow.id)
        )
        return [
            {
                "invitation_id": row.id,
                "email": row.email,
                "name": row.display_name,
                "invited_at": _aware(row.invited_at).isoformat(),
            }
            for row in self.session.scalars(query)
        ]

    def pending_for(self, email: str) -> list[dict[str, Any]]:
        """What the account with `email` is invited to: the organisation, and who invited."""
        inviter = select(CoachRow.display_name).where(
            CoachRow.user_id == CoachInvitationRow.invited_by
        )
        query = (
            select(
                CoachInvitationRow.id,
                OrganisationRow.name,
                inviter.scalar_subquery(),
                CoachInvitationRow.invited_at,
            )
            .join(OrganisationRow, OrganisationRow.id == CoachInvitationRow.organisation_id)
            .where(CoachInvitationRow.email == email, CoachInvitationRow.status == PENDING)
            .order_by(CoachInvitationRow.invited_at, CoachInvitationRow.id)
        )
        return [
            {
                "invitation_id": i,
                "organisation": org,
                "invited_by": by or org,
                "invited_at": _aware(at).isoformat(),
            }
            for i, org, by, at in self.session.execute(query)
        ]

    def pending(self, invitation_id: str) -> tuple[str, str, str] | None:
        """(organisation id, address, suggested name) of a pending invitation, else None."""
        row = self.session.get(CoachInvitationRow, invitation_id)
        if row is None or row.status != PENDING:
            return None
        return row.organisation_id, row.email, row.display_name

    def decide(
        self, invitation_id: str, status: str, now: datetime, organisation_id: str | None = None
    ) -> bool:
        """Pending -> `status`; False when it was not pending (or not `organisation_id`'s)."""
        query = update(CoachInvitationRow).where(
            CoachInvitationRow.id == invitation_id, CoachInvitationRow.status == PENDING
        )
        if organisation_id is not None:
            query = query.where(CoachInvitationRow.organisation_id == organisation_id)
        result = self.session.execute(query.values(status=status, decided_at=now))
        return bool(result.rowcount)  # type: ignore[attr-defined]


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes for timezone-aware columns; they were stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
