"""Coach invitations: an organisation's admin invites an address to coach with it, and the
account with that address accepts or declines. Nothing changes for the account until it accepts.

The admin gets the same answer, after the same work, whatever the address is (unknown, a runner,
a coach on their own or in another organisation): the invitation is stored and e-mailed to the
address in every case, and the account's existence is never looked up. An address with no
account sees the invitation once it signs up. Invitations are limited per admin and hour, in the
database (so the limit holds across server processes); inviting an address again while an
invitation is pending adds nothing.
"""

from __future__ import annotations

import math
import uuid
from datetime import datetime, timedelta
from typing import Any

from runrehab.domain.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    Problem,
    TooManyRequestsError,
)
from runrehab.domain.records import Notification
from runrehab.services.accounts import Account, normalise_email
from runrehab.services.coaching.organisations import admin_of
from runrehab.services.ports import Clock, UnitOfWork

PER_HOUR = 20
WINDOW = timedelta(hours=1)


def invite(
    admin: Account, email: str, name: str, base_url: str, uow: UnitOfWork, clock: Clock
) -> None:
    """Invite `email` to coach with the admin's organisation (`name`: how runners will see them,
    if they are not a coach yet)."""
    email = normalise_email(email)
    if "@" not in email.strip("@") or len(email) > 254:
        raise InvalidInputError("invitation", [Problem("email", "enter a valid email address")])
    now = clock()
    with uow:
        organisation = admin_of(admin, uow)
        _within_limit(uow.invitations.sent_since(admin.user_id, now - WINDOW), now)
        if not uow.invitations.pending_exists(organisation, email):
            invitation_id = uuid.uuid4().hex
            uow.invitations.add(
                invitation_id, organisation, email, name.strip() or email, admin.user_id, now
            )
            org_name = uow.invitations.organisation_name(organisation)
            uow.outbox.enqueue(_invitation_mail(invitation_id, email, org_name, base_url, now))
        uow.commit()


def _within_limit(sent: list[datetime], now: datetime) -> None:
    """Refuse the next invitation while PER_HOUR were sent in the last hour, saying when the
    oldest of them leaves the window."""
    if len(sent) >= PER_HOUR:
        frees_at = sent[len(sent) - PER_HOUR] + WINDOW
        raise TooManyRequestsError(
            f"at most {PER_HOUR} invitations an hour: try again later",
            max(1, math.ceil((frees_at - now).total_seconds())),
        )


def _invitation_mail(
    invitation_id: str, email: str, organisation: str, base_url: str, now: datetime
) -> Notification:
    return Notification(
        "invitation",
        f"invitation:{invitation_id}",
        email,
        f"runrehab: {organisation} invites you to coach with them"[:200],
        f"{organisation} invites you to coach with them on runrehab. Nothing changes unless you "
        f"accept.\n\nLog in with this address to accept or decline: {base_url}/coach\n"
        f"No account yet? Sign up with this address first: {base_url}/signup\n\n"
        "If you do not know them, ignore this e-mail or decline.",
        now,
        now,
    )


def organisation_invitations(admin: Account, uow: UnitOfWork) -> list[dict[str, Any]]:
    """The admin's pending invitations, by the address they typed."""
    with uow:
        return uow.invitations.pending_of_organisation(admin_of(admin, uow))


def withdraw(admin: Account, invitation_id: str, uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        if not uow.invitations.decide(invitation_id, "withdrawn", clock(), admin_of(admin, uow)):
            raise NotFoundError("no such pending invitation in your organisation")
        uow.commit()


def pending_for(who: Account, uow: UnitOfWork) -> list[dict[str, Any]]:
    """What the signed-in account is invited to (by its own address)."""
    with uow:
        return uow.invitations.pending_for(normalise_email(who.email))


def accept(who: Account, invitation_id: str, uow: UnitOfWork, clock: Clock) -> None:
    """What "adding a coach" used to do, now by the coach's own choice: an account that is not a
    coach becomes one of the organisation's coaches; a coach who works alone joins it (their name
    stays theirs); a coach of another organisation must leave it first."""
    with uow:
        organisation, name = _invited(who, invitation_id, uow)
        coach = uow.coaching.coach(who.user_id)
        if coach is not None and coach[1] not in (None, organisation):
            raise ConflictError("you coach with another organisation: leave it before joining")
        if coach is None:
            uow.coaching.add_coach(who.user_id, name, organisation, "coach")
        elif coach[1] is None:
            uow.coaching.join_organisation(who.user_id, organisation)
        uow.invitations.decide(invitation_id, "accepted", clock())
        uow.commit()


def decline(who: Account, invitation_id: str, uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        _invited(who, invitation_id, uow)
        uow.invitations.decide(invitation_id, "declined", clock())
        uow.commit()


def _invited(who: Account, invitation_id: str, uow: UnitOfWork) -> tuple[str, str]:
    """(organisation id, suggested name) of a pending invitation to `who`'s address; anyone
    else's, or a decided one, is not found."""
    found = uow.invitations.pending(invitation_id)
    if found is None or found[1] != normalise_email(who.email):
        raise NotFoundError("no such pending invitation")
    return found[0], found[2]
