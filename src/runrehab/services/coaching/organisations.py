"""An organisation's admin manages its coaches; runners' records stay with each coach's grants."""

from __future__ import annotations

from runrehab.domain.errors import NotFoundError
from runrehab.services.accounts import Account
from runrehab.services.ports import UnitOfWork


def admin_of(who: Account, uow: UnitOfWork) -> str:
    """The organisation `who` administers, inside the caller's unit of work."""
    coach = uow.coaching.coach(who.user_id)
    if coach is None or coach[2] != "admin" or coach[1] is None:
        raise NotFoundError("no organisation that you administer")
    return coach[1]


def organisation_coaches(admin: Account, uow: UnitOfWork) -> list[dict[str, str]]:
    """An admin manages the organisation's coaches; runners' records stay with each coach's grants."""
    with uow:
        return uow.coaching.organisation_coaches(admin_of(admin, uow))


def remove_organisation_coach(admin: Account, coach_user_id: str, uow: UnitOfWork) -> None:
    with uow:
        if not uow.coaching.leave_organisation(coach_user_id, admin_of(admin, uow)):
            raise NotFoundError("no such coach in your organisation")
        uow.commit()
