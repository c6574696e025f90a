"""The outcome questionnaires of issue 17 on the web: a runner fills each one in a form that
renders its own kind of item, the PSFS keeps the runner's activities and offers them again, a coach
assigns each, and the progress page and the API read the last change against the minimal
important change (MIC). The published scoring itself is specified in
tests/unit/domain/test_outcome_questionnaires.py."""

from __future__ import annotations

from datetime import date, timedelta
from html import unescape
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.conftest import assessed
from tests.web.test_coaching import _linked

NEW = ("nprs", "psfs", "ostrc_o2", "faam_adl", "faam_sports", "kujala", "tsk11")
VECTORS = yaml.safe_load(
    (Path(__file__).parents[1] / "data" / "questionnaire_vectors.yaml").read_text("utf-8")
)["vectors"]
FIRST_VECTOR = {name: next(v for v in VECTORS if v["questionnaire"] == name) for name in NEW}


def _form(answers: dict[str, Any]) -> dict[str, str]:
    """Answers as the form sends them: a PSFS activity is its name and its rating."""
    form: dict[str, str] = {}
    for key, value in answers.items():
        if isinstance(value, dict):
            form[f"{key}_activity"] = value["activity"]
            form[key] = str(value["rating"])
        else:
            form[key] = str(value)
    return form


@pytest.mark.parametrize("name", NEW)
def test_each_new_questionnaire_form_renders_each_item_in_its_kind(
    client: TestClient, name: str
) -> None:
    assessed(client)
    page = unescape(client.get(f"/questionnaires/{name}").text)
    q = client.app.state.runrehab.kb.questionnaires[name]  # type: ignore[attr-defined]
    for item in q.items:
        assert item.text in page
        if item.named:
            assert f'name="{item.key}_activity"' in page
        else:
            for points in item.points:
                assert f'name="{item.key}" value="{points}"' in page
        assert (f'name="{item.key}" value="na"' in page) is item.not_applicable
    assert (q.provisional_note or q.stem) in page


@pytest.mark.parametrize("name", NEW)
def test_a_runner_fills_each_new_questionnaire_and_gets_the_published_score(
    client: TestClient, name: str
) -> None:
    assessed(client)
    vector = FIRST_VECTOR[name]
    saved = client.post(f"/questionnaires/{name}", data=_form(vector["answers"]))
    assert saved.status_code == 200, saved.text
    [listed] = client.get("/api/v1/questionnaires").json()
    assert (listed["questionnaire"], listed["score"]) == (name, vector["total"])


def test_the_psfs_activities_are_kept_and_offered_again_next_time(client: TestClient) -> None:
    assessed(client)
    first = client.get("/questionnaires/psfs").text
    assert 'name="activity_1_activity" type="text" maxlength="80" value=""' in first
    answers = {
        "activity_1_activity": "Running downhill",
        "activity_1": "3",
        "activity_2_activity": "Stairs  down",
        "activity_2": "5",
        "activity_3_activity": "Squatting",
        "activity_3": "4",
    }
    assert client.post("/questionnaires/psfs", data=answers).status_code == 200
    again = client.get("/questionnaires/psfs").text
    assert 'name="activity_1_activity" type="text" maxlength="80" value="Running downhill"' in again
    assert 'value="Stairs down"' in again  # stored as typed, spaces tidied
    assert 'name="activity_4_activity" type="text" maxlength="80" value=""' in again
    assert "rate it again" in again


def test_a_psfs_with_two_activities_or_an_unrated_one_is_refused_with_the_reason(
    client: TestClient,
) -> None:
    assessed(client)
    two = {"activity_1_activity": "Stairs", "activity_1": "3"}
    two |= {"activity_2_activity": "Hills", "activity_2": "5"}
    refused = client.post("/questionnaires/psfs", data=two)
    assert refused.status_code == 422
    assert "activity_3: not answered" in refused.text
    unrated = two | {"activity_3_activity": "Hopping"}
    assert (
        "activity_3: rate &#39;Hopping&#39;"
        in client.post("/questionnaires/psfs", data=unrated).text
    )
    assert client.get("/api/v1/questionnaires").json() == []


