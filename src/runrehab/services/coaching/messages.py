"""The thread between a runner and each of their coaches, and a coach's clinical notes."""

from __future__ import annotations

from typing import Any

from runrehab.domain.errors import InvalidInputError, NotFoundError, Problem
from runrehab.services.accounts import Account
from runrehab.services.coaching.access import check_access
from runrehab.services.coaching.audit import record_view
from runrehab.services.notifications import message_notice
from runrehab.services.ports import Clock, UnitOfWork

MAX_MESSAGE = 4000


def send(
    who: Account, runner_id: str, coach_user_id: str, body: str, uow: UnitOfWork, clock: Clock
) -> None:
    """A message in the thread of `runner_id` and `coach_user_id`; `who` must be one of the two."""
    if not body.strip() or len(body) > MAX_MESSAGE:
        raise InvalidInputError(
            "message", [Problem("body", f"write 1 to {MAX_MESSAGE} characters")]
        )
    from_coach = who.runner_id != runner_id
    with uow:
        if not uow.coaching.has_access(coach_user_id, runner_id) or (
            from_coach and who.user_id != coach_user_id
        ):
            raise NotFoundError("no such conversation")
        uow.coaching.add_message(runner_id, coach_user_id, from_coach, body.strip(), clock())
        recipient = (
            uow.coaching.email_of(runner_id)
            if from_coach
            else uow.coaching.user_email(coach_user_id)
        )
        if recipient:
            message_notice(uow, recipient, clock())
        uow.commit()


def read_thread(
    who: Account,
    runner_id: str,
    coach_user_id: str,
    uow: UnitOfWork,
    clock: Clock,
    recorded: bool = True,
) -> list[dict[str, Any]]:
    """The thread, marked read by whoever reads it; a coach's read is in the runner's access log
    unless `recorded` is False (the runner file records itself as one view)."""
    by_coach = who.runner_id != runner_id
    with uow:
        if not uow.coaching.has_access(coach_user_id, runner_id) or (
            by_coach and who.user_id != coach_user_id
        ):
            raise NotFoundError("no such conversation")
        uow.coaching.mark_read(runner_id, coach_user_id, by_coach, clock())
        thread = uow.coaching.thread(runner_id, coach_user_id)
        if recorded:
            record_view(who, runner_id, "messages", uow, clock)
        uow.commit()
    return thread


def add_note(coach: Account, runner_id: str, body: str, uow: UnitOfWork, clock: Clock) -> None:
    if not body.strip():
        raise InvalidInputError("note", [Problem("body", "write the note")])
    with uow:
        check_access(coach, runner_id, uow)
        uow.coaching.add_note(runner_id, coach.user_id, body.strip(), clock())
        uow.commit()
