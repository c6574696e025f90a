"""Red flags win on every screen and for every role: no one loosens the plan of a runner a
clinician must see first, and the coach sees which flag fired, when, and the answers behind it."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import raw_answers
from tests.web.conftest import assessed, sign_up
from tests.web.test_assessment_wizard import BASICS, GROUPS, _walk

LOOSENING: dict[str, dict[str, Any]] = {
    "resume_running": {},
    "stage": {"stage": 3, "hold": True},
    "dose": {"exercise": "single_leg_bridge", "step": 4},
    "swap": {"from": "single_leg_bridge", "to": "glute_bridge"},
    "add_exercise": {"name": "Wall sit", "session": "strength", "sets": 3, "hold_s": 30},
}
FORMS: dict[str, dict[str, str]] = {
    "resume_running": {},
    "stage": {"stage": "3"},
    "dose": {"exercise": "single_leg_bridge", "step": "4"},
    "swap": {"from": "single_leg_bridge", "to": "glute_bridge"},
    "add_exercise": {"name": "Wall sit", "session": "strength", "sets": "3", "amount": "30"},
}
SADDLE = {"saddle_numbness": True}  # cauda equina: REFER_URGENT
NIGHT_PAIN = {"night_pain_wakes": True}  # serious pathology to rule out: SEE_CLINICIAN


def _linked(app: FastAPI, **answers: object) -> tuple[TestClient, TestClient, str]:
    coach, runner = TestClient(app), TestClient(app)
    sign_up(coach, "coach@example.com")
    assert coach.post("/api/v1/coach", json={"name": "Sam Coach"}).status_code == 201
    assessed(runner, "ana@example.com", **answers)
    code = coach.post("/api/v1/coach/invites").json()["code"]
    assert runner.post("/api/v1/coaching/accept", json={"code": code}).status_code == 201
    return coach, runner, coach.get("/api/v1/coach/roster").json()[0]["runner_id"]


def _api_override(coach: TestClient, runner_id: str, kind: str, values: dict[str, Any]) -> Any:
    return coach.post(
        f"/api/v1/coach/runners/{runner_id}/overrides",
        json={"kind": kind, "values": values, "reason": "feels fine", "on": "2026-12-02"},
    )


@pytest.mark.parametrize("answers", [SADDLE, NIGHT_PAIN], ids=["REFER_URGENT", "SEE_CLINICIAN"])
@pytest.mark.parametrize("kind", list(LOOSENING))
def test_the_api_refuses_every_change_that_adds_load_for_a_referred_runner(
    app: FastAPI, kind: str, answers: dict[str, object]
) -> None:
    coach, runner, runner_id = _linked(app, **answers)
    refused = _api_override(coach, runner_id, kind, LOOSENING[kind])
    assert refused.status_code == 409, refused.text
    assert "sends them to a clinician" in refused.json()["detail"]
    assert [v["author"] for v in runner.get("/api/v1/plan").json()["versions"]] == ["engine"]
    assert not runner.get("/api/v1/today?on=2026-12-02").json()["coach_changes"]


@pytest.mark.parametrize("kind", list(FORMS))
def test_the_coachs_form_refuses_every_change_that_adds_load_for_a_red_flag_runner(
    app: FastAPI, kind: str
) -> None:
    coach, runner, runner_id = _linked(app, **SADDLE)
    refused = coach.post(
        f"/coach/runners/{runner_id}/overrides",
        data={"kind": kind, "reason": "feels fine", **FORMS[kind]},
        follow_redirects=False,
    )
    assert refused.status_code == 409
    assert "a clinician sees this runner first" in refused.text
    assert f"/coach/runners/{runner_id}#messages" in refused.text
    today = runner.get("/today").text
    assert "Your coach changed the plan" not in today
    assert "changed the plan" not in today


def test_a_coach_may_still_pause_running_for_a_referred_runner(app: FastAPI) -> None:
    coach, _, runner_id = _linked(app, **SADDLE)
    assert _api_override(coach, runner_id, "pause_running", {}).status_code == 201


def test_a_red_flag_at_a_later_check_in_blocks_loosening_the_plan_too(app: FastAPI) -> None:
    coach, runner, runner_id = _linked(app)
    assert _api_override(coach, runner_id, "dose", LOOSENING["dose"]).status_code == 201
    checkin = runner.post(
        "/api/v1/entries",
        json={
            "type": "checkin",
            "date": "2026-12-03",
            "monitoring_pain": 1,
            "red_flags": ["new_bladder_or_bowel_problem"],
        },
    )
    assert checkin.json()["decision"] == "refer", checkin.text
    assert _api_override(coach, runner_id, "resume_running", {}).status_code == 409
    flags = coach.get(f"/api/v1/coach/runners/{runner_id}").json()["red_flags"]
    assert [(f["rule"], f["on"], f["source"]) for f in flags] == [
        ("new_bladder_or_bowel_problem", "2026-12-03", "check-in")
    ]


def test_a_runner_on_track_can_still_be_coached(app: FastAPI) -> None:
    coach, _, runner_id = _linked(app)
    file = coach.get(f"/api/v1/coach/runners/{runner_id}").json()
    assert file["referral"]["loosening_allowed"] is True
    assert _api_override(coach, runner_id, "stage", LOOSENING["stage"]).status_code == 201


def test_the_runners_file_says_why_the_plan_cannot_change_and_what_the_coach_can_do(
    app: FastAPI,
) -> None:
    coach, _, runner_id = _linked(app, **SADDLE)
    referral = coach.get(f"/api/v1/coach/runners/{runner_id}").json()["referral"]
    assert referral["loosening_allowed"] is False
    assert any("Message" in what for what in referral["you_can"])
    page = coach.get(f"/coach/runners/{runner_id}").text
    assert "Why the plan cannot be changed now" in page
    assert 'value="resume_running"' not in page
    assert "Add an exercise of your own" not in page
    assert f"/coach/runners/{runner_id}/assess" in page
    assert 'href="#notes"' in page
    assert 'href="#messages"' in page


def test_the_coach_sees_which_red_flag_fired_when_and_the_answers_behind_it(
    app: FastAPI,
) -> None:
    coach, _, runner_id = _linked(app, **SADDLE)
    row = coach.get("/api/v1/coach/roster").json()[0]
    [flag] = row["red_flags"]
    assert (flag["rule"], flag["on"], flag["source"]) == (
        "cauda_equina",
        "2026-12-01",
        "assessment",
    )
    assert {(a["key"], a["answer"]) for a in flag["answers"]} == {
        ("saddle_numbness", "yes"),
        ("new_bladder_or_bowel_problem", "no"),
    }
    roster = coach.get("/coach").text
    assert 'class="flagged"' in roster
    assert "Red flag: Cauda equina" in roster
    assert "2026-12-01" in roster
    assert "numbness between your legs" in roster
    page = coach.get(f"/coach/runners/{runner_id}").text
    top = page.index('id="red-flags"')
    assert top < page.index("Pain against the limit")
    assert "Cauda equina" in page[top:]
    assert "2026-12-01" in page[top:]
    assert "numbness between your legs" in page[top:]


LOG_FORMS = ('action="/log/exercise"', 'action="/log/run"', 'action="/log/checkin"')


@pytest.mark.parametrize("answers", [SADDLE, NIGHT_PAIN], ids=["REFER_URGENT", "SEE_CLINICIAN"])
def test_today_for_a_referred_runner_shows_what_to_do_and_the_way_back_and_no_log_form(
    client: TestClient, answers: dict[str, object]
) -> None:
    page = assessed(client, **answers).get("/today").text
    log_page = client.get("/log").text
    for form in LOG_FORMS:
        assert form not in page
        assert form not in log_page
    assert "Log it" not in page
    assert "A clinician needs to see you" in log_page
    assert "After you have been seen" in page
    assert 'href="/assess"' in page
    assert "with what the clinician told you" in page


def test_today_after_a_red_flag_at_a_check_in_hides_the_log_forms_and_the_coachs_changes(
    app: FastAPI,
) -> None:
    coach, runner, runner_id = _linked(app)
    assert _api_override(coach, runner_id, "stage", LOOSENING["stage"]).status_code == 201
    assert "changed the plan" in runner.get("/today").text
    runner.post(
        "/api/v1/entries",
        json={
            "type": "checkin",
            "date": "2026-12-03",
            "monitoring_pain": 1,
            "red_flags": ["saddle_numbness"],
        },
    )
    page = runner.get("/today").text
    assert "changed the plan" not in page
    for form in LOG_FORMS:
        assert form not in page
    assert "After you have been seen" in page


def test_the_plan_for_a_referred_runner_has_no_stage_headings_no_pause_form_and_the_way_back(
    client: TestClient,
) -> None:
    page = assessed(client, **SADDLE).get("/plan").text
    assert "<h2>Stages</h2>" not in page
    assert "The coming weeks" not in page
    assert 'action="/plan/pause"' not in page
    assert "Pause for illness" not in page
    assert "After you have been seen" in page
    assert 'href="/assess"' in page


def test_a_runner_on_track_still_has_the_log_forms_and_the_plan(client: TestClient) -> None:
    today = assessed(client).get("/today").text
    assert 'action="/log/checkin"' in today  # the morning check card
    assert 'action="/log/exercise"' in today or "Rest day" in today  # a card per exercise
    log_page = client.get("/log").text
    for form in LOG_FORMS:
        assert form in log_page
    assert "After you have been seen" not in today
    assert "<h2>Stages</h2>" in client.get("/plan").text


def test_the_wizard_goes_straight_to_the_result_once_saddle_numbness_is_reported(
    client: TestClient,
) -> None:
    sign_up(client)
    shown = _walk(client, {"region": "low_back", **BASICS, "saddle_numbness": "yes"})
    assert GROUPS[shown[-1] - 1].id == "nerves_and_back"
    asked = {GROUPS[n - 1].id for n in shown}
    assert not asked & {"general_health", "pain_scores", "running", "self_tests"}
    result = client.get("/assess/result").text
    assert "Get medical care today" in result
    assert "We stopped the questions there" in result
    fever = next(q.text for g in GROUPS for q in g.questions if q.key == "fever_or_unwell")
    assert fever in result  # listed among the questions the clinician will ask
    stored = json.dumps(client.get("/api/v1/me/export").json())
    assert '"screen_stopped_early": true' in stored
    assert '"fever_or_unwell": null' in stored  # not asked, not made up
    assert '"hop_pain": null' in stored


def test_a_red_flag_that_is_not_same_day_lets_the_wizard_finish_the_screen(
    client: TestClient,
) -> None:
    sign_up(client)
    shown = _walk(client, {"region": "low_back", **BASICS, "night_pain_wakes": "yes"})
    assert "We stopped the questions there" not in client.get("/assess/result").text
    asked = {GROUPS[n - 1].id for n in shown}
    assert {"general_health", "calf_and_bone", "self_tests"} <= asked


def test_an_api_client_cannot_skip_the_screen_without_a_same_day_red_flag(
    client: TestClient,
) -> None:
    sign_up(client)
    answers = raw_answers(screen_stopped_early=True, fever_or_unwell=None)
    refused = client.post("/api/v1/assessments", json={"answers": answers})
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == "screen_stopped_early"
    missing = client.post(
        "/api/v1/assessments", json={"answers": raw_answers(fever_or_unwell=None)}
    )
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"] == "answers.fever_or_unwell"


def test_a_warning_sign_at_a_check_in_that_needs_care_today_is_urgent_on_every_screen(
    app: FastAPI,
) -> None:
    coach, runner, _ = _linked(app)
    logged = _warning_sign(runner, "saddle_numbness")
    assert [r["rule"] for r in logged["reasons"]] == ["refer_red_flag_urgent", "cauda_equina"]
    assert "emergency department" in logged["reasons"][1]["says"]
    assert runner.get("/api/v1/today").json()["verdict"] == "REFER_URGENT"
    assert "Get medical care today" in runner.get("/today").text
    [row] = coach.get("/api/v1/coach/roster").json()
    assert row["verdict"] == "REFER_URGENT"


def test_a_warning_sign_that_is_not_urgent_alone_refers_to_a_clinician(app: FastAPI) -> None:
    _, runner, _ = _linked(app)
    logged = _warning_sign(runner, "calf_swelling_one_side")
    assert "refer_red_flag_urgent" not in [r["rule"] for r in logged["reasons"]]
    assert runner.get("/api/v1/today").json()["verdict"] == "SEE_CLINICIAN"


def _warning_sign(runner: TestClient, sign: str) -> dict[str, Any]:
    """A morning check-in reporting one new warning sign; the decision."""
    entry = {"type": "checkin", "date": "2026-12-03", "monitoring_pain": 1, "red_flags": [sign]}
    logged: dict[str, Any] = runner.post("/api/v1/entries", json=entry).json()
    return logged


RUNNER_PAGES = (
    f"/plan/day/{date.today()}",
    "/activities",
    "/pace",
    "/progress",
    "/exercises",
    "/calendar",
    "/data",
    "/coaching",
)


def test_every_runner_page_leads_with_the_referral_and_gives_no_running_advice(
    app: FastAPI,
) -> None:
    _, runner, _ = _linked(app)
    for path in RUNNER_PAGES:
        assert "referral-notice" not in runner.get(path).text, path
    _warning_sign(runner, "saddle_numbness")
    for path in RUNNER_PAGES:
        page = runner.get(path).text
        notice = page.index("referral-notice")
        assert "Get medical care today" in page[notice:], path
        assert notice < page.index("<h1"), path  # before anything else on the page
    assert "Keep your next run" not in runner.get("/activities").text
    assert runner.get("/api/v1/load").json()["next_run_cap_km"] is None  # nor in the page's twin
    assert "referral-notice" not in runner.get("/today").text  # Today says it in its own words


def test_the_coachs_changes_that_no_longer_act_are_shown_as_such(app: FastAPI) -> None:
    coach, runner, runner_id = _linked(app)
    for kind in ("resume_running", "stage"):
        assert _api_override(coach, runner_id, kind, LOOSENING[kind]).status_code == 201
    _warning_sign(runner, "saddle_numbness")
    assert _api_override(coach, runner_id, "pause_running", {}).status_code == 201
    listed = coach.get(f"/api/v1/coach/runners/{runner_id}").json()["plan"]["overrides"]
    standing = {o["kind"]: o.get("not_acting", "") for o in listed["in_force"]}
    assert standing["resume_running"].startswith("replaced by the change of")
    assert standing["stage"].startswith("on hold: the runner is referred")
    assert standing["pause_running"] == ""  # the one change that acts
    page = coach.get(f"/coach/runners/{runner_id}").text
    assert "On hold: the runner is referred" in page
