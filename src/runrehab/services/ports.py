"""What the use cases need from the outside world, as protocols (the SQL adapter implements them)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # the SQL adapter is the one implementation; importing it costs ~1 s
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
    from runrehab.adapters.db.workspace import WorkspaceRepository

Clock = Callable[[], datetime]
JSON = dict[str, Any]


class UnitOfWork(Protocol):
    episodes: EpisodeRepository
    logs: LogRepository
    plans: PlanRepository
    questionnaires: QuestionnaireRepository
    accounts: AccountRepository
    auth_sessions: AuthSessionRepository
    status: StatusRepository
    coaching: CoachingRepository
    outbox: OutboxRepository
    workspace: WorkspaceRepository
    activities: ActivityRepository
    continuity: ContinuityRepository
    invitations: InvitationRepository

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...
