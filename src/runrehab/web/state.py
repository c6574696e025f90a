"""What every request needs, built once by `create_app` and kept on `app.state.runrehab`."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from fastapi import Request
from slowapi import Limiter
from sqlalchemy import Engine

from runrehab.adapters.db.uow import SqlUnitOfWork
from runrehab.config import Settings
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.services.accounts import Account, Hasher, Mailer, account


@dataclass(frozen=True)
class AppState:
    settings: Settings
    kb: KnowledgeBase
    engine: Engine
    hasher: Hasher
    mailer: Mailer
    limiter: Limiter
    dummy_hash: str
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    # set when a request queues mail: the server's notification thread sends it at once
    mail_queued: threading.Event = field(default_factory=threading.Event)

    def uow(self) -> SqlUnitOfWork:
        """A unit of work per request: sessions are never shared between threads."""
        return SqlUnitOfWork(self.engine, self.mail_queued.set)


class LoginRequired(Exception):  # noqa: N818 - a signal, handled as a redirect or a 401
    """Raised by `signed_in` when a page or endpoint needs an account and there is none."""


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.runrehab
    return state


def current(request: Request) -> Account | None:
    user_id = request.session.get("user_id")
    if not isinstance(user_id, str):
        return None
    found = account(user_id, app_state(request).uow())
    if found is None:
        request.session.clear()
    return found


def signed_in(request: Request) -> Account:
    found = current(request)
    if found is None:
        raise LoginRequired
    return found
