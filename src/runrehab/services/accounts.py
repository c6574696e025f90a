"""Accounts: sign up, log in, reset a forgotten password, change it while signed in.

None of them tells whether an address has an account: each answers the same way, after the same
work, for an existing and an unknown address. Login checks an unknown address against a dummy
hash. Sign-up takes only the address and e-mails it: a link to a page where the account is created
with a password chosen there (stored as a pending sign-up until then), or "you already have an
account". A
reset request e-mails a link, or "there is no account at this address". Mail goes through the
notifications outbox, never inside the request. Tokens are random, stored only as hashes,
single-use and short-lived. A reset ends every session of the account, a change every session
but the one that made it (`sessions`).
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from runrehab.domain.errors import ConflictError, InvalidInputError, Problem
from runrehab.domain.records import Notification, UserRecord
from runrehab.services.ports import Clock, UnitOfWork

RESET_VALID_FOR = timedelta(hours=1)
SIGN_UP_VALID_FOR = timedelta(hours=24)
MIN_PASSWORD = 10
MAX_NAME = 100  # a display name, as runners and coaches read it


class Hasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password: str, hashed: str) -> bool: ...


class Mailer(Protocol):
    def send(self, to: str, subject: str, body: str) -> None: ...


@dataclass(frozen=True, slots=True)
class Account:
    """A signed-in user. `coach_only` is true for a coach who has no episode of their own: their
    home is the roster and their tabs are the coach's; `coach`, for any coach (a runner who opens
    the coach pages to become one keeps a runner's tabs). Resolved with the session (`sessions`)."""

    user_id: str
    runner_id: str
    email: str
    coach_only: bool = False
    display_name: str | None = None
    coach: bool = False


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _check_email(email: str) -> None:
    if "@" not in email or len(email) > 254 or email.startswith("@") or email.endswith("@"):
        raise InvalidInputError("sign-up", [Problem("email", "enter a valid email address")])


def clean_name(name: str) -> str | None:
    """A display name as stored: trimmed, at most MAX_NAME characters, None when blank. Control
    characters are refused (a name is shown on other people's pages)."""
    cleaned = " ".join(name.split())
    if len(cleaned) > MAX_NAME or any(not c.isprintable() for c in cleaned):
        raise InvalidInputError(
            "name", [Problem("name", f"use at most {MAX_NAME} printable characters")]
        )
    return cleaned or None


def rename(who: Account, name: str, uow: UnitOfWork) -> str | None:
    """Set (or, with a blank `name`, clear) the display name; the name as stored."""
    cleaned = clean_name(name)
    with uow:
        uow.accounts.set_display_name(who.user_id, cleaned)
        uow.commit()
    return cleaned


def _check_password(password: str, field: str = "password") -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInputError(
            "password", [Problem(field, f"use at least {MIN_PASSWORD} characters")]
        )


def request_sign_up(email: str, base_url: str, uow: UnitOfWork, clock: Clock) -> None:
    """Store a pending sign-up and e-mail its link, or e-mail an existing account's owner that
    they already have one; the caller cannot tell which (the same work either way). No password
    is taken here: whoever asks may not own the address, so the password is chosen on the page
    the link opens, by whoever reads that mailbox (else an attacker could sign a victim's address
    up with a password of their own, wait for the victim to confirm, and log in)."""
    email = normalise_email(email)
    _check_email(email)
    token = secrets.token_urlsafe(32)
    now = clock()
    with uow:
        if uow.accounts.user_by_email(email) is None:
            uow.accounts.add_pending_signup(token_hash(token), email, now, now + SIGN_UP_VALID_FOR)
            uow.outbox.enqueue(_sign_up_link(email, token, base_url, now))
        else:
            uow.outbox.enqueue(_already_signed_up(email, base_url, now))
        uow.commit()


def _sign_up_link(email: str, token: str, base_url: str, now: datetime) -> Notification:
    return Notification(
        "signup",
        f"signup:{token_hash(token)}",
        email,
        "Confirm your runrehab account",
        "Someone, probably you, asked to create a runrehab account with this address.\n\n"
        f"To finish, open this link and choose your password (it works once, for 24 hours): "
        f"{base_url}/signup/confirm/{token}\n\n"
        "If it was not you, ignore this e-mail: no account is created.",
        now,
        now,
    )


def _already_signed_up(email: str, base_url: str, now: datetime) -> Notification:
    """At most one an hour per address, however often someone tries to sign it up."""
    return Notification(
        "signup",
        f"signup-existing:{email}:{_hour(now)}",
        email,
        "Confirm your runrehab account",
        "Someone, probably you, asked to create a runrehab account with this address, but it "
        f"already has one.\n\nLog in: {base_url}/login\nForgot the password? Reset it: "
        f"{base_url}/reset\n\nIf it was not you, ignore this e-mail: nothing has changed.",
        now,
        now,
    )


