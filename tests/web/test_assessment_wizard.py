"""The assessment wizard: groups for another body region are skipped, and the Ottawa questions
take yes, no or unsure."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from runrehab.domain.knowledge import QuestionGroup
from runrehab.knowledge.loader import load_knowledge_base
from tests.web.conftest import sign_up

GROUPS = load_knowledge_base().questions
BASICS = {"onset": "gradual", "days_since_onset": "30"}


def _step_of(group_id: str) -> int:
    return next(n for n, g in enumerate(GROUPS, start=1) if g.id == group_id)


def _form(group: QuestionGroup, answers: dict[str, str]) -> dict[str, str]:
    """Every required question answered calmly unless `answers` says otherwise."""
    form = {}
    for q in group.questions:
        if q.key in answers:
            form[q.key] = answers[q.key]
        elif q.kind == "bool" and q.required:
            form[q.key] = "yes" if q.key == "can_walk_normally" else "no"
    return form


def _walk(client: TestClient, answers: dict[str, str]) -> list[int]:
    """Answer the wizard from step 1 to the end; the steps it showed, in order."""
    shown, step = [], 1
    client.get("/assess")
    while True:
        shown.append(step)
        response = client.post(
            f"/assess/{step}", data=_form(GROUPS[step - 1], answers), follow_redirects=False
        )
        assert response.status_code == 303, response.text
        target = response.headers["location"]
        if not target.startswith("/assess/") or target == "/assess/result":
            return shown
        step = int(target.rsplit("/", 1)[1])


def test_the_fracture_check_is_skipped_for_pain_elsewhere(client: TestClient) -> None:
    sign_up(client)
    shown = _walk(client, {"region": "buttock_sit_bone", **BASICS})
    assert _step_of("ankle_fracture_check") not in shown
    assert _step_of("knee") not in shown
    assert client.get(f"/assess/{_step_of('ankle_fracture_check')}").url.path != "/assess/2"


def test_an_unsure_bony_point_sends_an_ankle_to_a_clinician_for_an_x_ray_decision(
    client: TestClient,
) -> None:
    sign_up(client)
    ottawa: dict[str, Any] = {
        "could_take_4_steps_right_after": "yes",
        "can_take_4_steps_now": "yes",
        "tender_outer_ankle_bone": "no",
        "tender_inner_ankle_bone": "no",
        "tender_base_of_5th_metatarsal": "unsure",
        "tender_navicular": "no",
    }
    shown = _walk(client, {"region": "ankle", "mechanism": "rolled_ankle", **BASICS, **ottawa})
    assert _step_of("ankle_fracture_check") in shown
    page = client.get("/assess/result").text
    assert "See a clinician before running" in page
    assert "Ottawa signs" in page
    assert "X-ray decision" in page
    answers = client.get("/api/v1/me/export").json()["episodes"][0]["answers"]
    assert answers["tender_base_of_5th_metatarsal"] == "unsure"


def test_the_fracture_check_page_offers_unsure(client: TestClient) -> None:
    sign_up(client)
    client.get("/assess")
    client.post("/assess/1", data={"region": "midfoot", **BASICS})
    page = client.get(f"/assess/{_step_of('ankle_fracture_check')}").text
    assert 'name="tender_navicular" value="unsure"' in page
    assert "fifth metatarsal" in page


def test_steps_are_counted_and_back_links_skip_the_groups_of_other_regions(
    client: TestClient,
) -> None:
    sign_up(client)
    client.get("/assess")
    client.post("/assess/1", data={"region": "buttock_sit_bone", **BASICS})
    after_fracture_check = _step_of("ankle_fracture_check") + 1
    page = client.get(f"/assess/{after_fracture_check}").text
    asked = [g for g in GROUPS if g.asked_for("buttock_sit_bone")]
    assert f"Step 2 of {len(asked)}" in page
    assert '<a href="/assess/1">Back</a>' in page
    last = client.get(f"/assess/{len(GROUPS)}").text
    assert f"Step {len(asked)} of {len(asked)}" in last
    assert "See the result" in last


def test_a_runner_with_no_pain_but_missed_periods_runs_and_is_told_to_see_a_sports_physician(
    client: TestClient,
) -> None:
    sign_up(client)
    _walk(client, {"region": "no_pain", "sex": "female", "amenorrhoea": "yes", **BASICS})
    page = client.get("/assess/result").text
    assert "Also see a clinician about" in page
    assert "sports physician" in page
    assert "none of the warning signs" not in page


def test_the_blood_clot_follow_ups_are_asked_for_the_calf_and_not_for_the_sit_bone(
    client: TestClient,
) -> None:
    sign_up(client)
    step = _step_of("calf_and_bone")
    for region, asked in (("calf", True), ("buttock_sit_bone", False)):
        client.get("/assess")
        client.post("/assess/1", data={"region": region, **BASICS})
        page = client.get(f"/assess/{step}").text
        assert ("Is the whole leg swollen?" in page) is asked, region
        assert "one small spot on the bone" in page  # the bone question is for every region


def test_an_answer_to_a_question_not_asked_for_the_region_is_not_kept(client: TestClient) -> None:
    sign_up(client)
    step = _step_of("calf_and_bone")
    client.get("/assess")
    client.post("/assess/1", data={"region": "buttock_sit_bone", **BASICS})
    form = _form(GROUPS[step - 1], {"previous_dvt": "yes"})
    client.post(f"/assess/{step}", data=form)
    client.post("/assess/1", data={"region": "calf", **BASICS})
    assert 'name="previous_dvt" value="" checked' in client.get(f"/assess/{step}").text
