"""The OpenAPI document is the contract: schemathesis generates requests from /openapi.json, valid
and invalid, signed in as a runner and as a coach, on SQLite and on PostgreSQL, and runs every
check it has on each answer (no server error, status codes, content types, bodies and headers as
documented, invalid input refused, valid input accepted, ...).

The schema comes from a fixture (`from_fixture`), so each backend and role gets an app of its own
with a real cast behind it: the runner has a coach, the coach a runner, and the generated
`runner_id` and `coach_id` are theirs, so requests reach the use cases instead of stopping at a
404. Run with `-s` to see the number of requests per backend and role.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from runrehab.adapters.db.engine import make_engine
from runrehab.adapters.db.migrate import upgrade
from runrehab.adapters.db.tables import Base
from runrehab.config import Settings
from runrehab.web.app import create_app
from tests.integration.db.conftest import BACKENDS
from tests.postgres import postgres_url
from tests.web.conftest import OutBox
from tests.web.roles import assessed_today

ROLES = ("runner", "coach")
EXAMPLES = 5  # per operation and generation phase: the whole module stays well under 2 minutes


@dataclass
class Fuzzed:
    backend: str
    role: str
    app: FastAPI
    cookie: str
    ids: dict[str, str]
    requests: Counter[int] = field(default_factory=Counter)


@pytest.fixture(scope="module", params=[(b, r) for b in BACKENDS for r in ROLES], ids="-".join)
def fuzzed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Fuzzed]:
    backend, role = request.param
    app = create_app(_settings(backend, tmp_path_factory.mktemp("fuzz")), mailer=OutBox())
    with TestClient(app) as runner, TestClient(app) as coach:
        ids = _cast(runner, coach)
        signed_in = runner if role == "runner" else coach
        cookie = "; ".join(f"{k}={v}" for k, v in signed_in.cookies.items())
    found = Fuzzed(backend, role, app, cookie, ids)
    yield found
    print(
        f"\n{backend}, {role}: {found.requests.total()} requests, by status {dict(found.requests)}"
    )
    app.state.runrehab.engine.dispose()


def _settings(backend: str, folder: Path) -> Settings:
    url = f"sqlite:///{folder / 'fuzz.sqlite3'}" if backend == "sqlite" else postgres_url()
    engine = make_engine(url)
    upgrade(engine)
    with engine.begin() as connection:  # the web tests share the PostgreSQL database
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    engine.dispose()
    return Settings(
        database_url=url,
        environment="test",
        login_rate_limit="100000/minute",
        mail_rate_limit="100000/minute",
        base_url="http://testserver",
        run_worker=False,
    )


def _cast(runner: TestClient, coach: TestClient) -> dict[str, str]:
    """A runner with a log and a coach they granted access, with a message each way."""
    assessed_today(runner, "runner@fuzz.example.com")
    assessed_today(coach, "coach@fuzz.example.com")
    assert coach.post("/api/v1/coach", json={"name": "Cole"}).status_code == 201
    code = coach.post("/api/v1/coach/invites").json()["code"]
    coach_id = runner.post("/api/v1/coaching/accept", json={"code": code}).json()["coach_id"]
    runner_id = coach.get("/api/v1/coach/roster").json()[0]["runner_id"]
    checkin = {"type": "checkin", "date": "2026-12-02", "monitoring_pain": 2}
    assert runner.post("/api/v1/entries", json=checkin).status_code in (200, 201)
    assert runner.post(f"/api/v1/coaching/{coach_id}/messages", json={"body": "Hi"}).is_success
    assert coach.post(f"/api/v1/coach/runners/{runner_id}/messages", json={"body": "Hi"}).is_success
    return {"runner_id": runner_id, "coach_id": coach_id}


@pytest.fixture(autouse=True)
def _node_id(request: pytest.FixtureRequest) -> None:
    """schemathesis 4.32's `from_fixture` reads and renames `node._nodeid`, which pytest 9.2 keeps
    as `_id` (with `nodeid` read-only): give it the attribute it looks for."""
    request.node._nodeid = request.node.nodeid


@pytest.fixture
def api_schema(fuzzed: Fuzzed) -> schemathesis.schemas.BaseSchema:
    schema = schemathesis.openapi.from_asgi("/openapi.json", fuzzed.app)
    schema.config.update(
        headers={"Cookie": fuzzed.cookie},
        parameters={f"path.{name}": value for name, value in fuzzed.ids.items()},
    )
    schema.config.generation.update(max_examples=EXAMPLES)
    # the coverage phase walks every boundary, method and missing part of the schema (about
    # 2,000 requests): the same for every backend and role, so once; random data everywhere
    schema.config.phases.coverage.enabled = (fuzzed.backend, fuzzed.role) == ("sqlite", "runner")
    return schema


schema = schemathesis.pytest.from_fixture("api_schema").exclude(
    # each would end the signed-in session every later request relies on
    method="DELETE",
    path_regex="^/api/v1/(me|session)$",
)


# Left out, with why:
# - positive_data_acceptance: the use cases refuse schema-valid input for rules JSON Schema
#   cannot state (an unknown invite code or reset token, an e-mail with no account, answers that
#   contradict each other, a race shorter than 1500 m); each refusal is the documented 422 with
#   the problem named, which every other check still holds to the contract.
NOT_FOR_THIS_APP = [positive_data_acceptance]


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_contract(case: schemathesis.Case, fuzzed: Fuzzed) -> None:
    response = case.call_and_validate(excluded_checks=list(NOT_FOR_THIS_APP))
    fuzzed.requests[response.status_code] += 1
