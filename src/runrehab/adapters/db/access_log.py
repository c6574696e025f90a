"""The access-log repository: views of a runner's record by others, and the runner's consents to
coaches' access. A viewer is named by their coach name, else their e-mail, as they are now."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from runrehab.adapters.db.tables import AccessLogRow, CoachRow, ConsentRow, UserRow
from runrehab.domain.records import AccessEvent, Consent

_RUNNER = aliased(UserRow)
_VIEWER = func.coalesce(CoachRow.display_name, UserRow.email, "a deleted account")


class AccessLogRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, event: AccessEvent) -> None:
        """One INSERT that takes the viewer's organisation of the moment from their coach row
        (none for someone who is not a coach)."""
        organisation = (
            select(CoachRow.organisation_id)
            .where(CoachRow.user_id == event.viewer_user_id)
            .scalar_subquery()
        )
        self.session.add(
            AccessLogRow(
                runner_id=event.runner_id,
                viewer_user_id=event.viewer_user_id,
                organisation_id=organisation,
                what=event.what,
                at=event.at,
            )
        )

    def of_runner(self, runner_id: str, limit: int) -> list[dict[str, Any]]:
        """The runner's log, newest first."""
        return self._listed(self._query().where(AccessLogRow.runner_id == runner_id).limit(limit))

    def of_organisation(self, organisation_id: str, limit: int) -> list[dict[str, Any]]:
        """Views by the organisation's coaches while they were in it, newest first."""
        query = self._query().where(AccessLogRow.organisation_id == organisation_id)
        return self._listed(query.limit(limit))

    def add_consent(self, consent: Consent) -> None:
        self.session.add(
            ConsentRow(
                runner_id=consent.runner_id,
                coach_user_id=consent.coach_user_id,
                terms_version=consent.terms_version,
                consented_at=consent.at,
            )
        )

    def consents(self, runner_id: str) -> list[dict[str, Any]]:
        """The runner's consents, newest first, with the coach's name."""
        query = (
            select(_VIEWER, ConsentRow.terms_version, ConsentRow.consented_at)
            .select_from(ConsentRow)
            .outerjoin(UserRow, UserRow.id == ConsentRow.coach_user_id)
            .outerjoin(CoachRow, CoachRow.user_id == ConsentRow.coach_user_id)
            .where(ConsentRow.runner_id == runner_id)
            .order_by(ConsentRow.consented_at.desc(), ConsentRow.id.desc())
        )
        return [
            {"coach": coach, "terms_version": version, "at": _aware(at).isoformat()}
            for coach, version, at in self.session.execute(query)
        ]

    def _query(self) -> Select[str, str, str, datetime, str]:
        return (
            select(
                _VIEWER,
                AccessLogRow.runner_id,
                AccessLogRow.what,
                AccessLogRow.at,
                _RUNNER.email,
            )
            .select_from(AccessLogRow)
            .outerjoin(UserRow, UserRow.id == AccessLogRow.viewer_user_id)
            .outerjoin(_RUNNER, _RUNNER.runner_id == AccessLogRow.runner_id)
            .outerjoin(CoachRow, CoachRow.user_id == AccessLogRow.viewer_user_id)
            .order_by(AccessLogRow.at.desc(), AccessLogRow.id.desc())
        )

    def _listed(self, query: Select[str, str, str, datetime, str]) -> list[dict[str, Any]]:
        return [
            {
                "viewer": viewer,
                "runner_id": runner,
                "runner": email,
                "what": what,
                "at": _aware(at).isoformat(),
            }
            for viewer, runner, what, at, email in self.session.execute(query)
        ]


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes for timezone-aware columns; they were stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
