"""The unit of work: one transaction per use case, committed explicitly, rolled back otherwise."""

from __future__ import annotations

import logging
from collections.abc import Callable
from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from runrehab.adapters.db.access_log import AccessLogRepository
from runrehab.adapters.db.activities import ActivityRepository
from runrehab.adapters.db.auth_sessions import AuthSessionRepository
from runrehab.adapters.db.coaching import CoachingRepository
from runrehab.adapters.db.continuity import ContinuityRepository
from runrehab.adapters.db.invitations import InvitationRepository
from runrehab.adapters.db.outbox import OutboxRepository
from runrehab.adapters.db.repositories import (
    AccountRepository,
    EpisodeRepository,
    LogRepository,
    PlanRepository,
    QuestionnaireRepository,
    StatusRepository,
)
from runrehab.adapters.db.snapshots import SnapshotRepository
from runrehab.adapters.db.workspace import WorkspaceRepository
from runrehab.domain.errors import ConcurrentWriteError

log = logging.getLogger("runrehab.db")


class SqlUnitOfWork:
    def __init__(self, engine: Engine, mail_queued: Callable[[], None] | None = None) -> None:
        """`mail_queued` is called after a commit that added mail to the outbox, so a sender
        waiting for work can send it at once instead of at its next round."""
        self._factory = sessionmaker(engine, expire_on_commit=False)
        self._mail_queued = mail_queued

    def __enter__(self) -> SqlUnitOfWork:
        self.session: Session = self._factory()
        self.episodes = EpisodeRepository(self.session)
        self.logs = LogRepository(self.session)
        self.plans = PlanRepository(self.session)
        self.questionnaires = QuestionnaireRepository(self.session)
        self.accounts = AccountRepository(self.session)
        self.auth_sessions = AuthSessionRepository(self.session)
        self.status = StatusRepository(self.session)
        self.coaching = CoachingRepository(self.session)
        self.outbox = OutboxRepository(self.session)
        self.workspace = WorkspaceRepository(self.session)
        self.activities = ActivityRepository(self.session)
        self.continuity = ContinuityRepository(self.session)
        self.invitations = InvitationRepository(self.session)
        self.snapshots = SnapshotRepository(self.session)
        self.access_log = AccessLogRepository(self.session)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.session.rollback()
        self.session.close()
        if isinstance(error, IntegrityError):  # raised by a flush inside the block
            raise _concurrent(error) from error

    def commit(self) -> None:
        try:
            self.session.commit()
        except IntegrityError as exc:
            self.session.rollback()
            raise _concurrent(exc) from exc
        if self.outbox.queued and self._mail_queued is not None:
            self.outbox.queued = False
            self._mail_queued()


def _concurrent(exc: IntegrityError) -> ConcurrentWriteError:
    """A uniqueness or reference the database enforced: another write got there first. The
    database's own words (table, constraint, SQL) go to the log, never to the user."""
    log.warning("a concurrent write got there first: %s", exc.orig)
    return ConcurrentWriteError(CONCURRENT)


CONCURRENT = "another change was being saved at the same moment; nothing was saved, try again"
