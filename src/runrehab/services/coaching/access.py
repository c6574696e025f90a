"""Becoming a coach, invites and grants: a runner decides which coaches see them, and every
coach-side use case asks `check_access` first."""

from __future__ import annotations

import secrets
import uuid
from datetime import timedelta
from typing import Any

from runrehab.domain.errors import InvalidInputError, NotFoundError, Problem
from runrehab.services.accounts import Account, token_hash
from runrehab.services.coaching.audit import record_consent
from runrehab.services.ports import Clock, UnitOfWork

INVITE_VALID_FOR = timedelta(days=7)


def become_coach(
    who: Account, name: str, organisation: str | None, uow: UnitOfWork, clock: Clock
) -> None:
    """A coach without an organisation, or the admin of a new one."""
    if not name.strip():
        raise InvalidInputError("coach", [Problem("name", "give the name runners will see")])
    with uow:
        org_id = None
        if organisation:
            org_id = uuid.uuid4().hex
            uow.coaching.add_organisation(org_id, organisation.strip(), clock())
        uow.coaching.add_coach(who.user_id, name.strip(), org_id, "admin" if org_id else "coach")
        uow.commit()


def require_coach(who: Account, uow: UnitOfWork) -> tuple[str, str | None, str]:
    with uow:
        coach = uow.coaching.coach(who.user_id)
    if coach is None:
        raise NotFoundError("this account is not a coach")
    return coach


def invite(who: Account, uow: UnitOfWork, clock: Clock) -> str:
    """A single-use code, valid for a week, that lets one runner grant this coach access."""
    require_coach(who, uow)
    code = secrets.token_urlsafe(9)
    with uow:
        uow.coaching.add_invite(token_hash(code), who.user_id, clock() + INVITE_VALID_FOR)
        uow.commit()
    return code


def accept(runner: Account, code: str, uow: UnitOfWork, clock: Clock) -> str:
    with uow:
        coach_id = uow.coaching.use_invite(token_hash(code.strip()), runner.runner_id, clock())
        if coach_id is None:
            raise InvalidInputError(
                "invite", [Problem("code", "this code is unknown, used or expired")]
            )
        uow.coaching.grant(runner.runner_id, coach_id, clock())
        record_consent(runner, coach_id, uow, clock)
        uow.commit()
    return coach_id


def revoke(runner: Account, coach_user_id: str, uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        if not uow.coaching.revoke(runner.runner_id, coach_user_id, clock()):
            raise NotFoundError("no such coach with access")
        uow.commit()


def coaches(runner: Account, uow: UnitOfWork) -> list[dict[str, Any]]:
    with uow:
        return [
            {
                "coach_id": user_id,
                "name": name,
                "thread": uow.coaching.thread(runner.runner_id, user_id),
            }
            for user_id, name in uow.coaching.coaches_of(runner.runner_id)
        ]


def check_access(coach: Account, runner_id: str, uow: UnitOfWork) -> None:
    """Inside the caller's unit of work: NotFoundError unless `runner_id` granted `coach` access,
    so a coach cannot even learn whether a runner they may not see exists."""
    if not uow.coaching.has_access(coach.user_id, runner_id):
        raise NotFoundError("no such runner")
