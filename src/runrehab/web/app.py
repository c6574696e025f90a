"""`create_app(settings)`: the whole web app, built when called (nothing happens at import)."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.responses import Response
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
from runrehab.web import errors
from runrehab.web.api import activities, coach, coach_tools, v1
from runrehab.web.pages import (
    account_pages,
    activities_pages,
    assess_pages,
    coach_pages,
    coach_tools_pages,
    library_pages,
    runner_pages,
)
from runrehab.web.refused_input import refuse_unreadable
from runrehab.web.security import CsrfMiddleware, make_limiter
from runrehab.web.state import AppState

HERE = Path(__file__).parent
log = logging.getLogger("runrehab.web")
VENDOR_FILES = {
    "htmx.min.js": "htmx.org/dist/htmx.min.js",
    "chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
}


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
    _vendor(app, settings.vendor_dir)  # before the /static mount, which would shadow it
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (
        v1,
        activities,
        coach,
        coach_tools,
        account_pages,
        activities_pages,
        assess_pages,
        runner_pages,
        library_pages,
        coach_pages,
        coach_tools_pages,
    ):
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
                log.exception("notification round failed")

    threading.Thread(target=loop, name="runrehab-notifications", daemon=True).start()
    return stop


def _vendor(app: FastAPI, vendor_dir: Path) -> None:
    """Front-end libraries from the npm install (never a CDN), under /static/vendor/."""
    for name, relative in VENDOR_FILES.items():
        path = (vendor_dir / relative).resolve()

        def serve(path: Path = path) -> Response:
            if not path.is_file():
                return Response("missing front-end asset: run `npm ci`", status_code=404)
            return Response(
                path.read_bytes(),
                media_type="text/javascript",
                headers={"Cache-Control": "public, max-age=86400"},
            )

        app.add_api_route(f"/static/vendor/{name}", serve, include_in_schema=False)
