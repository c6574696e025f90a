"""A NUL character (U+0000) in any field is a 422 that names the field, on both databases, before
any route reads it: PostgreSQL cannot store one, and no one's name, note or password holds one."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import assessed

NUL = "\x00"
REQUESTS: dict[str, tuple[str, str, dict[str, Any], str]] = {
    "anonymous JSON": (
        "post",
        "/api/v1/password-resets",
        {"json": {"email": f"ana{NUL}@example.com"}},
        "email",
    ),
    "nested JSON": (
        "post",
        "/api/v1/entries",
        {
            "json": {
                "type": "run",
                "date": "2026-12-02",
                "minutes": 20,
                "pain_during": 1,
                "pain_after": 1,
                "note": f"felt{NUL}fine",
            }
        },
        "note",
    ),
    "JSON key": ("post", "/api/v1/questionnaires/lefs", {"json": {f"q{NUL}1": 3}}, f"q{NUL}1"),
    "form": ("post", "/plan/pause", {"data": {"reason": f"a{NUL}cold"}}, "reason"),
    "multipart form": (
        "post",
        "/login",
        {"files": {"email": (None, f"ana{NUL}@example.com"), "password": (None, "x")}},
        "email",
    ),
    "query": ("get", "/api/v1/today?on=2026-12-0%001", {}, "query.on"),
    "page query": ("get", "/login?next=/today%00", {}, "query.next"),
    "path": ("get", "/api/v1/exercises/single%00_leg_bridge", {}, "path.exercise_id"),
    "anonymous path": ("post", "/api/v1/password-resets/tok%00en", {"json": {}}, "path.token"),
}


@pytest.mark.parametrize("case", list(REQUESTS), ids=list(REQUESTS))
def test_a_nul_character_anywhere_is_a_422_naming_the_field(client: TestClient, case: str) -> None:
    assessed(client)
    method, url, options, field = REQUESTS[case]
    response = getattr(client, method)(url, **options, headers={"Accept": "application/json"})
    assert response.status_code == 422, response.text
    if url.startswith("/api/"):
        assert {
            "loc": field,
            "msg": "must not contain the NUL character (U+0000)",
        } in response.json()["detail"]
    else:
        assert f"{field}: must not contain the NUL character" in response.text.replace("&#39;", "'")


def test_a_refused_nul_stores_nothing(client: TestClient) -> None:
    assessed(client)
    method, url, options, _ = REQUESTS["nested JSON"]
    assert getattr(client, method)(url, **options).status_code == 422
    assert client.get("/api/v1/history").json()["entries"] == []
