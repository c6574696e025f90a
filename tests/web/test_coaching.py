"""Coaches and runners: invites, access that the runner controls, the roster, messages, notes."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from runrehab.services import coaching
from runrehab.services.accounts import Account
from tests.conftest import raw_answers
from tests.web.conftest import assessed, counted_statements, sign_up


def _coach(client: TestClient, email: str = "coach@example.com") -> None:
    sign_up(client, email)
    assert (
        client.post(
            "/api/v1/coach", json={"name": "Sam Coach", "organisation": "Run Clinic"}
        ).status_code
        == 201
    )


def _linked(
    app: FastAPI, runner_email: str = "ana@example.com", **answers: object
) -> tuple[TestClient, TestClient]:
    coach, runner = TestClient(app), TestClient(app)
    _coach(coach)
    assessed(runner, runner_email, **answers)
    code = coach.post("/api/v1/coach/invites").json()["code"]
    assert runner.post("/api/v1/coaching/accept", json={"code": code}).status_code == 201
    return coach, runner


def test_a_runner_who_accepts_an_invite_appears_on_the_roster(app: FastAPI) -> None:
    coach, _ = _linked(app)
    roster = coach.get("/api/v1/coach/roster").json()
    assert [r["email"] for r in roster] == ["ana@example.com"]
    file = coach.get(f"/api/v1/coach/runners/{roster[0]['runner_id']}").json()
    assert file["plan"]["sessions"]
    assert "pain_during" in file["progress"]


def test_an_invite_code_works_once(app: FastAPI) -> None:
    coach = TestClient(app)
    _coach(coach)
    code = coach.post("/api/v1/coach/invites").json()["code"]
    first, second = TestClient(app), TestClient(app)
    assessed(first, "one@example.com")
    assessed(second, "two@example.com")
    assert first.post("/api/v1/coaching/accept", json={"code": code}).status_code == 201
    assert second.post("/api/v1/coaching/accept", json={"code": code}).status_code == 422


def test_a_coach_without_access_sees_nothing_and_revoking_ends_access(app: FastAPI) -> None:
    coach, runner = _linked(app)
    runner_id = coach.get("/api/v1/coach/roster").json()[0]["runner_id"]
    stranger = TestClient(app)
    _coach(stranger, "other-coach@example.com")
    for method, path, body in (
        ("GET", f"/api/v1/coach/runners/{runner_id}", None),
        ("GET", f"/api/v1/coach/runners/{runner_id}/messages", None),
        ("POST", f"/api/v1/coach/runners/{runner_id}/messages", {"body": "hi"}),
        ("POST", f"/api/v1/coach/runners/{runner_id}/notes", {"body": "note"}),
    ):
        assert stranger.request(method, path, json=body).status_code == 404
    assert stranger.get("/api/v1/coach/roster").json() == []
    coach_id = runner.get("/api/v1/coaching").json()[0]["coach_id"]
    assert runner.delete(f"/api/v1/coaching/{coach_id}").status_code == 204
    assert coach.get(f"/api/v1/coach/runners/{runner_id}").status_code == 404
    assert coach.get("/api/v1/coach/roster").json() == []


def test_a_plain_runner_is_not_a_coach(client: TestClient) -> None:
    assessed(client)
    assert client.get("/api/v1/coach/roster").status_code == 404
    assert client.post("/api/v1/coach/invites").status_code == 404


def test_messages_carry_unread_counts_on_both_sides(app: FastAPI) -> None:
    coach, runner = _linked(app)
    coach_id = runner.get("/api/v1/coaching").json()[0]["coach_id"]
    runner.post(f"/api/v1/coaching/{coach_id}/messages", json={"body": "Sore after the bridges?"})
    row = coach.get("/api/v1/coach/roster").json()[0]
    assert row["unread"] == 1
    assert row["attention"]["reasons"] == []  # shown as "(1 new)", not a triage reason
    thread = coach.get(f"/api/v1/coach/runners/{row['runner_id']}/messages").json()
    assert [m["body"] for m in thread] == ["Sore after the bridges?"]
    assert coach.get("/api/v1/coach/roster").json()[0]["unread"] == 0
    coach.post(
        f"/api/v1/coach/runners/{row['runner_id']}/messages", json={"body": "Normal: it is DOMS."}
    )
    assert runner.get("/api/v1/today").json()["unread_messages"] == 1
    assert "1 new message from your coach" in runner.get("/today").text
    assert [
        m["from_coach"] for m in runner.get(f"/api/v1/coaching/{coach_id}/messages").json()
    ] == [False, True]


def test_clinical_notes_stay_with_the_coaches(app: FastAPI) -> None:
    coach, runner = _linked(app)
    runner_id = coach.get("/api/v1/coach/roster").json()[0]["runner_id"]
    coach.post(f"/api/v1/coach/runners/{runner_id}/notes", json={"body": "query lumbar referral"})
    assert (
        coach.get(f"/api/v1/coach/runners/{runner_id}").json()["notes"][0]["body"]
        == "query lumbar referral"
    )
    assert "lumbar" not in runner.get("/api/v1/coaching").text
    assert "lumbar" not in runner.get("/api/v1/me/export").text


def test_the_roster_puts_the_red_flag_first_with_the_reason(app: FastAPI) -> None:
    coach = TestClient(app)
    _coach(coach)
    for email, answers in (
        ("calm@example.com", {}),
        ("flag@example.com", {"saddle_numbness": True}),
    ):
        runner = TestClient(app)
        sign_up(runner, email)
        runner.post("/api/v1/assessments", json={"answers": raw_answers(**answers)})
        runner.post(
            "/api/v1/coaching/accept",
            json={"code": coach.post("/api/v1/coach/invites").json()["code"]},
        )
    roster = coach.get("/api/v1/coach/roster").json()
    assert roster[0]["email"] == "flag@example.com"
    assert roster[0]["attention"]["reasons"][0] == "Red flag reported"


def test_the_roster_takes_the_same_number_of_queries_for_3_or_9_runners(app: FastAPI) -> None:
    coach = TestClient(app)
    _coach(coach)
    counts = []
    for n in range(9):
        runner = TestClient(app)
        assessed(runner, f"r{n}@example.com")
        runner.post(
            "/api/v1/entries", json={"type": "checkin", "date": "2026-12-02", "monitoring_pain": 2}
        )
        runner.post(
            "/api/v1/coaching/accept",
            json={"code": coach.post("/api/v1/coach/invites").json()["code"]},
        )
        if n in (2, 8):
            with counted_statements(app) as statements:
                assert len(coach.get("/api/v1/coach/roster").json()) == n + 1
            counts.append(len(statements))
    assert counts[0] == counts[1]


ROSTER_DAY = date(2026, 12, 29)  # its 28 days run from 2026-12-02, its 14 from 2026-12-16


def _run(runner: TestClient, day: str, km: float, during: int, after: int) -> None:
    entry = {"minutes": 30, "distance_km": km, "pain_during": during, "pain_after": after}
    _log(runner, {"type": "run", "date": day, **entry})


def _exercise(runner: TestClient, day: str, pain: int) -> None:
    entry = {"exercise": "single_leg_bridge", "sets": 1, "reps": 6, "pain": pain}
    _log(runner, {"type": "exercise", "date": day, **entry})


def _log(runner: TestClient, entry: dict[str, object]) -> None:
    response = runner.post("/api/v1/entries", json=entry)
    assert response.status_code == 201, response.text


def _roster_on(app: FastAPI, day: date) -> list[dict[str, Any]]:
    """The roster use case on a fixed day (the page and the API use the server's date)."""
    state = app.state.runrehab
    with state.uow() as uow:
        user = uow.accounts.user_by_email("coach@example.com")
    assert user is not None
    coach = Account(user.id, user.runner_id, user.email)
    return coaching.roster(coach, day, state.kb, state.uow()).rows


def _planned_days(app: FastAPI, episode_id: str, first: date, last: date) -> int:
    """Days with a session other than rest in the runner's first plan, from `first` to `last`."""
    with app.state.runrehab.uow() as uow:
        sessions = uow.plans.sessions(episode_id, 1)
    days = {s["date"] for s in sessions if s["kind"] != "rest"}
    return sum(first.isoformat() <= d <= last.isoformat() for d in days)


def test_the_roster_shows_each_days_worst_pain_and_each_weeks_km_of_the_last_28_days(
    app: FastAPI,
) -> None:
    _, runner = _linked(app)
    _run(runner, "2026-12-01", 10.0, 7, 7)  # the day before the 28: left out
    _exercise(runner, "2026-12-02", 3)
    _run(runner, "2026-12-03", 5.0, 2, 4)  # a run's pain is the worse of during and after
    _exercise(runner, "2026-12-03", 3)
    _run(runner, "2026-12-10", 3.0, 1, 1)
    _run(runner, "2026-12-10", 4.5, 2, 0)  # two runs in a day: their km add up
    _exercise(runner, "2026-12-10", 6)  # the day's worst session
    _exercise(runner, "2026-12-15", 2)  # the last day of the third week
    _run(runner, "2026-12-29", 6.0, 0, 0)  # pain 0 is a session, not a day without one
    _run(runner, "2026-12-30", 8.0, 9, 9)  # after the roster's day: left out
    [row] = _roster_on(app, ROSTER_DAY)
    assert row["pain_28d"] == [3, 4] + [None] * 6 + [6] + [None] * 4 + [2] + [None] * 13 + [0]
    assert row["weekly_km_4w"] == [5.0, 7.5, 0.0, 6.0]


def test_a_runner_without_sessions_in_the_28_days_has_an_empty_sparkline(app: FastAPI) -> None:
    _, runner = _linked(app)
    _run(runner, "2026-12-01", 10.0, 7, 7)
    [row] = _roster_on(app, ROSTER_DAY)
    assert row["pain_28d"] == [None] * 28
    assert row["weekly_km_4w"] == [0.0] * 4


def test_adherence_is_days_with_a_session_in_the_last_14_over_the_first_plans_days(
    app: FastAPI,
) -> None:
    coach, runner = _linked(app)
    _exercise(runner, "2026-12-15", 2)  # the day before the 14: left out
    _exercise(runner, "2026-12-16", 1)
    _exercise(runner, "2026-12-16", 2)  # a day with two sessions counts once
    _run(runner, "2026-12-20", 4.0, 1, 1)
    _run(runner, "2026-12-29", 6.0, 0, 0)
    _run(runner, "2026-12-30", 8.0, 0, 0)  # after the roster's day: left out
    [row] = _roster_on(app, ROSTER_DAY)
    episode_id = coach.get(f"/api/v1/coach/runners/{row['runner_id']}").json()["episode_id"]
    planned = _planned_days(app, episode_id, date(2026, 12, 16), ROSTER_DAY)
    assert planned > 3  # so that 3 days done is a share below 100%
    assert row["adherence_14d"] == round(100 * 3 / planned)


def test_the_roster_page_draws_each_days_worst_pain_where_the_day_falls(app: FastAPI) -> None:
    today = date.today()  # the page computes the roster for the server's date
    coach, runner = TestClient(app), TestClient(app)
    _coach(coach)
    sign_up(runner)
    runner.post(
        f"/api/v1/assessments?on={today - timedelta(days=40)}", json={"answers": raw_answers()}
    )
    code = coach.post("/api/v1/coach/invites").json()["code"]
    assert runner.post("/api/v1/coaching/accept", json={"code": code}).status_code == 201
    _exercise(runner, str(today - timedelta(days=27)), 4)
    _run(runner, str(today - timedelta(days=10)), 5.0, 0, 0)
    _run(runner, str(today), 5.0, 2, 3)
    [spark] = re.findall(r'<svg class="spark".*?</svg>', coach.get("/coach").text, re.S)
    assert 'aria-label="4, 0, 3"' in spark
    points = re.search(r'points="([^"]*)"', spark)
    assert points is not None
    assert points[1].split() == ["0,4", "17,0", "27,3"]  # day 0 is 27 days ago


def _override(
    coach: TestClient, runner_id: str, kind: str, values: dict[str, object], reason: str
) -> None:
    response = coach.post(
        f"/api/v1/coach/runners/{runner_id}/overrides",
        json={"kind": kind, "values": values, "reason": reason, "on": "2026-12-01"},
    )
    assert response.status_code == 201, response.text


def test_a_coachs_dose_is_respected_and_explained_to_the_runner(app: FastAPI) -> None:
    coach, runner = _linked(app)
    runner_id = coach.get("/api/v1/coach/roster").json()[0]["runner_id"]
    _override(
        coach,
        runner_id,
        "dose",
        {"exercise": "single_leg_bridge", "step": 4},
        "strong enough for more",
    )
    today = runner.get("/api/v1/today?on=2026-12-02").json()
    assert any(
        "Sam Coach changed the plan: Single-leg bridge set to 2 x 10, because strong enough for more"
        in c
        for c in today["coach_changes"]
    )
    bridge = next(
        i for s in today["sessions"] for i in s["items"] if i["exercise"] == "single_leg_bridge"
    )
    assert (bridge["sets"], bridge["reps"]) == (2, 10)
    held = runner.post(
        "/api/v1/entries",
        json={
            "type": "exercise",
            "date": "2026-12-02",
            "exercise": "single_leg_bridge",
            "sets": 2,
            "reps": 10,
            "pain": 1,
        },
    )
    assert held.json()["decision"] == "hold"
    assert held.json()["reasons"][0]["rule"] == "coach_set_dose"
    versions = runner.get("/api/v1/plan").json()["versions"]
    assert [v["author"] for v in versions] == ["engine", "coach"]


def test_a_swap_a_held_stage_and_paused_running_stick(app: FastAPI) -> None:
    coach, runner = _linked(app)
    runner_id = coach.get("/api/v1/coach/roster").json()[0]["runner_id"]
    _override(
        coach,
        runner_id,
        "swap",
        {"from": "single_leg_bridge", "to": "glute_bridge"},
        "buttock pain",
    )
    _override(coach, runner_id, "stage", {"stage": 2, "hold": True}, "consolidate")
    _override(coach, runner_id, "pause_running", {}, "let it settle")
    checkin = runner.post(
        "/api/v1/entries",
        json={
            "type": "checkin",
            "date": "2026-12-02",
            "monitoring_pain": 1,
            "pain_rest": 0,
            "tests": {"drop_lunge_pain_free": True, "slow_jog_pain_free": True},
        },
    )
    assert checkin.json()["decision"] == "hold"
    plan = runner.get("/api/v1/plan?on=2026-12-03&weeks=2").json()
    exercises = {i["exercise"] for s in plan["sessions"] for i in s["items"]}
    assert "single_leg_bridge" not in exercises
    assert "glute_bridge" in exercises
    assert {s["stage"] for s in plan["sessions"]} == {2}
    assert not [s for s in plan["sessions"] if s["kind"] == "run"]


def test_bad_overrides_are_refused_with_the_field(app: FastAPI) -> None:
    coach, _ = _linked(app)
    runner_id = coach.get("/api/v1/coach/roster").json()[0]["runner_id"]
    bad = coach.post(
        f"/api/v1/coach/runners/{runner_id}/overrides",
        json={"kind": "dose", "values": {"exercise": "moonwalk", "step": 2}, "reason": "x"},
    )
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == "exercise"


def test_an_admin_manages_the_organisations_coaches_but_not_their_runners(app: FastAPI) -> None:
    admin, _ = _linked(app)  # the linked coach created "Run Clinic" and is its admin
    colleague = TestClient(app)
    sign_up(colleague, "colleague@example.com")
    invited = admin.post(
        "/api/v1/organisation/invitations", json={"email": "colleague@example.com", "name": "Alex"}
    )
    assert invited.status_code == 202
    [invitation] = colleague.get("/api/v1/me/invitations").json()
    accept = f"/api/v1/me/invitations/{invitation['invitation_id']}/accept"
    assert colleague.post(accept).status_code == 204
    members = admin.get("/api/v1/organisation/coaches").json()
    assert {(m["name"], m["role"]) for m in members} == {("Sam Coach", "admin"), ("Alex", "coach")}
    assert colleague.get("/api/v1/coach/roster").json() == []  # no runner granted Alex access
    assert colleague.get("/api/v1/organisation/coaches").status_code == 404  # not an admin
    alex = next(m["coach_id"] for m in members if m["name"] == "Alex")
    assert admin.delete(f"/api/v1/organisation/coaches/{alex}").status_code == 204
    assert len(admin.get("/api/v1/organisation/coaches").json()) == 1


def test_the_coach_sees_one_timeline_of_everything(app: FastAPI) -> None:
    coach, runner = _linked(app)
    runner_id = coach.get("/api/v1/coach/roster").json()[0]["runner_id"]
    runner.post(
        "/api/v1/entries",
        json={
            "type": "exercise",
            "date": "2026-12-01",
            "exercise": "single_leg_bridge",
            "sets": 1,
            "reps": 6,
            "pain": 2,
        },
    )
    runner.post(
        "/api/v1/entries", json={"type": "checkin", "date": "2026-12-02", "monitoring_pain": 2}
    )
    coach.post(f"/api/v1/coach/runners/{runner_id}/notes", json={"body": "steady"})
    coach.post(f"/api/v1/coach/runners/{runner_id}/messages", json={"body": "nice work"})
    timeline = coach.get(f"/api/v1/coach/runners/{runner_id}").json()["timeline"]
    kinds = {event["what"].split(":")[0].split(" (")[0] for event in timeline}
    assert {
        "Single-leg bridge",
        "Check-in",
        "Plan v1",
        "Plan v2",
        "Note by Sam Coach",
        "Message from coach",
    } <= kinds
    assert [e["on"] for e in timeline] == sorted((e["on"] for e in timeline), reverse=True)
    assert any(e["decision"] == "progress" for e in timeline)
    assert "Timeline" in coach.get(f"/coach/runners/{runner_id}").text


def test_the_coach_sees_the_screens_red_flags_and_the_note_for_the_examining_clinician(
    app: FastAPI,
) -> None:
    coach, _ = _linked(app, region="achilles", onset="sudden", felt_pop=True)
    runner_id = coach.get("/api/v1/coach/roster").json()[0]["runner_id"]
    screen = coach.get(f"/api/v1/coach/runners/{runner_id}").json()["screen"]
    assert screen["red_flags"][0]["rule"] == "achilles_rupture_suspected"
    page = coach.get(f"/coach/runners/{runner_id}").text
    assert "For the examining clinician:" in page
    assert "Thompson" in page


def test_the_coach_sees_an_advisory_from_the_assessment(app: FastAPI) -> None:
    coach, _ = _linked(app, previous_stress_fracture=True)
    runner_id = coach.get("/api/v1/coach/roster").json()[0]["runner_id"]
    page = coach.get(f"/coach/runners/{runner_id}").text
    assert "Advice:" in page
    assert "low energy availability" in page
