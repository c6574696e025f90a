"""A coach re-assesses a runner from reusable templates (the screening always asked afresh) and
assigns outcome questionnaires on a schedule that the runner sees on Today."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient

from runrehab.domain.intake import SCREENING_KEYS
from tests.conftest import raw_answers
from tests.web.conftest import assessed
from tests.web.test_coaching import _linked

LEFS = {f"q{i}": 3 for i in range(1, 21)}


def _runner_id(coach: TestClient) -> str:
    return str(coach.get("/api/v1/coach/roster").json()[0]["runner_id"])


def test_a_template_keeps_answers_but_never_the_screening(app: FastAPI) -> None:
    coach, _ = _linked(app)
    saved = coach.post(
        "/api/v1/coach/templates",
        json={"name": "PHT follow-up", "answers": raw_answers(pain_rest=2, age=40)},
    )
    assert saved.status_code == 201, saved.text
    [template] = coach.get("/api/v1/coach/templates").json()
    assert template["name"] == "PHT follow-up"
    assert template["answers"]["pain_rest"] == 2
    assert not set(template["answers"]) & {*SCREENING_KEYS, "age"}


def test_a_bad_template_is_refused_and_stores_nothing(app: FastAPI) -> None:
    coach, runner = _linked(app)
    bad = coach.post(
        "/api/v1/coach/templates", json={"name": "x", "answers": {"pain_rest": 14, "colour": 1}}
    )
    assert bad.status_code == 422
    assert {p["loc"] for p in bad.json()["detail"]} == {"pain_rest", "colour"}
    assert coach.get("/api/v1/coach/templates").json() == []
    assert runner.get("/api/v1/coach/templates").status_code == 404  # not a coach
    assert (
        runner.post(
            "/api/v1/coach/templates", json={"name": "x", "answers": {"pain_rest": 1}}
        ).status_code
        == 404
    )


def test_the_prefill_lays_the_template_over_the_runners_answers_without_screening(
    app: FastAPI,
) -> None:
    coach, _ = _linked(app)
    runner_id = _runner_id(coach)
    template_id = coach.post(
        "/api/v1/coach/templates",
        json={"name": "Sitting hurts", "answers": {"aggravators": ["sitting"], "pain_rest": 3}},
    ).json()["id"]
    plain = coach.get(f"/api/v1/coach/runners/{runner_id}/assessment").json()
    assert plain["pain_rest"] == 1  # the runner's own last answer
    assert not set(plain) & set(SCREENING_KEYS)
    laid = coach.get(f"/api/v1/coach/runners/{runner_id}/assessment?template={template_id}").json()
    assert (laid["pain_rest"], laid["aggravators"]) == (3, ["sitting"])
    assert laid["weekly_km_now"] == plain["weekly_km_now"]
    missing = coach.get(f"/api/v1/coach/runners/{runner_id}/assessment?template=nope")
    assert missing.status_code == 404


def test_a_reassessment_starts_a_new_plan_by_the_coach_and_red_flags_still_win(
    app: FastAPI,
) -> None:
    coach, runner = _linked(app)
    runner_id = _runner_id(coach)
    answers = raw_answers(weekly_km_now=10, pain_rest=1, baseline_morning_pain=1)
    done = coach.post(
        f"/api/v1/coach/runners/{runner_id}/assessments?on=2026-12-02",
        json={"answers": answers, "save_as": "Calm PHT"},
    )
    assert done.status_code == 201, done.text
    assert done.json()["template_id"]
    latest = runner.get("/api/v1/plan").json()["versions"][-1]  # the history runs across it
    assert latest["author"] == "coach"
    assert latest["reason"].startswith("Re-assessed on 2026-12-02 by Sam Coach")
    flagged = coach.post(
        f"/api/v1/coach/runners/{runner_id}/assessments?on=2026-12-03",
        json={"answers": answers | {"saddle_numbness": True}},
    )
    assert flagged.json()["verdict"] == "REFER_URGENT"  # cauda equina: emergency
    assert runner.get("/api/v1/today?on=2026-12-03").json()["verdict"] == "REFER_URGENT"
    roster = coach.get("/api/v1/coach/roster").json()[0]
    assert roster["verdict"] == "REFER_URGENT"
    assert "red flag" in " ".join(roster["attention"]["reasons"]).lower()


def test_another_coach_cannot_reassess_or_read_the_runner(app: FastAPI) -> None:
    coach, runner = _linked(app)
    runner_id = _runner_id(coach)
    with TestClient(app) as stranger:
        assessed(stranger, "other-coach@example.com")
        stranger.post("/api/v1/coach", json={"name": "Other"})
        before = runner.get("/api/v1/plan").json()["versions"]
        reassess = stranger.post(
            f"/api/v1/coach/runners/{runner_id}/assessments", json={"answers": raw_answers()}
        )
        assert reassess.status_code == 404
        assert stranger.get(f"/api/v1/coach/runners/{runner_id}/assessment").status_code == 404
        assert stranger.get(f"/api/v1/coach/runners/{runner_id}/questionnaires").status_code == 404
        assert runner.get("/api/v1/plan").json()["versions"] == before


def test_the_reassessment_page_asks_the_screening_again_and_saves_a_template(
    app: FastAPI,
) -> None:
    coach, runner = _linked(app)
    runner_id = _runner_id(coach)
    page = coach.get(f"/coach/runners/{runner_id}/assess").text
    assert "Re-assess this runner" in page
    assert 'name="saddle_numbness" value="yes"  required' in page.replace("checked", "")
    assert 'value="yes" checked' not in page.split("Nerves and back")[1].split("</fieldset>")[0]
    form = {
        k: ("yes" if v is True else "no" if v is False else v) for k, v in raw_answers().items()
    }
    form.pop("tests", None)
    form |= {"save_as": "From the page"}
    saved = coach.post(f"/coach/runners/{runner_id}/assess", data=form, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    assert [t["name"] for t in coach.get("/api/v1/coach/templates").json()] == ["From the page"]
    history = runner.get("/api/v1/plan").json()["versions"]
    incomplete = coach.post(
        f"/coach/runners/{runner_id}/assess", data={"region": "buttock_sit_bone"}
    )
    assert incomplete.status_code == 422
    assert runner.get("/api/v1/plan").json()["versions"] == history  # nothing stored
    template_id = coach.get("/api/v1/coach/templates").json()[0]["id"]
    assert coach.get("/coach/templates").text.count("From the page") == 1
    coach.post(f"/coach/templates/{template_id}/delete")
    assert coach.get("/api/v1/coach/templates").json() == []


def test_an_assigned_questionnaire_is_due_on_today_until_answered(app: FastAPI) -> None:
    coach, runner = _linked(app)
    runner_id = _runner_id(coach)
    start = date.today() - timedelta(days=3)
    assigned = coach.put(
        f"/api/v1/coach/runners/{runner_id}/questionnaires/lefs",
        json={"every_days": 14, "starts_on": start.isoformat()},
    )
    assert assigned.status_code == 200, assigned.text
    [due] = runner.get("/api/v1/today").json()["questionnaires_assigned"]
    assert (due["questionnaire"], due["due_on"], due["days_late"]) == ("lefs", start.isoformat(), 3)
    assert "Your coach asks for" in runner.get("/today").text
    runner.post("/api/v1/questionnaires/lefs", json=LEFS)
    assert runner.get("/api/v1/today").json()["questionnaires_assigned"] == []
    view = coach.get(f"/api/v1/coach/runners/{runner_id}/questionnaires").json()
    assert view["schedules"][0]["next_on"] == (start + timedelta(days=14)).isoformat()
    assert view["responses"][0]["answers"]["q1"] == 3
    assert view["responses"][0]["score"] == 60
    page = coach.get(f"/coach/runners/{runner_id}").text
    assert "Answers of each questionnaire (1)" in page
    assert 'id="score-chart-lefs"' in page


def test_a_schedule_can_be_replaced_and_stopped_and_bad_ones_are_refused(app: FastAPI) -> None:
    coach, runner = _linked(app)
    runner_id = _runner_id(coach)
    url = f"/api/v1/coach/runners/{runner_id}/questionnaires"
    assert coach.put(f"{url}/visa_h", json={"every_days": 14}).status_code == 200
    again = coach.put(f"{url}/visa_h", json={"every_days": 28})
    assert [s["every_days"] for s in again.json()["schedules"]] == [28]
    bad = coach.put(f"{url}/moods", json={"every_days": 3})
    assert bad.status_code == 422
    assert {p["loc"] for p in bad.json()["detail"]} == {"questionnaire", "every_days"}
    assert coach.delete(f"{url}/visa_h").status_code == 204
    assert coach.delete(f"{url}/visa_h").status_code == 404
    assert coach.get(url).json()["schedules"] == []
    form = coach.post(
        f"/coach/runners/{runner_id}/questionnaires",
        data={"questionnaire": "lefs", "every_days": "7", "starts_on": date.today().isoformat()},
        follow_redirects=False,
    )
    assert form.status_code == 303
    assert runner.get("/api/v1/today").json()["questionnaires_assigned"][0]["every_days"] == 7
    coach.post(f"/coach/runners/{runner_id}/questionnaires/lefs/stop")
    assert runner.get("/api/v1/today").json()["questionnaires_assigned"] == []


def test_revoking_a_coach_ends_the_questionnaires_that_coach_asked_for(app: FastAPI) -> None:
    coach, runner = _linked(app)
    runner_id = _runner_id(coach)
    coach.put(f"/api/v1/coach/runners/{runner_id}/questionnaires/lefs", json={"every_days": 7})
    assert runner.get("/api/v1/today").json()["questionnaires_assigned"]
    coach_id = runner.get("/api/v1/coaching").json()[0]["coach_id"]
    assert runner.delete(f"/api/v1/coaching/{coach_id}").status_code == 204
    assert runner.get("/api/v1/today").json()["questionnaires_assigned"] == []


def test_a_schedule_starting_years_away_is_refused(app: FastAPI) -> None:
    coach, _ = _linked(app)
    runner_id = _runner_id(coach)
    far = coach.post(
        f"/coach/runners/{runner_id}/questionnaires",
        data={"questionnaire": "lefs", "every_days": "7", "starts_on": "9999-12-31"},
    )
    assert far.status_code == 422
    assert "starts_on: must be between 1900-01-01 and" in far.text


def test_the_reassessment_page_asks_the_fracture_check_only_of_ankle_and_midfoot_pain(
    app: FastAPI,
) -> None:
    coach, runner = _linked(app)
    runner_id = _runner_id(coach)
    page = coach.get(f"/coach/runners/{runner_id}/assess").text
    fracture = page.split("Could it be a fracture?")[1].split("<h2>")[0]
    assert "only for ankle or midfoot pain" in fracture
    assert 'value="unsure"' in fracture
    assert "required" not in fracture  # a hamstring runner's re-assessment need not answer it
    ankle = {
        k: ("yes" if v is True else "no" if v is False else v)
        for k, v in raw_answers(region="ankle").items()
    }
    ankle.pop("tests", None)
    refused = coach.post(f"/coach/runners/{runner_id}/assess", data=ankle)
    assert refused.status_code == 422
    assert "required for ankle and midfoot pain" in refused.text
    assert len(runner.get("/api/v1/plan").json()["versions"]) == 1
