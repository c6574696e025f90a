"""`create_app(settings)`: the whole web app, built when called (nothing happens at import)."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from runrehab import __version__
from runrehab.adapters.db.engine import make_engine
from runrehab.adapters.db.migrate import upgrade
from runrehab.adapters.mail import make_mailer
from runrehab.adapters.passwords import Argon2Hasher
from runrehab.adapters.signing_key import signing_key
from runrehab.config import Settings, refusal
from runrehab.domain.errors import InvalidInputError, Problem
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.knowledge.loader import load_knowledge_base
from runrehab.services.accounts import Hasher, Mailer
from runrehab.services.notifications import send_due
from runrehab.services.reminders import queue_reminders
from runrehab.services.sessions import SessionPolicy
from runrehab.web import errors, offline
from runrehab.web.api import account as account_api
from runrehab.web.api import activities as activities_api
from runrehab.web.api import assessment as assessment_api
from runrehab.web.api import coach_tools as coach_tools_api
from runrehab.web.api import coaching as coaching_api
from runrehab.web.api import health as health_api
from runrehab.web.api import library as library_api
from runrehab.web.api import log as log_api
from runrehab.web.api import plan as plan_api
from runrehab.web.api import progress as progress_api
from runrehab.web.assets import STATIC, mount_docs, mount_vendor
from runrehab.web.pages import (
    account,
    activities,
    assessment,
    coach_tools,
    coaching,
    library,
    log,
    plan,
    progress,
)
from runrehab.web.refused_input import refuse_unreadable
from runrehab.web.security import CsrfMiddleware, make_limiter
from runrehab.web.state import AppState

logger = logging.getLogger("runrehab.web")
# Every router, by topic: a page module and its JSON twin share the topic's name (`offline`, the
# manifest and the service worker, has no twin). Routes match in this order (within a module too:
# `/exercises/{id}.svg` before `/exercises/{id}`).
ROUTED = (
    account_api,
    health_api,
    assessment_api,
    log_api,
    plan_api,
    progress_api,
    library_api,
    activities_api,
    coaching_api,
    coach_tools_api,
    account,
    activities,
    assessment,
    log,
    offline,
    plan,
    progress,
    library,
    coaching,
    coach_tools,
)


def create_app(
    settings: Settings,
    *,
    kb: KnowledgeBase | None = None,
    mailer: Mailer | None = None,
    hasher: Hasher | None = None,
) -> FastAPI:
    refused = refusal(settings)
    if refused is not None:
        raise InvalidInputError("environment", [Problem(*refused)])
    engine = make_engine(settings.resolved_database_url)
    upgrade(engine)
    hasher = hasher or Argon2Hasher()
    state = AppState(
        settings=settings,
        kb=kb or load_knowledge_base(),
        engine=engine,
        hasher=hasher,
        mailer=mailer or make_mailer(settings),
        limiter=make_limiter(),
        dummy_hash=hasher.hash("not-a-real-password"),
        session_policy=SessionPolicy(
            idle=timedelta(days=settings.session_idle_days),
            lifetime=timedelta(days=settings.session_max_days),
        ),
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        stop = _start_worker(state) if settings.run_worker else None
        yield
        if stop is not None:
            stop.set()
            state.mail_queued.set()
        engine.dispose()  # close pooled connections when the server stops

    app = FastAPI(
        title="runrehab",
        version=__version__,
        description="Evidence-informed rehab and return-to-run plans for injured runners.",
        lifespan=lifespan,
        docs_url=None,  # served by `mount_docs` from the npm install, never a CDN
        redoc_url=None,
        dependencies=[Depends(refuse_unreadable)],  # before any route reads its input
    )
    app.state.runrehab = state
    app.state.limiter = state.limiter
    app.add_middleware(CsrfMiddleware)
    app.add_middleware(
        SessionMiddleware,
        secret_key=signing_key(settings.secret_key, settings.resolved_database_url),
        session_cookie="runrehab_session",
        max_age=settings.session_max_days * 86400,
        same_site="lax",
        https_only=settings.https_only_cookies,
    )
    if settings.proxies:  # outermost: the client address is settled before anything reads it
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.proxies)
    errors.install(app)
    mount_vendor(app, settings.vendor_dir)  # before the /static mount, which would shadow it
    mount_docs(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in ROUTED:
        app.include_router(module.router)
    return app


def _start_worker(state: AppState) -> threading.Event:
    """The notification worker in a background thread of the server (no separate process to run).
    It runs every `worker_interval_s` and at once when a request queues mail (a sign-up link
    should arrive while the person is still looking at "check your e-mail")."""
    stop = threading.Event()

    def loop() -> None:
        while True:
            state.mail_queued.wait(state.settings.worker_interval_s)
            state.mail_queued.clear()
            if stop.is_set():
                return
            try:
                now = state.clock()
                if now.hour >= state.settings.reminder_hour_utc:
                    queue_reminders(now.date(), state.kb, state.uow(), state.clock)
                send_due(state.mailer, state.uow(), state.clock)
            except Exception:  # the outbox keeps everything; the next round tries again
                logger.exception("notification round failed")

    threading.Thread(target=loop, name="runrehab-notifications", daemon=True).start()
    return stop
