"""Writes for one runner sent at the same moment (two tabs, a phone, a watch upload) all succeed:
they are serialised on the runner, each is stored once and the plan versions stay consecutive."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from tests.web.conftest import assessed
from tests.web.test_activities import _gpx

ENTRIES = 14


def _entry(number: int) -> tuple[str, dict[str, Any]]:
    """Runs with rising and falling pain (so many of them change the plan) and exercises."""
    if number % 2:
        body = {"type": "run", "minutes": 20, "pain_during": number % 7, "pain_after": number % 5}
    else:
        body = {
            "type": "exercise",
            "exercise": "single_leg_bridge",
            "sets": 2,
            "reps": 8,
            "pain": number % 6,
        }
    return "/api/v1/entries", body | {"id": f"entry-{number}", "date": f"2026-12-{number:02}"}


def _writes() -> list[tuple[str, dict[str, Any]]]:
    return [
        *(_entry(n) for n in range(1, ENTRIES + 1)),
        ("/api/v1/plan/pause?on=2026-12-20", {"reason": "a cold"}),
        ("/api/v1/questionnaires/lefs?on=2026-12-05", {f"q{i}": 3 for i in range(1, 21)}),
        ("/api/v1/questionnaires/lefs?on=2026-12-06", {f"q{i}": 4 for i in range(1, 21)}),
    ]


def test_simultaneous_writes_for_one_runner_all_succeed_once_with_consecutive_plan_versions(
    client: TestClient, app: FastAPI
) -> None:
    assessed(client)

    def send(write: tuple[str, dict[str, Any]]) -> httpx.Response:
        return client.post(write[0], json=write[1])

    def upload() -> httpx.Response:
        run = ("run.gpx", _gpx(datetime(2026, 12, 3, 7, tzinfo=UTC)))
        return client.post("/api/v1/activities", files=[("files", run)])

    with ThreadPoolExecutor(max_workers=len(_writes()) + 1) as pool:
        uploaded = pool.submit(upload)
        answers = [*pool.map(send, _writes()), uploaded.result()]

    assert [a.status_code for a in answers if a.status_code >= 300] == [], [
        a.text for a in answers if a.status_code >= 300
    ]
    history = client.get("/api/v1/history").json()["entries"]
    assert sorted(e["id"] for e in history) == sorted(f"entry-{n}" for n in range(1, ENTRIES + 1))
    with app.state.runrehab.engine.connect() as connection:
        versions = list(connection.execute(text("SELECT version FROM plan_versions")).scalars())
        responses = connection.execute(text("SELECT count(*) FROM questionnaire_responses"))
        assert responses.scalar_one() == 2
    assert sorted(versions) == list(range(1, len(versions) + 1))
    assert len(client.get("/api/v1/activities").json()) == 1
    assert len(versions) > 2  # the pause and at least one entry changed the plan


SQL_WORDS = ("constraint", "unique", "insert", "psycopg", "sqlite", "integrity", "duplicate key")


def test_a_conflict_the_database_caught_is_a_plain_answer_without_its_sql(
    client: TestClient, app: FastAPI
) -> None:
    """Two sign-up links for one address, each opened on several devices at the same moment: one
    account, every other answer a refusal in words (the database's own text stays in the server's
    log)."""
    signing_up = {"email": "twin@example.com"}
    for _ in range(2):
        assert client.post("/api/v1/users", json=signing_up).status_code == 202
    with app.state.runrehab.uow() as uow:
        bodies = [n["body"] for n in uow.outbox.all() if n["kind"] == "signup"]
    tokens = [re.search(r"/signup/confirm/([\w-]+)", body).group(1) for body in bodies]  # type: ignore[union-attr]

    def send(n: int) -> httpx.Response:
        return client.post(
            "/api/v1/users/confirmations",
            json={"token": tokens[n % 2], "password": "correct horse battery"},
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(send, range(8)))

    assert [a.status_code for a in answers].count(201) == 1
    assert {a.status_code for a in answers} <= {201, 409, 422}
    for answer in answers:
        assert not any(word in answer.text.lower() for word in SQL_WORDS), answer.text