def _hour(now: datetime) -> str:
    return now.replace(minute=0, second=0, microsecond=0).isoformat()


def sign_up_link_open(token: str, uow: UnitOfWork, clock: Clock) -> bool:
    with uow:
        return uow.accounts.pending_signup_open(token_hash(token), clock())


def confirm_sign_up(
    token: str, password: str, hasher: Hasher, uow: UnitOfWork, clock: Clock, name: str = ""
) -> Account:
    """Create the account of a pending sign-up (once, within 24 hours of asking) with the
    password and the optional display name chosen by whoever opened the link (not by whoever
    asked for it); a too-short password or a bad name leaves the link usable."""
    _check_password(password)
    display_name = clean_name(name)
    hashed = hasher.hash(password)
    with uow:
        email = uow.accounts.use_pending_signup(token_hash(token), clock())
        if email is None:
            raise InvalidInputError(
                "sign-up",
                [Problem("token", "this link is invalid, used or expired: sign up again")],
            )
        if uow.accounts.user_by_email(email) is not None:  # another link for it was opened first
            raise InvalidInputError(
                "sign-up", [Problem("token", "this address already has an account: log in")]
            )
        created = _add_account(email, hashed, uow, clock, display_name)
        uow.commit()
    return created


def create_account(
    email: str, password: str, hasher: Hasher, uow: UnitOfWork, clock: Clock
) -> Account:
    """An account whose address is not confirmed by e-mail: for the seeded demo logins only,
    never for a request from outside. ConflictError when the address has one already."""
    email = normalise_email(email)
    _check_email(email)
    _check_password(password)
    hashed = hasher.hash(password)
    with uow:
        if uow.accounts.user_by_email(email) is not None:
            raise ConflictError("an account with this email already exists")
        created = _add_account(email, hashed, uow, clock)
        uow.commit()
    return created


def _add_account(
    email: str, password_hash: str, uow: UnitOfWork, clock: Clock, name: str | None = None
) -> Account:
    """Inside the caller's unit of work: a user and the runner whose records they own."""
    runner_id, user_id = uuid.uuid4().hex, uuid.uuid4().hex
    uow.episodes.add_runner(runner_id, email, clock())
    uow.accounts.add_user(UserRecord(user_id, email, password_hash, runner_id, name), clock())
    return Account(user_id, runner_id, email, display_name=name)


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


def home(who: Account, uow: UnitOfWork) -> str:
    """Where a log-in lands: the roster for a coach who is not a runner, Today for everyone else."""
    with uow:
        found = uow.accounts.user_and_role(who.user_id)
    return "/coach" if found is not None and found[2] else "/today"


def account(user_id: str, uow: UnitOfWork) -> Account | None:
    with uow:
        user = uow.accounts.user(user_id)
    return None if user is None else Account(user.id, user.runner_id, user.email)


def request_reset(email: str, base_url: str, uow: UnitOfWork, clock: Clock) -> None:
    """E-mail a one-hour, single-use link if the account exists, else say there is none; the
    caller cannot tell which (a token is made either way, and the mail is sent later)."""
    email, token = normalise_email(email), secrets.token_urlsafe(32)
    now = clock()
    with uow:
        user = uow.accounts.user_by_email(email)
        if user is None:
            uow.outbox.enqueue(_no_account(email, base_url, now))
        else:
            uow.accounts.add_reset(token_hash(token), user.id, now + RESET_VALID_FOR)
            uow.outbox.enqueue(_reset_link(user.email, token, base_url, now))
        uow.commit()


def _reset_link(email: str, token: str, base_url: str, now: datetime) -> Notification:
    return Notification(
        "reset",
        f"reset:{token_hash(token)}",
        email,
        "Reset your runrehab password",
        "Someone asked to reset your runrehab password.\n\nSet a new one here (valid for one "
        f"hour, once): {base_url}/reset/{token}\n\nIf it was not you, ignore this e-mail.",
        now,
        now,
    )


def _no_account(email: str, base_url: str, now: datetime) -> Notification:
    """At most one an hour per address."""
    return Notification(
        "reset",
        f"reset-unknown:{email}:{_hour(now)}",
        email,
        "Reset your runrehab password",
        "Someone asked to reset the runrehab password of this address, but it has no account."
        f"\n\nTo create one: {base_url}/signup\n\nIf it was not you, ignore this e-mail.",
        now,
        now,
    )


def reset_password(
    token: str, password: str, hasher: Hasher, uow: UnitOfWork, clock: Clock
) -> Account:
    _check_password(password)
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
    _check_password(new, "new_password")
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
