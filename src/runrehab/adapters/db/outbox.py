"""The notifications outbox repository: enqueue (deduplicated), claim what is due, mark the outcome."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from runrehab.adapters.db.tables import NotificationRow
from runrehab.domain.records import Notification


class OutboxRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.queued = False  # whether this unit of work added mail (to wake the sender)

    def enqueue(self, note: Notification) -> bool:
        """False when a notification with the same key is already waiting (batching)."""
        existing = self.session.scalar(
            select(NotificationRow).where(NotificationRow.dedupe_key == note.dedupe_key)
        )
        if existing is not None:
            return False
        self.session.add(
            NotificationRow(
                kind=note.kind,
                dedupe_key=note.dedupe_key,
                to_email=note.to_email,
                subject=note.subject,
                body=note.body,
                created_at=note.created_at,
                due_at=note.due_at,
                attempts=0,
            )
        )
        self.queued = True
        return True

    def due(self, now: datetime, limit: int) -> list[tuple[int, str, str, str]]:
        query = (
            select(
                NotificationRow.id,
                NotificationRow.to_email,
                NotificationRow.subject,
                NotificationRow.body,
            )
            .where(NotificationRow.sent_at.is_(None), NotificationRow.due_at <= now)
            .order_by(NotificationRow.due_at)
            .limit(limit)
        )
        return [(i, to, subject, body) for i, to, subject, body in self.session.execute(query)]

    def claim(self, note_id: int, now: datetime, lease: timedelta) -> bool:
        """Push the due time past a lease so a second worker skips it while this one sends."""
        result = self.session.execute(
            update(NotificationRow)
            .where(
                NotificationRow.id == note_id,
                NotificationRow.sent_at.is_(None),
                NotificationRow.due_at <= now,
            )
            .values(due_at=now + lease)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def sent(self, note_id: int, now: datetime) -> None:
        self.session.execute(
            update(NotificationRow).where(NotificationRow.id == note_id).values(sent_at=now)
        )

    def failed(self, note_id: int, error: str, retry_at: datetime) -> None:
        self.session.execute(
            update(NotificationRow)
            .where(NotificationRow.id == note_id)
            .values(attempts=NotificationRow.attempts + 1, last_error=error[:2000], due_at=retry_at)
        )

    def attempts(self, note_id: int) -> int:
        return int(
            self.session.scalar(
                select(NotificationRow.attempts).where(NotificationRow.id == note_id)
            )
            or 0
        )

    def all(self) -> list[dict[str, object]]:
        rows = self.session.scalars(select(NotificationRow).order_by(NotificationRow.id))
        return [
            {
                "kind": r.kind,
                "to": r.to_email,
                "subject": r.subject,
                "body": r.body,
                "attempts": r.attempts,
                "sent": r.sent_at is not None,
                "key": r.dedupe_key,
            }
            for r in rows
        ]
