"""Organisations: an admin adds coaches; a coach who works alone is offered a place and decides."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.conftest import sign_up
from tests.web.test_coaching import _linked


def test_a_coach_who_works_alone_is_offered_a_place_and_decides(app: FastAPI) -> None:
    admin, _ = _linked(app)
    with TestClient(app) as solo:
        sign_up(solo, "solo@example.com")
        solo.post("/api/v1/coach", json={"name": "Solo Coach"})
        offered = admin.post(
            "/api/v1/organisation/coaches", json={"email": "solo@example.com", "name": "Renamed"}
        )
        assert (offered.status_code, offered.json()) == (202, {"status": "offered"})
        assert "solo@example.com" not in admin.get("/api/v1/organisation/coaches").text
        assert solo.get("/api/v1/coach/organisation-offer").json()["name"] == "Run Clinic"
        assert "offers you a place" in solo.get("/coach").text
        declined = solo.post(
            "/coach/organisation-offer", data={"accept": "no"}, follow_redirects=False
        )
        assert declined.status_code == 303
        assert solo.get("/api/v1/coach/organisation-offer").status_code == 404
        assert "solo@example.com" not in admin.get("/api/v1/organisation/coaches").text
        admin.post("/api/v1/organisation/coaches", json={"email": "solo@example.com"})
        assert (
            solo.put("/api/v1/coach/organisation-offer", json={"accept": True}).status_code == 204
        )
        [joined] = [
            c
            for c in admin.get("/api/v1/organisation/coaches").json()
            if c["email"] == "solo@example.com"
        ]
        assert (joined["name"], joined["role"]) == ("Solo Coach", "coach")  # the name stays theirs
