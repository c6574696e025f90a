"""What every request needs, built once by `create_app` and kept on `app.state.runrehab`; and the
roster's page cursor, which the page and its JSON twin both take."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Query, Request
from slowapi import Limiter
from sqlalchemy import Engine

from runrehab.adapters.db.uow import SqlUnitOfWork
from runrehab.config import Settings
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.services import sessions
from runrehab.services.accounts import Account, Hasher, Mailer
from runrehab.services.sessions import SessionPolicy, SignedIn

TOKEN_KEY = "auth"  # where the session cookie keeps the server-side session's token

RosterAfter = Annotated[
    str | None,
    Query(
        pattern=r"^\d{1,9}:\S{1,254}$",
        description="the page after this cursor (score:email), as the `next` link gives it",
    ),
]


@dataclass(frozen=True)
class AppState:
    settings: Settings
    kb: KnowledgeBase
    engine: Engine
    hasher: Hasher
    mailer: Mailer
    limiter: Limiter
    dummy_hash: str
    session_policy: SessionPolicy
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
    found = _signed_in(request)
    return None if found is None else found.account


def current_session_id(request: Request) -> str | None:
    """The server-side session this request belongs to (None when signed out)."""
    found = _signed_in(request)
    return None if found is None else found.session_id


def _signed_in(request: Request) -> SignedIn | None:
    """The token in the cookie, resolved on the server once per request (a page asks several
    times). A token that signs no one in any more is dropped with the rest of the cookie."""
    if hasattr(request.state, "signed_in"):
        cached: SignedIn | None = request.state.signed_in
        return cached
    token = request.session.get(TOKEN_KEY)
    found = None
    if isinstance(token, str):
        state = app_state(request)
        found = sessions.resolve(token, state.session_policy, state.uow(), state.clock)
        if found is None:
            request.session.clear()
    request.state.signed_in = found
    return found


def sign_in(request: Request, who: Account) -> None:
    """A new server-side session with a new token at every login, in a cleared cookie: a token
    planted in the browser before the login (session fixation) never signs anyone in."""
    sign_out(request)
    state = app_state(request)
    user_agent = request.headers.get("user-agent", "")
    token = sessions.start(who.user_id, user_agent, state.session_policy, state.uow(), state.clock)
    request.session[TOKEN_KEY] = token
    del request.state.signed_in  # resolved again if this request asks


def sign_out(request: Request) -> None:
    """End this browser's session on the server (a copy of its cookie stops working at once) and
    clear the cookie."""
    token = request.session.get(TOKEN_KEY)
    if isinstance(token, str):
        sessions.end(token, app_state(request).uow())
    request.session.clear()
    request.state.signed_in = None


def signed_in(request: Request) -> Account:
    found = current(request)
    if found is None:
        raise LoginRequired
    return found


def this_session(request: Request) -> str:
    """The id of the signed-in request's own session (a dependency, like `signed_in`)."""
    found = current_session_id(request)
    if found is None:
        raise LoginRequired
    return found


# What a route takes, declared once for the pages and the API alike.
State = Annotated[AppState, Depends(app_state)]
Who = Annotated[Account, Depends(signed_in)]
