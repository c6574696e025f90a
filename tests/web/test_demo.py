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


def test_the_demo_clinic_needs_the_coach_for_five_runners_today(app: FastAPI) -> None:
    """The demo's "needs attention" is the handful a coach acts on today, each with one action:
    runner 0 screened a red flag (saddle numbness), runner 5 failed three pain checks in a week
    (the engine referred), runner 15 two, runners 6 and 18 stopped logging 13 days ago; the
    other 25, who log every other day within their pain limits, are on track."""
    state = app.state.runrehab
    seed_demo(date.today(), state.kb, state.hasher, state.uow(), state.clock)
    coach = TestClient(app)
    assert coach.post(
        "/api/v1/session", json=dict(zip(("email", "password"), DEMO_LOGINS[2], strict=True))
    ).is_success
    flagged = coach.get("/api/v1/coach/roster", params={"only": "attention"}).json()
    assert [
        (r["email"], r["attention"]["action"], r["attention"]["reasons"][0]) for r in flagged
    ] == [
        ("runner00@clinic.example", "Call them today", "Red flag reported"),
        ("runner05@clinic.example", "Call them today", "Decision: refer to a clinician"),
        ("runner15@clinic.example", "Review the load", "Pain check failed 2 of the last 7"),
        ("runner06@clinic.example", "Message them", "No check-in for 13 days"),
        ("runner18@clinic.example", "Message them", "No check-in for 13 days"),
    ]
    why = flagged[2]["attention"]["why"][0]
    assert why["threshold"] == "at least 2 failed pain checks of the last 7"
    everyone = coach.get("/api/v1/coach/roster").json()
    assert [r for r in everyone if r["attention"]["action"]] == flagged
