"""Signed-in sessions kept on the server, so that signing out really ends them.

The browser holds only a random token (inside the signed session cookie); the database holds its
SHA-256 hash, whose account it is and when it was last used. Every request looks the token up:
a token that is unknown (never issued, or its session was ended: log out, password reset or
change, "sign out" from another device, account deleted) or expired signs no one in. A session
expires after `idle` without use and, however busy, `lifetime` after it began. `last_seen_at` is
written at most every `touch_every`, so reading pages does not mean writing the database each time.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from runrehab.domain.errors import NotFoundError
from runrehab.domain.records import LoginSession
from runrehab.services.accounts import Account, token_hash
from runrehab.services.ports import Clock, UnitOfWork

USER_AGENT_CHARS = 200


@dataclass(frozen=True, slots=True)
class SessionPolicy:
    idle: timedelta
    lifetime: timedelta
    touch_every: timedelta = timedelta(minutes=5)

    def expired(self, login: LoginSession, now: datetime) -> bool:
        return now - login.last_seen_at > self.idle or now - login.created_at > self.lifetime


@dataclass(frozen=True, slots=True)
class SignedIn:
    """Who a request's token signs in, and which of their sessions it is."""

    account: Account
    session_id: str


def start(
    user_id: str, user_agent: str, policy: SessionPolicy, uow: UnitOfWork, clock: Clock
) -> str:
    """A new session for the account; returns its token (for the cookie, never stored).

    The account's expired sessions are forgotten at the same time."""
    token, now = secrets.token_urlsafe(32), clock()
    login = LoginSession(uuid.uuid4().hex, user_id, now, now, user_agent[:USER_AGENT_CHARS])
    with uow:
        uow.auth_sessions.end_expired(user_id, now - policy.idle, now - policy.lifetime)
        uow.auth_sessions.add(login, token_hash(token))
        uow.commit()
    return token


def resolve(token: str, policy: SessionPolicy, uow: UnitOfWork, clock: Clock) -> SignedIn | None:
    """The account a token signs in; None when the session is unknown, ended or expired."""
    now = clock()
    with uow:
        login = uow.auth_sessions.by_token(token_hash(token))
        found = None if login is None else uow.accounts.user_and_role(login.user_id)
        if login is None or found is None:
            return None
        if policy.expired(login, now):
            uow.auth_sessions.end(login.id, login.user_id)
            uow.commit()
            return None
        if now - login.last_seen_at >= policy.touch_every:
            uow.auth_sessions.seen(login.id, now)
            uow.commit()
    user, coach, coach_only = found
    account = Account(user.id, user.runner_id, user.email, coach_only, user.display_name, coach)
    return SignedIn(account, login.id)


def end(token: str, uow: UnitOfWork) -> None:
    """Sign out the session this token belongs to (nothing happens for an unknown token)."""
    with uow:
        login = uow.auth_sessions.by_token(token_hash(token))
        if login is not None:
            uow.auth_sessions.end(login.id, login.user_id)
            uow.commit()


def of_account(user_id: str, uow: UnitOfWork) -> list[LoginSession]:
    with uow:
        return uow.auth_sessions.of_user(user_id)


def end_one(user_id: str, session_id: str, uow: UnitOfWork) -> None:
    """End one of the account's own sessions; another account's id is NotFound, like any
    unknown id (nobody learns that it exists, and it is never ended)."""
    with uow:
        if not uow.auth_sessions.end(session_id, user_id):
            raise NotFoundError(f"no session {session_id!r} of yours")
        uow.commit()


def end_others(user_id: str, keep: str, uow: UnitOfWork) -> int:
    """Sign out every other device of the account; how many were signed out."""
    with uow:
        ended = uow.auth_sessions.end_all(user_id, keep=keep)
        uow.commit()
    return ended