@pytest.mark.parametrize("name", NEW)
def test_a_coach_can_assign_each_new_questionnaire(app: FastAPI, name: str) -> None:
    coach, runner = _linked(app)
    runner_id = coach.get("/api/v1/coach/roster").json()[0]["runner_id"]
    page = coach.get(f"/coach/runners/{runner_id}").text
    assert f'<option value="{name}">' in page
    put = coach.put(
        f"/api/v1/coach/runners/{runner_id}/questionnaires/{name}",
        json={"every_days": 7, "starts_on": date.today().isoformat()},
    )
    assert put.status_code == 200, put.text
    [due] = runner.get("/api/v1/today").json()["questionnaires_assigned"]
    assert due["questionnaire"] == name
    assert f'href="/questionnaires/{name}"' in runner.get("/today").text


def _nprs(client: TestClient, pain: int, on: date) -> dict[str, Any]:
    response = client.post(f"/api/v1/questionnaires/nprs?on={on.isoformat()}", json={"pain": pain})
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_the_api_reads_each_new_score_against_its_mic_in_its_direction(
    client: TestClient,
) -> None:
    """NPRS: lower is better, MIC 2 (Farrar 2001)."""
    assessed(client)
    today = date.today()
    first = _nprs(client, 7, today - timedelta(days=14))
    assert (first["mcid"], first["higher_is_better"], first["interpretation"]) == (
        2,
        False,
        "first",
    )
    assert _nprs(client, 6, today - timedelta(days=7))["interpretation"] == "within"
    last = _nprs(client, 4, today)
    assert last["interpretation"] == "better"
    assert "-2 since the score before" in last["words"]


def test_an_ostrc_answer_that_meets_the_substantial_problem_definition_says_so(
    client: TestClient,
) -> None:
    assessed(client)
    scored = client.post(
        "/api/v1/questionnaires/ostrc_o2", json={"q1": 17, "q2": 13, "q3": 6, "q4": 17}
    ).json()
    assert (scored["score"], scored["mcid"], scored["interpretation"]) == (53, None, "unknown")
    assert [f["id"] for f in scored["flags"]] == ["substantial_problem"]
    page = client.post(
        "/questionnaires/ostrc_o2", data={"q1": "8", "q2": "13", "q3": "0", "q4": "8"}
    )
    assert "Substantial problem" in page.text


def test_the_progress_page_shows_each_trend_with_its_mic_band_and_says_if_it_mattered(
    client: TestClient,
) -> None:
    assessed(client)
    today = date.today()
    _nprs(client, 7, today - timedelta(days=7))
    _nprs(client, 4, today)
    kujala = {v["questionnaire"]: v for v in VECTORS}["kujala"]["answers"]
    client.post("/api/v1/questionnaires/kujala", json=kujala)
    [kujala_trend, nprs_trend] = client.get("/api/v1/progress").json()["trends"]
    assert nprs_trend["band"] == [5, 9]  # the score before (7) +/- the MIC (2)
    assert (nprs_trend["interpretation"], nprs_trend["change"]) == ("better", -3)
    assert (kujala_trend["interpretation"], kujala_trend["mcid"]) == ("first", 10)
    page = unescape(client.get("/progress").text)
    assert 'id="score-chart-nprs"' in page
    assert 'id="score-chart-kujala"' in page
    assert "Meaningful improvement" in page
    assert nprs_trend["words"] in page
    assert "better by at least the minimal important change" in nprs_trend["words"]


def test_the_coach_sees_the_runners_own_psfs_activities_with_their_ratings(app: FastAPI) -> None:
    coach, runner = _linked(app)
    runner_id = coach.get("/api/v1/coach/roster").json()[0]["runner_id"]
    psfs = {f"activity_{i}": {"activity": f"Hill {i}", "rating": i} for i in (1, 2, 3)}
    assert runner.post("/api/v1/questionnaires/psfs", json=psfs).status_code == 201
    page = unescape(coach.get(f"/coach/runners/{runner_id}").text)
    assert 'activity_1="Hill 1" 1' in page
    assert 'id="score-chart-psfs"' in page
