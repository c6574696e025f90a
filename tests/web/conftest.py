"""Web fixtures: the real app (real database, real argon2) behind Starlette's TestClient, on
SQLite and, when RUNREHAB_TEST_POSTGRES_URL is set, PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import lxml.html
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event

from runrehab.adapters.db.engine import make_engine
from runrehab.adapters.db.migrate import downgrade, upgrade
from runrehab.adapters.db.tables import Base
from runrehab.adapters.passwords import Argon2Hasher
from runrehab.config import Settings
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.web.app import create_app
from tests.conftest import raw_answers
from tests.integration.db.conftest import BACKENDS
from tests.postgres import postgres_url

PASSWORD = "correct horse battery"
# Real argon2 at its cheapest cost: hashing at the production cost (about 0.2 s a password, and
# the app hashes a dummy at start) would be most of a web test's time. A hash records its cost, so
# the production hasher still verifies these (tests/unit/adapters/test_passwords.py).
CHEAP_HASHER = Argon2Hasher(time_cost=1, memory_cost=8, parallelism=1)


class OutBox:
    """Collects mail instead of sending it (the SMTP path has its own test with a real server)."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, str]] = []

    def send(self, to: str, subject: str, body: str) -> None:
        self.sent.append((to, subject, body))


@pytest.fixture(scope="session", params=BACKENDS)
def web_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Engine]]:
    url = (
        f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.sqlite3'}"
        if request.param == "sqlite"
        else postgres_url()
    )
    engine = make_engine(url)
    downgrade(engine)
    upgrade(engine)
    yield url, engine
    engine.dispose()


@pytest.fixture(autouse=True)
def no_server_errors(
    request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture
) -> Iterator[None]:
    """A 500 is answered (never raised into the client), so a bug would pass unnoticed in a test
    that does not check the status: any 500 fails the test, unless it is marked `server_error`."""
    yield
    records = [r for phase in ("setup", "call") for r in caplog.get_records(phase)]
    crashes = [r for r in records if r.getMessage().startswith("unhandled error on")]
    if crashes and request.node.get_closest_marker("server_error") is None:
        pytest.fail(f"server error: {crashes[0].getMessage()}: {crashes[0].exc_info}")


@pytest.fixture
def outbox() -> OutBox:
    return OutBox()


@pytest.fixture
def settings(web_db: tuple[str, Engine]) -> Settings:
    url, engine = web_db
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    return Settings(
        database_url=url,
        environment="test",
        login_rate_limit="5/minute",
        mail_rate_limit="100/minute",  # roles sign up many accounts from one client
        base_url="http://testserver",
        run_worker=False,  # tests send the outbox themselves
    )


@pytest.fixture
def app(settings: Settings, outbox: OutBox, kb: KnowledgeBase) -> Iterator[FastAPI]:
    app = create_app(settings, kb=kb, mailer=outbox, hasher=CHEAP_HASHER)
    yield app
    app.state.runrehab.engine.dispose()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


def sign_up(client: TestClient, email: str = "ana@example.com") -> None:
    """Asks for an account, then follows the e-mailed link: signed in as `email`."""
    response = client.post("/api/v1/users", json={"email": email})
    assert response.status_code == 202, response.text
    confirmed = client.post(
        "/api/v1/users/confirmations",
        json={"token": mailed_token(client, email, "signup"), "password": PASSWORD},
    )
    assert confirmed.status_code == 201, confirmed.text


def mailed_token(client: TestClient, email: str, kind: str) -> str:
    """The token in the last link of `kind` ("signup", "reset") queued in the outbox for
    `email` (read from the database: the mail itself is sent later)."""
    address = email.strip().lower()
    with client.app.state.runrehab.uow() as uow:  # type: ignore[attr-defined]
        bodies = [n["body"] for n in uow.outbox.all() if (n["to"], n["kind"]) == (address, kind)]
    link = re.search(r"/(?:signup/confirm|reset)/([\w-]+)", bodies[-1] if bodies else "")
    assert link is not None, f"no {kind} link queued for {email}"
    return link.group(1)


def assessed(client: TestClient, email: str = "ana@example.com", **changes: Any) -> TestClient:
    sign_up(client, email)
    answers = raw_answers(
        **(
            {
                "weekly_km_now": 20,
                "longest_run_30d_km": 8,
                "pain_rest": 1,
                "pain_during_run": 2,
                "baseline_morning_pain": 2,
            }
            | changes
        )
    )
    response = client.post("/api/v1/assessments?on=2026-12-01", json={"answers": answers})
    assert response.status_code == 201, response.text
    return client


@contextmanager
def counted_statements(app: FastAPI) -> Iterator[list[str]]:
    """Every SQL statement the app sends while the block runs: the query-count tests pin them."""
    engine = app.state.runrehab.engine
    statements: list[str] = []

    def count(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def words(html: str) -> str:
    """A page's text as a reader sees it: no tags, runs of white space as one space."""
    return " ".join(lxml.html.fromstring(html).text_content().split())
