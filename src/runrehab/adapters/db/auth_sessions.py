"""Signed-in sessions, looked up by the hash of the cookie's token; ending one deletes its row."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from runrehab.adapters.db.tables import AuthSessionRow
from runrehab.domain.records import LoginSession


class AuthSessionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, login: LoginSession, token_hash: str) -> None:
        self.session.add(
            AuthSessionRow(
                id=login.id,
                token_hash=token_hash,
                user_id=login.user_id,
                created_at=login.created_at,
                last_seen_at=login.last_seen_at,
                user_agent=login.user_agent,
            )
        )

    def by_token(self, token_hash: str) -> LoginSession | None:
        row = self.session.scalar(
            select(AuthSessionRow).where(AuthSessionRow.token_hash == token_hash)
        )
        return None if row is None else _login(row)

    def of_user(self, user_id: str) -> list[LoginSession]:
        """The account's sessions, the most recently used first."""
        query = (
            select(AuthSessionRow)
            .where(AuthSessionRow.user_id == user_id)
            .order_by(AuthSessionRow.last_seen_at.desc(), AuthSessionRow.id)
        )
        return [_login(row) for row in self.session.scalars(query)]

    def seen(self, session_id: str, now: datetime) -> None:
        self.session.execute(
            update(AuthSessionRow).where(AuthSessionRow.id == session_id).values(last_seen_at=now)
        )

    def end(self, session_id: str, user_id: str) -> bool:
        """End one of `user_id`'s sessions; False (nothing ended) for anyone else's id."""
        ended = self.session.execute(
            delete(AuthSessionRow).where(
                AuthSessionRow.id == session_id, AuthSessionRow.user_id == user_id
            )
        )
        return bool(getattr(ended, "rowcount", 0))

    def end_all(self, user_id: str, keep: str | None = None) -> int:
        """End every session of the account but `keep`; how many ended."""
        query = delete(AuthSessionRow).where(AuthSessionRow.user_id == user_id)
        if keep is not None:
            query = query.where(AuthSessionRow.id != keep)
        return int(getattr(self.session.execute(query), "rowcount", 0))

    def end_expired(self, user_id: str, idle_before: datetime, born_before: datetime) -> None:
        """Forget the account's sessions that expired (unused too long, or simply too old)."""
        self.session.execute(
            delete(AuthSessionRow).where(
                AuthSessionRow.user_id == user_id,
                or_(
                    AuthSessionRow.last_seen_at < idle_before,
                    AuthSessionRow.created_at < born_before,
                ),
            )
        )


def _login(row: AuthSessionRow) -> LoginSession:
    return LoginSession(
        row.id, row.user_id, _aware(row.created_at), _aware(row.last_seen_at), row.user_agent
    )


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes for timezone-aware columns; they were stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
