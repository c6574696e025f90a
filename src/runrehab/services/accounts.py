"""Accounts: sign up, log in, reset a forgotten password, change it while signed in.

Login answers the same way, and takes the same time, whether or not the account exists: an
unknown email is checked against a dummy hash. Reset tokens are random, stored only as hashes,
single-use and short-lived; asking for a reset says the same thing for any address. A reset ends
every session of the account, a change every session but the one that made it (`sessions`).
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from runrehab.domain.errors import ConflictError, InvalidInputError, Problem
from runrehab.domain.records import UserRecord
from runrehab.services.ports import Clock, UnitOfWork

RESET_VALID_FOR = timedelta(hours=1)
MIN_PASSWORD = 10


class Hasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password: str, hashed: str) -> bool: ...


class Mailer(Protocol):
    def send(self, to: str, subject: str, body: str) -> None: ...


@dataclass(frozen=True, slots=True)
class Account:
    user_id: str
    runner_id: str
    email: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _check(email: str, password: str) -> None:
    problems = []
    if "@" not in email or len(email) > 254 or email.startswith("@") or email.endswith("@"):
        problems.append(Problem("email", "enter a valid email address"))
    if len(password) < MIN_PASSWORD:
        problems.append(Problem("password", f"use at least {MIN_PASSWORD} characters"))
    if problems:
        raise InvalidInputError("sign-up", problems)


def sign_up(email: str, password: str, hasher: Hasher, uow: UnitOfWork, clock: Clock) -> Account:
    email = normalise_email(email)
    _check(email, password)
    hashed = hasher.hash(password)
    with uow:
        if uow.accounts.user_by_email(email) is not None:
            raise ConflictError(
                "an account with this email already exists; log in or reset the password"
            )
        runner_id, user_id = uuid.uuid4().hex, uuid.uuid4().hex
        uow.episodes.add_runner(runner_id, email, clock())
        uow.accounts.add_user(UserRecord(user_id, email, hashed, runner_id), clock())
        uow.commit()
    return Account(user_id, runner_id, email)


def authenticate(
    email: str, password: str, hasher: Hasher, uow: UnitOfWork, dummy_hash: str
) -> Account | None:
    with uow:
        user = uow.accounts.user_by_email(normalise_email(email))
    if user is None:
        hasher.verify(password, dummy_hash)  # same work, same time, as for a real account
        return None
    if not hasher.verify(password, user.password_hash):
        return None
    return Account(user.id, user.runner_id, user.email)


def account(user_id: str, uow: UnitOfWork) -> Account | None:
    with uow:
        user = uow.accounts.user(user_id)
    return None if user is None else Account(user.id, user.runner_id, user.email)


def request_reset(
    email: str, reset_url: str, mailer: Mailer, uow: UnitOfWork, clock: Clock
) -> None:
    """Email a one-hour, single-use link if the account exists; otherwise do nothing visible."""
    with uow:
        user = uow.accounts.user_by_email(normalise_email(email))
        if user is None:
            return
        token = secrets.token_urlsafe(32)
        uow.accounts.add_reset(token_hash(token), user.id, clock() + RESET_VALID_FOR)
        uow.commit()
    mailer.send(
        user.email,
        "Reset your runrehab password",
        f"Someone asked to reset your runrehab password.\n\nSet a new one here (valid for one hour, "
        f"once): {reset_url.format(token=token)}\n\nIf it was not you, ignore this email.",
    )


def reset_password(
    token: str, password: str, hasher: Hasher, uow: UnitOfWork, clock: Clock
) -> Account:
    if len(password) < MIN_PASSWORD:
        raise InvalidInputError(
            "reset", [Problem("password", f"use at least {MIN_PASSWORD} characters")]
        )
    with uow:
        user_id = uow.accounts.use_reset(token_hash(token), clock())
        if user_id is None:
            raise InvalidInputError(
                "reset", [Problem("token", "this link is invalid, used or expired")]
            )
        uow.accounts.set_password(user_id, hasher.hash(password))
        uow.auth_sessions.end_all(user_id)  # whoever may have known the old password is out
        user = uow.accounts.user(user_id)
        uow.commit()
    assert user is not None
    return Account(user.id, user.runner_id, user.email)


def change_password(
    user_id: str, current: str, new: str, keep_session: str, hasher: Hasher, uow: UnitOfWork
) -> None:
    """Set a new password for a signed-in account that proves it knows the current one; every
    other session of the account ends, `keep_session` (the device asking) stays signed in.
    A wrong current password changes nothing."""
    if len(new) < MIN_PASSWORD:
        raise InvalidInputError(
            "password", [Problem("new_password", f"use at least {MIN_PASSWORD} characters")]
        )
    with uow:
        user = uow.accounts.user(user_id)
        if user is None or not hasher.verify(current, user.password_hash):
            raise InvalidInputError(
                "password",
                [Problem("current_password", "the current password is wrong; nothing was changed")],
            )
        uow.accounts.set_password(user_id, hasher.hash(new))
        uow.auth_sessions.end_all(user_id, keep=keep_session)
        uow.commit()


def new_calendar_token(runner_id: str, uow: UnitOfWork, clock: Clock) -> str:
    """A fresh secret for the private calendar URL; the previous URL stops working."""
    token = secrets.token_urlsafe(24)
    with uow:
        uow.accounts.set_calendar_token(runner_id, token_hash(token), clock())
        uow.commit()
    return token


def runner_for_calendar(token: str, uow: UnitOfWork) -> str | None:
    with uow:
        return uow.accounts.runner_for_calendar(token_hash(token))


def delete_account(runner_id: str, uow: UnitOfWork) -> None:
    with uow:
        uow.accounts.delete_runner(runner_id)
        uow.commit()
