"""Authorization as a matrix: every route, as an anonymous visitor and as a runner; a new route
without an entry here fails the suite. And one runner can never reach another's records."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import raw_answers
from tests.web.conftest import assessed

PUBLIC, LOGIN = "public", "login"
ENTRY = {
    "type": "exercise",
    "date": "2026-12-01",
    "exercise": "single_leg_bridge",
    "sets": 1,
    "reps": 6,
    "pain": 2,
}
# (method, path template) -> (who may call it, a concrete path, a body)
MATRIX: dict[tuple[str, str], tuple[str, str, Any]] = {
    ("GET", "/"): (PUBLIC, "/", None),
    ("GET", "/signup"): (PUBLIC, "/signup", None),
    ("POST", "/signup"): (PUBLIC, "/signup", None),
    ("GET", "/login"): (PUBLIC, "/login", None),
    ("POST", "/login"): (PUBLIC, "/login", None),
    ("POST", "/logout"): (PUBLIC, "/logout", None),
    ("GET", "/reset"): (PUBLIC, "/reset", None),
    ("POST", "/reset"): (PUBLIC, "/reset", None),
    ("GET", "/reset/{token}"): (PUBLIC, "/reset/abc", None),
    ("POST", "/reset/{token}"): (PUBLIC, "/reset/abc", None),
    ("GET", "/exercises"): (PUBLIC, "/exercises", None),
    ("GET", "/exercises/{exercise_id}"): (PUBLIC, "/exercises/airplane", None),
    ("GET", "/exercises/{exercise_id}.svg"): (PUBLIC, "/exercises/airplane.svg", None),
    ("GET", "/learn/{card_id}"): (PUBLIC, "/learn/pain_monitoring", None),
    ("GET", "/calendar/{token}.ics"): (PUBLIC, "/calendar/not-a-token.ics", None),
    ("GET", "/assess"): (LOGIN, "/assess", None),
    ("GET", "/assess/{step}"): (LOGIN, "/assess/1", None),
    ("POST", "/assess/{step}"): (LOGIN, "/assess/1", None),
    ("GET", "/assess/result"): (LOGIN, "/assess/result", None),
    ("GET", "/today"): (LOGIN, "/today", None),
    ("POST", "/log/exercise"): (LOGIN, "/log/exercise", None),
    ("POST", "/log/run"): (LOGIN, "/log/run", None),
    ("POST", "/log/checkin"): (LOGIN, "/log/checkin", None),
    ("GET", "/plan"): (LOGIN, "/plan", None),
    ("POST", "/plan/pause"): (LOGIN, "/plan/pause", None),
    ("POST", "/plan/resume"): (LOGIN, "/plan/resume", None),
    ("GET", "/progress"): (LOGIN, "/progress", None),
    ("GET", "/calendar"): (LOGIN, "/calendar", None),
    ("POST", "/calendar/new"): (LOGIN, "/calendar/new", None),
    ("GET", "/pace"): (LOGIN, "/pace", None),
    ("POST", "/pace"): (LOGIN, "/pace", None),
    ("GET", "/data"): (LOGIN, "/data", None),
    ("POST", "/data/delete"): (LOGIN, "/data/delete", None),
    ("GET", "/questionnaires/{name}"): (LOGIN, "/questionnaires/lefs", None),
    ("POST", "/questionnaires/{name}"): (LOGIN, "/questionnaires/lefs", None),
    ("POST", "/api/v1/users"): (PUBLIC, "/api/v1/users", {}),
    ("POST", "/api/v1/session"): (PUBLIC, "/api/v1/session", {}),
    ("DELETE", "/api/v1/session"): (PUBLIC, "/api/v1/session", None),
    ("POST", "/api/v1/password-resets"): (PUBLIC, "/api/v1/password-resets", {"email": "x@y.z"}),
    ("POST", "/api/v1/password-resets/{token}"): (
        PUBLIC,
        "/api/v1/password-resets/abc",
        {"password": "p" * 12},
    ),
    ("GET", "/api/v1/exercises"): (PUBLIC, "/api/v1/exercises", None),
    ("GET", "/api/v1/health"): (PUBLIC, "/api/v1/health", None),
    ("GET", "/api/v1/exercises/{exercise_id}"): (PUBLIC, "/api/v1/exercises/airplane", None),
    ("GET", "/api/v1/me"): (LOGIN, "/api/v1/me", None),
    ("POST", "/api/v1/assessments"): (LOGIN, "/api/v1/assessments", {"answers": raw_answers()}),
    ("GET", "/api/v1/today"): (LOGIN, "/api/v1/today", None),
    ("POST", "/api/v1/entries"): (LOGIN, "/api/v1/entries", ENTRY),
    ("GET", "/api/v1/history"): (LOGIN, "/api/v1/history", None),
    ("GET", "/api/v1/plan"): (LOGIN, "/api/v1/plan", None),
    ("POST", "/api/v1/plan/pause"): (LOGIN, "/api/v1/plan/pause", {"reason": "cold"}),
    ("POST", "/api/v1/plan/resume"): (LOGIN, "/api/v1/plan/resume", None),
    ("GET", "/api/v1/progress"): (LOGIN, "/api/v1/progress", None),
    ("POST", "/api/v1/calendar-token"): (LOGIN, "/api/v1/calendar-token", None),
    ("GET", "/api/v1/pace"): (LOGIN, "/api/v1/pace", None),
    ("PUT", "/api/v1/race-result"): (
        LOGIN,
        "/api/v1/race-result",
        {"distance_m": 5000, "duration_s": 1500},
    ),
    ("POST", "/api/v1/questionnaires/{questionnaire}"): (LOGIN, "/api/v1/questionnaires/lefs", {}),
    ("GET", "/api/v1/questionnaires"): (LOGIN, "/api/v1/questionnaires", None),
    ("GET", "/api/v1/me/export"): (LOGIN, "/api/v1/me/export", None),
    ("GET", "/api/v1/me/export.csv"): (LOGIN, "/api/v1/me/export.csv", None),
    ("DELETE", "/api/v1/me"): (LOGIN, "/api/v1/me", None),
    ("GET", "/coach"): (LOGIN, "/coach", None),
    ("POST", "/coach"): (LOGIN, "/coach", None),
    ("POST", "/coach/invites"): (LOGIN, "/coach/invites", None),
    ("GET", "/coach/runners/{runner_id}"): (LOGIN, "/coach/runners/abc", None),
    ("POST", "/coach/runners/{runner_id}/messages"): (LOGIN, "/coach/runners/abc/messages", None),
    ("POST", "/coach/runners/{runner_id}/notes"): (LOGIN, "/coach/runners/abc/notes", None),
    ("POST", "/coach/runners/{runner_id}/overrides"): (LOGIN, "/coach/runners/abc/overrides", None),
    ("POST", "/api/v1/coach/runners/{runner_id}/overrides"): (
        LOGIN,
        "/api/v1/coach/runners/abc/overrides",
        {"kind": "pause_running", "reason": "x"},
    ),
    ("GET", "/coaching"): (LOGIN, "/coaching", None),
    ("POST", "/coaching/accept"): (LOGIN, "/coaching/accept", None),
    ("POST", "/coaching/{coach_id}/revoke"): (LOGIN, "/coaching/abc/revoke", None),
    ("POST", "/coaching/{coach_id}/messages"): (LOGIN, "/coaching/abc/messages", None),
    ("POST", "/api/v1/coach"): (LOGIN, "/api/v1/coach", {"name": "x"}),
    ("GET", "/api/v1/coach/roster"): (LOGIN, "/api/v1/coach/roster", None),
    ("POST", "/api/v1/coach/invites"): (LOGIN, "/api/v1/coach/invites", None),
    ("GET", "/api/v1/coach/runners/{runner_id}"): (LOGIN, "/api/v1/coach/runners/abc", None),
    ("GET", "/api/v1/coach/runners/{runner_id}/messages"): (
        LOGIN,
        "/api/v1/coach/runners/abc/messages",
        None,
    ),
    ("POST", "/api/v1/coach/runners/{runner_id}/messages"): (
        LOGIN,
        "/api/v1/coach/runners/abc/messages",
        {"body": "x"},
    ),
    ("POST", "/api/v1/coach/runners/{runner_id}/notes"): (
        LOGIN,
        "/api/v1/coach/runners/abc/notes",
        {"body": "x"},
    ),
    ("POST", "/api/v1/coaching/accept"): (LOGIN, "/api/v1/coaching/accept", {"code": "abcdef"}),
    ("GET", "/api/v1/coaching"): (LOGIN, "/api/v1/coaching", None),
    ("DELETE", "/api/v1/coaching/{coach_id}"): (LOGIN, "/api/v1/coaching/abc", None),
    ("GET", "/api/v1/coaching/{coach_id}/messages"): (LOGIN, "/api/v1/coaching/abc/messages", None),
    ("GET", "/api/v1/organisation/coaches"): (LOGIN, "/api/v1/organisation/coaches", None),
    ("PUT", "/api/v1/me/reminders"): (LOGIN, "/api/v1/me/reminders", {"daily": True}),
    ("POST", "/reminders"): (LOGIN, "/reminders", None),
    ("POST", "/api/v1/organisation/coaches"): (
        LOGIN,
        "/api/v1/organisation/coaches",
        {"email": "a@b.c"},
    ),
    ("DELETE", "/api/v1/organisation/coaches/{coach_id}"): (
        LOGIN,
        "/api/v1/organisation/coaches/abc",
        None,
    ),
    ("POST", "/api/v1/coaching/{coach_id}/messages"): (
        LOGIN,
        "/api/v1/coaching/abc/messages",
        {"body": "x"},
    ),
}
FRAMEWORK = {
    "/openapi.json",
    "/docs",
    "/docs/oauth2-redirect",
    "/redoc",
    "/static/vendor/htmx.min.js",
    "/static/vendor/chart.umd.min.js",
}


def _flatten(routes: list[Any], prefix: str = "") -> list[Any]:
    """(method, path) of every route; FastAPI keeps included routers behind a wrapper."""
    flat = []
    for route in routes:
        if hasattr(route, "original_router"):  # an included router
            flat += _flatten(route.original_router.routes, prefix + route.include_context.prefix)
        elif getattr(route, "methods", None):
            flat += [(m, prefix + route.path) for m in route.methods - {"HEAD", "OPTIONS"}]
    return flat


def _routes(app: FastAPI) -> set[tuple[str, str]]:
    return {(m, p.replace(":int", "")) for m, p in _flatten(app.routes) if p not in FRAMEWORK}


def test_every_route_has_a_matrix_entry(app: FastAPI) -> None:
    assert _routes(app) - set(MATRIX) == set(), "add the new route to MATRIX with who may call it"
    assert set(MATRIX) - _routes(app) == set(), "MATRIX names a route that no longer exists"


def _call(client: TestClient, method: str, path: str, body: Any) -> int:
    response = client.request(method, path, json=body, follow_redirects=False)
    return response.status_code


@pytest.mark.parametrize("route", sorted(MATRIX), ids=[f"{m} {p}" for m, p in sorted(MATRIX)])
def test_anonymous_visitors_reach_only_public_routes(
    client: TestClient, route: tuple[str, str]
) -> None:
    who, path, body = MATRIX[route]
    status = _call(client, route[0], path, body)
    if who == LOGIN:
        expected = 401 if path.startswith("/api/") else 303
        assert status == expected
        if status == 303:
            location = client.request(route[0], path, json=body, follow_redirects=False).headers[
                "location"
            ]
            assert location.startswith("/login")
    else:
        assert status not in (401, 500)


def test_one_runner_cannot_read_or_change_anothers_records(app: FastAPI) -> None:
    with TestClient(app) as ana, TestClient(app) as bob:
        assessed(ana, "ana@example.com")
        ana.post("/api/v1/entries", json=ENTRY | {"id": "ana-entry", "note": "private"})
        ana.post(
            "/api/v1/questionnaires/lefs",
            json={f"q{i}": 3 for i in range(1, 21)} | {"id": "ana-lefs"},
        )
        feed = ana.post("/api/v1/calendar-token").json()["url"].removeprefix("http://testserver")
        assessed(bob, "bob@example.com")
        hijack = bob.post("/api/v1/entries", json=ENTRY | {"id": "ana-entry", "pain": 9})
        assert hijack.status_code == 409
        assert "private" not in hijack.text
        assert "progress" not in hijack.text
        assert (
            bob.post(
                "/api/v1/questionnaires/lefs",
                json={f"q{i}": 0 for i in range(1, 21)} | {"id": "ana-lefs"},
            ).status_code
            == 409
        )
        assert "ana-entry" not in bob.get("/api/v1/history").text
        assert "ana@example.com" not in bob.get("/api/v1/me/export").text
        assert bob.get("/api/v1/questionnaires").json() == []
        bob.delete("/api/v1/me")
        ana_view = ana.get("/api/v1/history").json()["entries"]
        assert [(e["id"], e["pain"], e["note"]) for e in ana_view] == [("ana-entry", 2, "private")]
        assert ana.get(feed).status_code == 200
