"""The daily reminder: the day's sessions, by e-mail through the outbox, to runners who opted in."""

from __future__ import annotations

from datetime import date

from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.records import Notification
from runrehab.services.episodes import episode_of
from runrehab.services.ports import Clock, UnitOfWork
from runrehab.services.progress import current_plan


def set_daily_reminder(user_id: str, daily: bool, uow: UnitOfWork) -> None:
    """Opt the user in to the daily reminder (`daily`) or out of it."""
    with uow:
        uow.accounts.set_reminders(user_id, daily)
        uow.commit()


def queue_reminders(day: date, kb: KnowledgeBase, uow: UnitOfWork, clock: Clock) -> int:
    """Once a day per runner who opted in: today's sessions (nothing on a rest day)."""
    with uow:
        targets = uow.accounts.reminder_targets()
    queued = 0
    for runner_id, email in targets:
        episode = episode_of(runner_id, uow)
        if episode is None:
            continue
        sessions = [
            s
            for s in current_plan(episode, day, 1, kb, uow).sessions
            if s.date == day and s.kind != "rest"
        ]
        if not sessions:
            continue
        lines = "\n".join(f"- {s.title}" for s in sessions)
        with uow:
            queued += uow.outbox.enqueue(
                Notification(
                    "reminder",
                    f"reminder:{runner_id}:{day.isoformat()}",
                    email,
                    "runrehab: today's session",
                    f"Today's plan:\n{lines}\n\nLog how it went in runrehab; the plan adapts to it.",
                    clock(),
                    clock(),
                )
            )
            uow.commit()
    return queued
