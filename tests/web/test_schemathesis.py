"""schemathesis against /openapi.json: generated requests, signed in, never a server error.

schemathesis reads the schema when the module loads, so this module builds its own app on a
throw-away SQLite file (the other web tests cover PostgreSQL)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from runrehab.config import Settings
from runrehab.web.app import create_app
from tests.web.conftest import OutBox, assessed

FOLDER = Path(tempfile.mkdtemp(prefix="runrehab-fuzz-"))
APP = create_app(
    Settings(
        database_url=f"sqlite:///{FOLDER / 'fuzz.sqlite3'}",
        environment="test",
        login_rate_limit="10000/minute",
    ),
    mailer=OutBox(),
)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module")
def session_cookie() -> str:
    with TestClient(APP) as client:
        assessed(client, "fuzz@example.com")
        client.post(
            "/api/v1/entries", json={"type": "checkin", "date": "2026-12-02", "monitoring_pain": 2}
        )
        return "; ".join(f"{k}={v}" for k, v in client.cookies.items())


@schema.exclude(method="DELETE", path_regex="^/api/v1/(me|session)$").parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_generated_request_causes_a_server_error(
    case: schemathesis.Case, session_cookie: str
) -> None:
    case.call_and_validate(headers={"Cookie": session_cookie}, checks=[not_a_server_error])
