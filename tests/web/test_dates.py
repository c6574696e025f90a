"""Days from the web: `YYYY-MM-DD` within 1900-01-01 .. a year from today in JSON bodies, the
`?on=` query and forms alike, refused with a 422 naming the field (years 1 and 9999 overflowed;
`?on=0` was read as 1970-01-01)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import assessed

RUN = {"type": "run", "minutes": 20, "pain_during": 1, "pain_after": 1}
BAD_DAYS = ["0001-01-01", "9999-12-31", "0", "20261201"]


def _locs(response: object) -> set[str]:
    return {d["loc"] for d in response.json()["detail"]}  # type: ignore[attr-defined]


def test_an_entry_outside_the_window_or_not_iso_is_a_422_naming_date(client: TestClient) -> None:
    assessed(client)
    for day in BAD_DAYS:
        response = client.post("/api/v1/entries", json=RUN | {"date": day})
        assert response.status_code == 422, (day, response.text)
        assert _locs(response) == {"run.date"}  # the entry type, then the field
    assert client.get("/api/v1/history").json()["entries"] == []


def test_a_query_day_must_be_iso_and_in_the_window(client: TestClient) -> None:
    assessed(client)
    for day in BAD_DAYS:
        for path in ("/api/v1/today", "/api/v1/plan"):
            response = client.get(f"{path}?on={day}")
            assert response.status_code == 422, (path, day, response.text)
            assert _locs(response) == {"query.on"}
            assert "YYYY-MM-DD" in response.text or "must be between" in response.text
    assert client.get("/api/v1/plan?on=2026-12-01").status_code == 200


def test_a_race_run_in_the_future_is_refused(client: TestClient) -> None:
    assessed(client)
    race = {"distance_m": 5000, "duration_s": 1200}
    refused = client.put("/api/v1/race-result", json=race | {"raced_on": "9999-12-31"})
    assert refused.status_code == 422
    assert _locs(refused) == {"raced_on"}
    assert client.put("/api/v1/race-result", json=race | {"raced_on": "2026-11-01"}).is_success
