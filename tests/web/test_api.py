"""/api/v1 as a client uses it: every endpoint, bad input (422, nothing stored), idempotency."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlalchemy import text

from tests.conftest import raw_answers
from tests.web.conftest import assessed, sign_up

BRIDGE = {
    "type": "exercise",
    "date": "2026-12-01",
    "exercise": "single_leg_bridge",
    "sets": 1,
    "reps": 6,
    "pain": 2,
}


def _count(app: FastAPI, table: str) -> int:
    with app.state.runrehab.engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_an_assessment_with_a_red_flag_refers_and_plans_no_running(client: TestClient) -> None:
    sign_up(client)
    response = client.post(
        "/api/v1/assessments", json={"answers": raw_answers(saddle_numbness=True)}
    )
    assert response.status_code == 201
    assert response.json()["verdict"] == "REFER_URGENT"
    plan = client.get("/api/v1/plan").json()
    assert plan["sessions"] == []
    assert "No running" in plan["notes"][0]


BAD_ANSWERS: dict[str, tuple[dict[str, Any], str]] = {
    "wrong type": (raw_answers(felt_pop="no"), "answers.felt_pop"),
    "out of range pain": (raw_answers(pain_rest=11), "answers.pain_rest"),
    "missing field": (
        {k: v for k, v in raw_answers().items() if k != "saddle_numbness"},
        "answers.saddle_numbness",
    ),
    "unknown key": (raw_answers(shoe="x"), "answers.shoe"),
}


@pytest.mark.parametrize("case", list(BAD_ANSWERS), ids=list(BAD_ANSWERS))
def test_bad_answers_are_422_with_the_field_and_store_nothing(
    client: TestClient, app: FastAPI, case: str
) -> None:
    sign_up(client)
    answers, field = BAD_ANSWERS[case]
    response = client.post("/api/v1/assessments", json={"answers": answers})
    assert response.status_code == 422
    assert field in {d["loc"] for d in response.json()["detail"]}
    assert _count(app, "episodes") == 0


def test_logging_returns_the_decision_and_the_same_entry_twice_is_stored_once(
    client: TestClient, app: FastAPI
) -> None:
    assessed(client)
    first = client.post("/api/v1/entries", json=BRIDGE | {"id": "phone-1"})
    again = client.post("/api/v1/entries", json=BRIDGE | {"id": "phone-1"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["decision"] == "progress"
    assert again.json()["duplicate"] is True
    assert _count(app, "exercise_logs") == 1


@pytest.mark.parametrize(
    "entry",
    [
        BRIDGE | {"pain": 11},
        BRIDGE | {"sets": "two"},
        {k: v for k, v in BRIDGE.items() if k != "pain"},
        BRIDGE | {"exercise": "moonwalk"},
        {"type": "run", "date": "2026-12-01", "minutes": 20},
        {"type": "teleport", "date": "2026-12-01"},
    ],
    ids=[
        "pain out of range",
        "wrong type",
        "missing pain",
        "unknown exercise",
        "run missing pain",
        "unknown type",
    ],
)
def test_a_bad_entry_is_422_and_stores_nothing(
    client: TestClient, app: FastAPI, entry: dict[str, Any]
) -> None:
    assessed(client)
    response = client.post("/api/v1/entries", json=entry)
    assert response.status_code == 422, response.text
    assert response.json()["detail"]
    assert _count(app, "decisions") == 0


def test_today_history_plan_and_progress_follow_the_log(client: TestClient) -> None:
    assessed(client)
    client.post("/api/v1/entries", json=BRIDGE | {"id": "e1"})
    client.post(
        "/api/v1/entries",
        json={"type": "checkin", "date": "2026-12-02", "monitoring_pain": 2, "id": "c1"},
    )
    today = client.get("/api/v1/today?on=2026-12-02").json()
    assert today["sessions"]
    assert today["last_decision"]["decision"] == "hold"
    assert [e["id"] for e in client.get("/api/v1/history").json()["entries"]] == ["e1", "c1"]
    plan = client.get("/api/v1/plan?on=2026-12-02&weeks=2").json()
    assert [v["version"] for v in plan["versions"]] == [1, 2]
    progress = client.get("/api/v1/progress").json()
    assert progress["pain_during"] == [2, None]
    assert progress["morning_pain"] == [None, 2]


def test_pause_and_resume_keep_history(client: TestClient) -> None:
    assessed(client)
    client.post("/api/v1/entries", json=BRIDGE | {"id": "e1"})
    paused = client.post("/api/v1/plan/pause?on=2026-12-03", json={"reason": "a cold"}).json()
    assert paused["paused"] is True
    assert all(s["kind"] == "rest" for s in paused["sessions"])
    assert (
        client.post("/api/v1/plan/pause?on=2026-12-03", json={"reason": "again"}).status_code == 409
    )
    resumed = client.post("/api/v1/plan/resume?on=2026-12-06", json={}).json()
    assert resumed["paused"] is False
    assert any(s["kind"] != "rest" for s in resumed["sessions"])
    assert [v["author"] for v in resumed["versions"]][-2:] == ["runner", "runner"]
    assert len(client.get("/api/v1/history").json()["entries"]) == 1


def test_exercises_are_public_and_complete(client: TestClient) -> None:
    listed = client.get("/api/v1/exercises").json()
    assert len(listed) >= 29
    one = client.get("/api/v1/exercises/nordic_hamstring_curl").json()
    assert one["instructions"]
    assert one["easier"]
    assert one["harder"]
    assert client.get("/api/v1/exercises/moonwalk").status_code == 404
    svg = client.get(one["illustration"])
    assert svg.status_code == 200
    assert svg.headers["content-type"].startswith("image/svg+xml")


def test_pace_from_a_race_result(client: TestClient) -> None:
    assessed(client)
    assert client.get("/api/v1/pace").json()["easy_pace"] is None
    pace = client.put("/api/v1/race-result", json={"distance_m": 5000, "duration_s": 1200}).json()
    assert pace["vdot"] == 49.8
    assert pace["easy_pace"]["slow_s_per_km"] > pace["easy_pace"]["fast_s_per_km"]
    assert (
        client.put("/api/v1/race-result", json={"distance_m": 5000, "duration_s": 100}).status_code
        == 422
    )


def test_questionnaires_are_scored_and_listed(client: TestClient) -> None:
    assessed(client)
    scored = client.post("/api/v1/questionnaires/lefs", json={f"q{i}": 4 for i in range(1, 21)})
    assert scored.status_code == 201
    assert scored.json()["score"] == 80
    assert client.post("/api/v1/questionnaires/lefs", json={"q1": 9}).status_code == 422
    assert [s["score"] for s in client.get("/api/v1/questionnaires").json()] == [80]


def test_the_calendar_feed_is_private_and_regenerating_replaces_it(client: TestClient) -> None:
    assessed(client)
    first = client.post("/api/v1/calendar-token").json()["url"].removeprefix("http://testserver")
    feed = client.get(first)
    assert feed.status_code == 200
    events = list(Calendar.from_ical(feed.content).walk("VEVENT"))
    assert events
    second = client.post("/api/v1/calendar-token").json()["url"].removeprefix("http://testserver")
    assert client.get(first).status_code == 404
    assert [e["UID"] for e in Calendar.from_ical(client.get(second).content).walk("VEVENT")] == [
        e["UID"] for e in events
    ]


def test_export_everything_then_delete_everything(client: TestClient, app: FastAPI) -> None:
    assessed(client)
    client.post("/api/v1/entries", json=BRIDGE | {"id": "e1", "note": "felt fine"})
    data = client.get("/api/v1/me/export").json()
    assert data["email"] == "ana@example.com"
    assert data["episodes"][0]["entries"][0]["note"] == "felt fine"
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/me/export.csv").text)))
    assert rows[0]["exercise"] == "single_leg_bridge"
    assert rows[0]["decision"] == "progress"
    assert client.delete("/api/v1/me").status_code == 204
    for table in ("users", "runners", "episodes", "exercise_logs", "decisions", "plan_versions"):
        assert _count(app, table) == 0
    assert client.get("/api/v1/me").status_code == 401


def test_the_pace_form_refuses_an_impossible_time_and_keeps_the_race(client: TestClient) -> None:
    assessed(client)
    saved = client.post("/pace", data={"distance_km": "5", "time": "20:00"}, follow_redirects=False)
    assert saved.status_code == 303
    refused = client.post("/pace", data={"distance_km": "5", "time": "20:75"})
    assert refused.status_code == 422
    assert "below 60" in refused.text
    assert client.get("/api/v1/pace").json()["vdot"] == 49.8  # the 20:00 stays


def test_the_plan_for_the_first_day_of_the_calendar_is_not_a_server_error(
    client: TestClient,
) -> None:
    assessed(client)
    assert client.get("/api/v1/plan?on=0001-01-01").status_code == 422
    beyond = client.get("/today?on=9999-12-31")  # a page ignores a day it cannot show
    assert beyond.status_code == 200
    assert f'<time datetime="{date.today().isoformat()}" data-day>' in beyond.text


def test_visa_p_and_visa_a_are_answered_on_the_web(client: TestClient) -> None:
    assessed(client)
    answers = {f"q{i}": 5 for i in range(1, 7)} | {"q7": 4, "q8": {"branch": "B", "points": 10}}
    scored = client.post("/api/v1/questionnaires/visa_p", json=answers)
    assert (scored.status_code, scored.json()["score"]) == (201, 44)
    assert client.post("/api/v1/questionnaires/visa_a", json=answers).json()["provisional"] is True
    assert "VISA-P (patellar tendon)" in client.get("/questionnaires/visa_p").text
