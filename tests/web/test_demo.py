"""The seeded demo that `make run` shows: a runner with history, a coach with a 30-runner roster."""

from __future__ import annotations

from datetime import date

from fastapi import FastAPI
from fastapi.testclient import TestClient

from runrehab.services.demo import DEMO_LOGINS, seed_demo


def test_the_demo_seeds_once_and_shows_the_roster_at_its_best(app: FastAPI) -> None:
    state = app.state.runrehab
    assert seed_demo(date.today(), state.kb, state.hasher, state.uow(), state.clock) is True
    assert seed_demo(date.today(), state.kb, state.hasher, state.uow(), state.clock) is False
    runner, coach = TestClient(app), TestClient(app)
    assert runner.post(
        "/api/v1/session", json=dict(zip(("email", "password"), DEMO_LOGINS[0], strict=True))
    ).is_success
    versions = runner.get("/api/v1/plan").json()["versions"]
    assert any(
        "higher than your usual" in v["reason"] for v in versions
    )  # the flare-up and what it changed
    assert runner.get("/api/v1/today").json()["verdict"] != "SEE_CLINICIAN"
    assert coach.post(
        "/api/v1/session", json=dict(zip(("email", "password"), DEMO_LOGINS[2], strict=True))
    ).is_success
    roster = coach.get("/api/v1/coach/roster").json()
    assert len(roster) == 30
    conditions = {row["condition"] for row in roster}
    assert {"achilles_tendinopathy_midportion", "plantar_heel_pain", "itb_syndrome"} <= conditions
    assert "medial_tibial_stress_syndrome" in conditions
    achilles = coach.get("/coach?q=achilles").text
    assert "Achilles tendinopathy (midportion)" in achilles
    assert "Plantar heel pain" not in achilles
    assert "Iliotibial band" in coach.get("/coach?q=knee").text  # by body region too
    assert roster[0]["attention"]["reasons"][0] == "Red flag reported"
    reasons = {r for row in roster for r in row["attention"]["reasons"]}
    assert any(r.startswith("No check-in for") for r in reasons)
    assert any(r.startswith("Pain check failed") for r in reasons)
    assert [t["name"] for t in coach.get("/api/v1/coach/templates").json()] == [
        "PHT follow-up: sitting and hills hurt"
    ]
    [due] = runner.get("/api/v1/today").json()["questionnaires_assigned"]
    assert (due["questionnaire"], due["days_late"]) == ("visa_h", 2)
