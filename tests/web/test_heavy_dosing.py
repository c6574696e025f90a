"""A heavy exercise reads as heavy wherever the runner sees it: the plan's JSON, and the Today page
with what "12RM" means and what to use without weights."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.web.conftest import assessed

ACHILLES = {
    "region": "achilles",
    "weekly_km_now": 30,
    "longest_run_30d_km": 12,
    "pain_rest": 1,
    "pain_during_run": 4,
    "pain_next_morning": 2,
    "baseline_morning_pain": 2,
    "morning_trend": "stable",
    "morning_stiffness_min": 15,
    "hop_pain": 3,
}


def _items(plan: dict[str, Any], exercise: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        (s["date"], i) for s in plan["sessions"] for i in s["items"] if i["exercise"] == exercise
    ]


def test_the_plan_json_carries_the_repetition_maximum_and_how_to_load_it(
    client: TestClient,
) -> None:
    assessed(client, **ACHILLES)
    plan = client.get("/api/v1/plan?on=2026-12-01&weeks=4").json()
    heavy = _items(plan, "seated_calf_raise_bent_knee")
    assert heavy
    first, last = heavy[0][1], heavy[-1][1]
    assert first["repetition_maximum"] is True
    assert (first["sets"], first["reps"]) == (3, 15)
    assert last["reps"] < first["reps"]  # the load climbs: fewer repetitions of a heavier load
    assert "15RM" in first["load_note"]
    assert "No weights?" in first["load_note"]  # the default profile has no weights
    assert first["tempo"] == "3 s up, 3 s down"
    raises = _items(plan, "calf_raise_single_leg")  # trained to the gate: 2 sets, aiming higher
    assert raises
    assert {i["sets"] for _, i in raises} == {2}
    assert "As many as you can" in raises[0][1]["load_note"]
    warm_up = _items(plan, "leg_swings_front_back")
    assert {(i["sets"], i["reps"]) for _, i in warm_up} == {(1, 10)}


def test_today_shows_heavy_with_its_repetition_maximum_and_what_to_use(
    client: TestClient,
) -> None:
    assessed(client, **ACHILLES)
    plan = client.get("/api/v1/plan?on=2026-12-01&weeks=1").json()
    day, item = _items(plan, "seated_calf_raise_bent_knee")[0]
    page = client.get(f"/today?on={day}").text
    assert f"heavy ({item['reps']}RM)" in page
    assert "No weights?" in page
    assert "Tempo: 3 s up, 3 s down." in page
