"""E-mail notifications through the outbox: written in the same transaction as the event, sent
later by the worker (`runrehab worker`, or the web server's background thread), retried with
back-off on failure and never lost.

    alert     a red flag or a `refer` decision: to every coach with access, at once
    message   a new message: to the recipient, batched to at most one e-mail an hour
    reminder  the day's sessions, each morning, to runners who opted in
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from runrehab.domain.records import Notification
from runrehab.services.accounts import Mailer
from runrehab.services.ports import Clock, EngineUnitOfWork, UnitOfWork

LEASE = timedelta(minutes=5)
MAX_BACKOFF = timedelta(hours=1)


def alert_coaches(
    uow: EngineUnitOfWork, runner_id: str, entry_id: str, decision: dict[str, Any], now: datetime
) -> None:
    """Inside the caller's transaction: one alert per coach for a referral, in the words of the
    decision as stored (what the runner was shown)."""
    if decision["decision"] != "refer" or decision["reasons"][0]["rule"] == "awaiting_clinician":
        return
    email = uow.coaching.email_of(runner_id) or "a runner"
    why = " ".join(f"{r['says']} [{r['evidence_label']}]" for r in decision["reasons"])
    for coach in uow.coaching.coach_emails(runner_id):
        uow.outbox.enqueue(
            Notification(
                "alert",
                f"alert:{entry_id}:{coach}",
                coach,
                f"runrehab: {email} needs a clinician",
                f"{email} logged an entry on {decision['date']} that needs attention.\n\n{why}\n\n"
                "Open the runner's page in runrehab to review the plan.",
                now,
                now,
            )
        )


def message_notice(uow: UnitOfWork, to_email: str, now: datetime) -> None:
    """Inside the caller's transaction: batched per recipient and hour."""
    hour = now.replace(minute=0, second=0, microsecond=0)
    uow.outbox.enqueue(
        Notification(
            "message",
            f"message:{to_email}:{hour.isoformat()}",
            to_email,
            "runrehab: new message",
            "You have a new message in runrehab. Log in to read it and reply.",
            now,
            hour + timedelta(hours=1),
        )
    )


def send_due(mailer: Mailer, uow: UnitOfWork, clock: Clock, limit: int = 50) -> tuple[int, int]:
    """Send what is due; (sent, failed). Each send is claimed first, so two workers never both send."""
    sent = failed = 0
    with uow:
        due = uow.outbox.due(clock(), limit)
    for note_id, to, subject, body in due:
        with uow:
            claimed = uow.outbox.claim(note_id, clock(), LEASE)
            uow.commit()
        if not claimed:
            continue
        try:
            mailer.send(to, subject, body)
        except Exception as exc:
            with uow:
                uow.outbox.failed(
                    note_id, f"{type(exc).__name__}: {exc}", clock() + _backoff(note_id, uow)
                )
                uow.commit()
            failed += 1
            continue
        with uow:
            uow.outbox.sent(note_id, clock())
            uow.commit()
        sent += 1
    return sent, failed


def _backoff(note_id: int, uow: UnitOfWork) -> timedelta:
    """1, 2, 4 ... minutes between attempts, at most an hour."""
    return min(timedelta(minutes=1 << min(uow.outbox.attempts(note_id), 10)), MAX_BACKOFF)
