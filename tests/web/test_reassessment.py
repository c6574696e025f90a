"""A re-assessment keeps the history: the stage reached, the coach's overrides (carried, or ended
with the reason), the charts, the timeline and the questionnaires all go on across it, whether
the coach re-assesses the runner or the runner re-takes the assessment."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from runrehab.domain.intake import SCREENING_KEYS
from runrehab.schemas.answers import parse_answers
from runrehab.services.demo import BANDS, PHT, six_weeks
from runrehab.services.episodes import RunnerId, episode_of, start_episode
from runrehab.services.progress import log_entry
from runrehab.services.questionnaires import record_response
from tests.web.conftest import sign_up
from tests.web.test_coaching import _coach

TODAY = date.today()
CALM_SCREEN = {key: key == "can_walk_normally" for key in SCREENING_KEYS}
LEFS = {f"q{i}": 3 for i in range(1, 21)}


def _demo_like(app: FastAPI) -> tuple[TestClient, TestClient, str]:
    """The demo runner: six weeks of log reaching stage 3, a questionnaire answered, and a coach
    who has just changed the plan (a dose, an exercise of their own, running paused)."""
    coach, runner = TestClient(app), TestClient(app)
    _coach(coach)
    sign_up(runner, "ana@example.com")
    state = app.state.runrehab
    with state.uow() as uow:
        user = uow.accounts.user_by_email("ana@example.com")
        assert user is not None
        runner_id = user.runner_id
    start = TODAY - timedelta(weeks=6)
    episode = start_episode(
        RunnerId(runner_id),
        parse_answers(PHT, "demo"),
        BANDS,
        start,
        state.kb,
        state.uow(),
        state.clock,
    ).episode_id
    for entry in six_weeks(start):
        log_entry(episode, entry, state.kb, state.uow(), state.clock)
    on = start + timedelta(days=20)
    record_response(episode, "lefs-1", "lefs", LEFS, on, state.kb, state.uow(), state.clock)
    code = coach.post("/api/v1/coach/invites").json()["code"]
    assert runner.post("/api/v1/coaching/accept", json={"code": code}).status_code == 201
    for change in (
        {"kind": "dose", "exercise": "single_leg_bridge", "step": "4", "reason": "strong now"},
        {"kind": "pause_running", "reason": "a race next week"},
        {
            "kind": "add_exercise",
            "name": "Band walk",
            "session": "strength",
            "sets": "2",
            "amount": "12",
            "measure": "reps",
            "reason": "glutes",
        },
    ):
        done = coach.post(f"/coach/runners/{runner_id}/overrides", data=change)
        assert done.status_code == 200, done.text
        assert "Not changed" not in done.text
    assert coach.get("/api/v1/coach/roster").json()[0]["stage"] == 3
    return coach, runner, runner_id


def _reassess(coach: TestClient, runner_id: str, **changes: Any) -> dict[str, Any]:
    answers = coach.get(f"/api/v1/coach/runners/{runner_id}/assessment").json()
    answers |= CALM_SCREEN | changes
    done = coach.post(f"/api/v1/coach/runners/{runner_id}/assessments", json={"answers": answers})
    assert done.status_code == 201, done.text
    return coach.get(f"/api/v1/coach/runners/{runner_id}").json()  # type: ignore[no-any-return]


def _reassessed(versions: list[dict[str, Any]]) -> dict[str, Any]:
    """The plan version a re-assessment started (the plan's history runs across it, oldest
    first, so it follows the versions of the episode it continues)."""
    return next(v for v in reversed(versions) if v["reason"].startswith("Re-assessed"))


def test_a_coach_reassessment_keeps_the_stage_the_overrides_and_the_history(
    app: FastAPI,
) -> None:
    coach, runner, runner_id = _demo_like(app)
    file = _reassess(coach, runner_id)
    assert file["stage"] == 3
    first = _reassessed(file["plan"]["versions"])
    assert first["stage"] == 3
    assert first["reason"].startswith(f"Re-assessed on {TODAY.isoformat()} by Sam Coach")
    assert "stage 3 kept" in first["reason"]
    kinds = [o["kind"] for o in file["plan"]["overrides"]["in_force"]]
    assert kinds == ["dose", "pause_running", "add_exercise"]
    assert file["plan"]["overrides"]["ended"] == []
    assert [c["name"] for c in file["custom_exercises"]] == ["Band walk"]
    progress = file["progress"]
    assert len(progress["days"]) == 42  # the six weeks before the re-assessment
    assert [q["questionnaire"] for q in progress["questionnaires"]] == ["lefs"]
    assert progress["reassessed"] == [
        {"on": TODAY.isoformat(), "by": "Sam Coach", "says": first["reason"]}
    ]
    assert any(e["decision"] == "re-assessed" for e in file["timeline"])
    assert sum(e["what"].startswith("Check-in") for e in file["timeline"]) == 42
    assert runner.get("/api/v1/progress").json()["stage"]["number"] == 3
    assert not any(s["run"] for s in runner.get("/api/v1/plan").json()["sessions"])  # paused


def test_the_engine_keeps_the_coachs_dose_after_a_reassessment(app: FastAPI) -> None:
    coach, runner, runner_id = _demo_like(app)
    _reassess(coach, runner_id)
    bridges = [
        item
        for s in runner.get("/api/v1/plan").json()["sessions"]
        for item in s["items"]
        if item["exercise"] == "single_leg_bridge"
    ]
    assert (bridges[0]["sets"], bridges[0]["reps"]) == (2, 10)  # step 4, then it builds


def test_a_stricter_reassessment_lowers_the_stage_and_says_why(app: FastAPI) -> None:
    coach, _, runner_id = _demo_like(app)
    coach.post(
        f"/coach/runners/{runner_id}/overrides",
        data={"kind": "stage", "stage": "3", "reason": "held for the race"},
    )
    file = _reassess(coach, runner_id, pain_rest=5)
    assert file["stage"] == 1
    reason = _reassessed(file["plan"]["versions"])["reason"]
    assert "stage 1, down from 3" in reason
    assert "Pain of 4/10 or more at rest" in reason
    [ended] = file["plan"]["overrides"]["ended"]
    assert ended["kind"] == "stage"
    assert ended["ended"].startswith(f"ended by re-assessment on {TODAY.isoformat()}: ")
    assert "holds the runner at stage 1 or below" in ended["ended"]
    assert "Stage set to 3" in reason or "stage set to 3" in reason
    assert len(file["progress"]["days"]) == 42


def test_a_changed_condition_ends_the_overrides_with_the_reason_but_keeps_the_pause(
    app: FastAPI,
) -> None:
    coach, _, runner_id = _demo_like(app)
    file = _reassess(
        coach, runner_id, region="achilles", aggravators=["long_runs"], morning_stiffness_min=20
    )
    overrides = file["plan"]["overrides"]
    assert [o["kind"] for o in overrides["in_force"]] == ["pause_running"]
    assert [o["kind"] for o in overrides["ended"]] == ["dose", "add_exercise"]
    for o in overrides["ended"]:
        assert "the condition changed from Proximal hamstring tendinopathy to" in o["ended"]
    assert file["custom_exercises"] == []
    assert "the condition changed" in _reassessed(file["plan"]["versions"])["reason"]
    assert len(file["progress"]["days"]) == 42


def test_a_red_flag_reassessment_ends_every_override_and_lists_them(app: FastAPI) -> None:
    coach, _, runner_id = _demo_like(app)
    file = _reassess(coach, runner_id, saddle_numbness=True)
    assert file["verdict"] == "REFER_URGENT"
    ended = file["plan"]["overrides"]["ended"]
    assert len(ended) == 3
    assert file["plan"]["overrides"]["in_force"] == []
    assert all("sends the runner to a clinician" in o["ended"] for o in ended)
    page = coach.get(f"/coach/runners/{runner_id}").text
    assert "ended by re-assessment on" in page


def test_the_runners_own_reassessment_keeps_the_history_and_the_profile(app: FastAPI) -> None:
    coach, runner, runner_id = _demo_like(app)
    state = app.state.runrehab
    before = episode_of(runner_id, state.uow())
    again = runner.post("/api/v1/assessments", json={"answers": PHT})
    assert again.status_code == 201, again.text
    after = episode_of(runner_id, state.uow())
    assert after != before
    with state.uow() as uow:
        assert uow.continuity.chain(str(after)) == [before, after]
        assert uow.episodes.raw(str(after))[1] == {"equipment": "bands"}
    plan = runner.get("/api/v1/plan").json()
    assert _reassessed(plan["versions"])["stage"] == 3
    assert _reassessed(plan["versions"])["reason"].startswith(
        f"Re-assessed on {TODAY.isoformat()} by you"
    )
    assert len(plan["overrides"]["in_force"]) == 3
    progress = runner.get("/api/v1/progress").json()
    assert len(progress["days"]) == 42
    assert progress["reassessed"][0]["by"] == "the runner"
    assert coach.get("/api/v1/coach/roster").json()[0]["stage"] == 3


def test_the_coachs_form_is_prefilled_with_the_runners_latest_answers(app: FastAPI) -> None:
    coach, _, runner_id = _demo_like(app)
    answers = coach.get(f"/api/v1/coach/runners/{runner_id}/assessment").json()
    assert answers["days_since_onset"] == PHT["days_since_onset"] + 42
    assert answers["tests"]["drop_lunge_pain_free"] is True  # from the latest check-ins
    assert answers["pain_rest"] == 0  # the latest check-in's
    assert not set(answers) & set(SCREENING_KEYS)
    page = coach.get(f"/coach/runners/{runner_id}/assess").text
    assert "carries over" in page


def test_the_plan_lists_the_overrides_a_reassessment_ended(app: FastAPI) -> None:
    coach, runner, runner_id = _demo_like(app)
    _reassess(coach, runner_id, saddle_numbness=True)
    listed = runner.get("/api/v1/plan").json()["overrides"]
    assert [o["by"] for o in listed["ended"]] == ["Sam Coach"] * 3
    assert listed["ended"][0]["what"] == "Single-leg bridge set to 2 x 10"


def test_the_roster_sparklines_go_on_across_a_reassessment(app: FastAPI) -> None:
    coach, _, runner_id = _demo_like(app)
    [before] = coach.get("/api/v1/coach/roster").json()
    _reassess(coach, runner_id)
    [after] = coach.get("/api/v1/coach/roster").json()
    assert after["episode_id"] != before["episode_id"]
    assert any(p is not None for p in before["pain_28d"])
    assert after["pain_28d"] == before["pain_28d"]
    assert after["weekly_km_4w"] == before["weekly_km_4w"]


def test_the_plans_history_of_changes_goes_on_across_a_reassessment(app: FastAPI) -> None:
    coach, runner, runner_id = _demo_like(app)
    before = runner.get("/api/v1/plan").json()["versions"]
    _reassess(coach, runner_id)
    after = runner.get("/api/v1/plan").json()["versions"]
    assert after[: len(before)] == before
    assert "Re-assessed" in after[-1]["reason"] or "re-assess" in after[-1]["reason"].lower()


def test_a_reassessment_keeps_the_rosters_last_pains_and_last_activity(app: FastAPI) -> None:
    coach, _, runner_id = _demo_like(app)
    [before] = coach.get("/api/v1/coach/roster").json()
    assert before["last_pain"] is not None
    assert before["last_activity_on"] is not None
    _reassess(coach, runner_id)
    [after] = coach.get("/api/v1/coach/roster").json()
    for key in ("last_pain", "last_morning_pain", "last_activity_on"):
        assert after[key] == before[key], key


def test_a_referring_reassessment_names_the_likely_condition_and_says_referred(
    app: FastAPI,
) -> None:
    coach, _, runner_id = _demo_like(app)
    [before] = coach.get("/api/v1/coach/roster").json()
    _reassess(coach, runner_id, saddle_numbness=True)
    [after] = coach.get("/api/v1/coach/roster").json()
    assert after["condition_name"]  # the condition the assessment names, not a blank
    roster = coach.get("/coach").text
    assert "referred" in roster
    page = coach.get(f"/coach/runners/{runner_id}").text
    assert "Stage None" not in page
    assert "Referred" in page or "referred" in page
    assert after["last_pain"] == before["last_pain"]


def test_the_runners_questionnaires_go_on_across_a_reassessment(app: FastAPI) -> None:
    coach, runner, runner_id = _demo_like(app)
    before = runner.get("/api/v1/questionnaires").json()
    assert [q["questionnaire"] for q in before] == ["lefs"]
    _reassess(coach, runner_id)
    assert runner.get("/api/v1/questionnaires").json() == before
    listed = runner.get("/api/v1/progress").json()["questionnaires"]
    assert [q["questionnaire"] for q in listed] == ["lefs"]


def test_a_questionnaire_answered_today_is_no_longer_due_across_a_reassessment(
    app: FastAPI,
) -> None:
    coach, runner, runner_id = _demo_like(app)
    _reassess(coach, runner_id)

    def due(on: str = "") -> list[str]:
        query = f"?on={on}" if on else ""
        return [q["id"] for q in runner.get(f"/api/v1/today{query}").json()["questionnaires_due"]]

    assert "lefs" in due()
    assert "LEFS" in runner.get("/today").text.split("Questionnaire due today")[1][:300]
    answered = runner.post("/questionnaires/lefs", data=LEFS)
    assert answered.status_code in (200, 303), answered.text
    assert "lefs" not in due()
    page = runner.get("/today").text
    assert "LEFS" not in page.split("Questionnaire due today")[-1][:300]
    assert "lefs" in due((TODAY + timedelta(days=14)).isoformat())  # due again two weeks on


def test_coach_texts_name_the_coach_once_and_explain_a_referral(app: FastAPI) -> None:
    coach, runner, runner_id = _demo_like(app)
    today = runner.get("/today").text
    assert "Your coach: Sam Coach" not in today
    assert "Sam Coach changed the plan" in today
    page = coach.get(f"/coach/runners/{runner_id}").text
    assert "added to your" not in page
    assert "added to the strength sessions" in page
    _reassess(coach, runner_id, saddle_numbness=True)
    page = coach.get(f"/coach/runners/{runner_id}").text
    why = page.split("Why the plan cannot be changed now</h3>")[1][:200]
    assert why.startswith("<p>This runner&#39;s current assessment sends them to a clinician")
    assert "No one can loosen" in why
