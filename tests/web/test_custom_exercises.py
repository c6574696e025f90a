"""A coach writes an exercise for one runner: it joins the plan with the coach's dose and
instructions, its pain checks count, it can be removed, and bad input stores nothing."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.test_coaching import _linked, _override

COPENHAGEN = {
    "name": "Short-lever Copenhagen plank",
    "instructions": "Side plank with the top knee on a bench; hold still, hips high.",
    "session": "strength",
    "sets": 3,
    "hold_s": 20,
    "per_side": True,
}


def _added(app: FastAPI) -> tuple[TestClient, TestClient, str, str]:
    coach, runner = _linked(app)
    runner_id = coach.get("/api/v1/coach/roster").json()[0]["runner_id"]
    _override(coach, runner_id, "add_exercise", COPENHAGEN, "adductor strength for your hip")
    custom = coach.get(f"/api/v1/coach/runners/{runner_id}").json()["custom_exercises"]
    assert [c["name"] for c in custom] == [COPENHAGEN["name"]]
    return coach, runner, runner_id, custom[0]["id"]


def _items(runner: TestClient, on: str) -> list[dict[str, Any]]:
    plan = runner.get(f"/api/v1/plan?on={on}&weeks=2").json()
    return [i | {"kind": s["kind"]} for s in plan["sessions"] for i in s["items"]]


def _log(runner: TestClient, exercise: str, pain: int, on: str = "2026-12-02") -> Any:
    return runner.post(
        "/api/v1/entries",
        json={
            "type": "exercise",
            "date": on,
            "exercise": exercise,
            "sets": 3,
            "hold_s": 20,
            "pain": pain,
        },
    )


def test_the_coachs_exercise_joins_every_strength_session_with_its_instructions(
    app: FastAPI,
) -> None:
    _, runner, _, custom_id = _added(app)
    added = [i for i in _items(runner, "2026-12-03") if i["exercise"] == custom_id]
    strength_days = {
        s["date"]
        for s in runner.get("/api/v1/plan?on=2026-12-03&weeks=2").json()["sessions"]
        if s["kind"] == "strength"
    }
    assert len(added) == len(strength_days) > 0
    assert {i["kind"] for i in added} == {"strength"}
    first = added[0]
    assert (first["sets"], first["hold_s"], first["reps"], first["per_side"]) == (3, 20, None, True)
    assert first["instructions"] == COPENHAGEN["instructions"]
    assert "adductor strength for your hip" in first["why"]
    changes = runner.get("/api/v1/today?on=2026-12-02").json()["coach_changes"]
    assert any("Short-lever Copenhagen plank (3 x 20 s holds) added" in c for c in changes)


def test_its_pain_checks_count_but_its_dose_stays_the_coachs(app: FastAPI) -> None:
    _, runner, _, custom_id = _added(app)
    fine = _log(runner, custom_id, pain=2)
    assert fine.status_code == 201, fine.text
    assert fine.json()["decision"] == "hold"
    assert [r["rule"] for r in fine.json()["reasons"]] == ["pain_check_passed", "coach_set_dose"]
    sore = _log(runner, custom_id, pain=7, on="2026-12-03")
    assert sore.json()["reasons"][0]["rule"] == "custom_exercise_over_limit"
    item = next(i for i in _items(runner, "2026-12-04") if i["exercise"] == custom_id)
    assert (item["sets"], item["hold_s"]) == (3, 20)
    _log(runner, custom_id, pain=7, on="2026-12-04")
    third = _log(runner, custom_id, pain=8, on="2026-12-05")
    assert third.json()["decision"] == "refer"  # three failed checks of seven, like any exercise


def test_a_removed_exercise_leaves_the_plan_and_cannot_be_logged_after(app: FastAPI) -> None:
    coach, runner, runner_id, custom_id = _added(app)
    assert _log(runner, custom_id, pain=1).status_code == 201
    response = coach.post(
        f"/api/v1/coach/runners/{runner_id}/overrides",
        json={
            "kind": "remove_exercise",
            "values": {"id": custom_id},
            "reason": "hip settled",
            "on": "2026-12-03",
        },
    )
    assert response.status_code == 201
    assert custom_id not in {i["exercise"] for i in _items(runner, "2026-12-03")}
    late = _log(runner, custom_id, pain=1, on="2026-12-04")
    assert late.status_code == 422
    assert "had not added" in late.text
    assert custom_id in {e["exercise"] for e in runner.get("/api/v1/history").json()["entries"]}
    versions = runner.get("/api/v1/plan").json()["versions"]
    assert "Short-lever Copenhagen plank removed, because hip settled" in versions[-1]["reason"]


def test_another_runner_cannot_log_someone_elses_custom_exercise(app: FastAPI) -> None:
    _, _, _, custom_id = _added(app)
    from tests.web.conftest import assessed

    with TestClient(app) as bob:
        assessed(bob, "bob@example.com")
        refused = _log(bob, custom_id, pain=0)
        assert refused.status_code == 422
        assert bob.get("/api/v1/history").json()["entries"] == []


def test_a_bad_custom_exercise_is_refused_field_by_field_and_stores_nothing(
    app: FastAPI,
) -> None:
    coach, runner = _linked(app)
    runner_id = coach.get("/api/v1/coach/roster").json()[0]["runner_id"]
    before = runner.get("/api/v1/plan").json()["versions"]
    bad = coach.post(
        f"/api/v1/coach/runners/{runner_id}/overrides",
        json={
            "kind": "add_exercise",
            "values": {"name": "", "session": "sofa", "sets": 40, "reps": 10, "hold_s": 30},
            "reason": "x",
        },
    )
    assert bad.status_code == 422
    assert {p["loc"] for p in bad.json()["detail"]} == {"name", "session", "sets", "reps"}
    unknown = coach.post(
        f"/api/v1/coach/runners/{runner_id}/overrides",
        json={"kind": "remove_exercise", "values": {"id": "custom-nothing"}, "reason": "x"},
    )
    assert unknown.status_code == 422
    assert runner.get("/api/v1/plan").json()["versions"] == before


def test_the_coach_adds_and_removes_one_from_the_runner_page(app: FastAPI) -> None:
    coach, runner = _linked(app)
    runner_id = coach.get("/api/v1/coach/roster").json()[0]["runner_id"]
    form = {
        "kind": "add_exercise",
        "name": "Banded side steps",
        "instructions": "Band above the knees, small steps.",
        "session": "mobility",
        "sets": "2",
        "amount": "12",
        "measure": "reps",
        "per_side": "yes",
        "reason": "hip control",
    }
    added = coach.post(f"/coach/runners/{runner_id}/overrides", data=form, follow_redirects=False)
    assert added.status_code == 303
    page = coach.get(f"/coach/runners/{runner_id}").text
    assert "Banded side steps" in page
    assert "2 × 12 reps each side, mobility sessions" in page
    bad = coach.post(
        f"/coach/runners/{runner_id}/overrides",
        data=form | {"sets": "lots"},
        follow_redirects=False,
    )
    assert bad.status_code == 422
    custom_id = coach.get(f"/api/v1/coach/runners/{runner_id}").json()["custom_exercises"][0]["id"]
    plan = runner.get("/api/v1/plan?weeks=2").json()["sessions"]
    day = next(s["date"] for s in plan if custom_id in {i["exercise"] for i in s["items"]})
    today = runner.get(f"/today?on={day}").text
    assert "Band above the knees, small steps." in today
    assert "(from your coach)" in today
    removed = coach.post(
        f"/coach/runners/{runner_id}/overrides",
        data={"kind": "remove_exercise", "id": custom_id, "reason": "done"},
        follow_redirects=False,
    )
    assert removed.status_code == 303
    assert coach.get(f"/api/v1/coach/runners/{runner_id}").json()["custom_exercises"] == []
