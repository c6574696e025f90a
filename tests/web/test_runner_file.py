"""The coach's runner file: a timeline by day in words, paged back 30 days at a time; an
override form that shows the chosen change's fields; every action confirmed."""

from __future__ import annotations

import re
from datetime import date, timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.test_coaching import _linked


def _file(app: FastAPI) -> tuple[TestClient, TestClient, str]:
    coach, runner = _linked(app)
    return coach, runner, coach.get("/api/v1/coach/roster").json()[0]["runner_id"]


def _bridge(runner: TestClient, on: date) -> None:
    entry = {"type": "exercise", "date": on.isoformat(), "exercise": "single_leg_bridge"}
    sent = runner.post("/api/v1/entries", json=entry | {"sets": 1, "reps": 6, "pain": 1})
    assert sent.status_code in (200, 201), sent.text


def _timeline(html: str) -> str:
    return html[html.index('id="timeline"') :]


def test_the_timeline_names_exercises_and_groups_them_under_days_in_words(app: FastAPI) -> None:
    coach, runner, runner_id = _file(app)
    today = date.today()
    _bridge(runner, today - timedelta(days=1))
    timeline = _timeline(coach.get(f"/coach/runners/{runner_id}").text)
    assert "Single-leg bridge: 1 × 6 reps, pain 1/10" in timeline
    assert "single_leg_bridge" not in timeline
    days = re.findall(r'<h3 class="timeline-day"><time datetime="([\d-]+)" data-day>', timeline)
    assert (today - timedelta(days=1)).isoformat() in days
    assert days == sorted(set(days), reverse=True)  # one heading a day, the latest first


def test_the_timeline_shows_30_days_and_earlier_pages_back_with_or_without_htmx(
    app: FastAPI,
) -> None:
    coach, runner, runner_id = _file(app)
    today = date.today()
    _bridge(runner, today - timedelta(days=60))
    page = _timeline(coach.get(f"/coach/runners/{runner_id}").text)
    assert (today - timedelta(days=60)).isoformat() not in page
    [href] = re.findall(r'<a class="button secondary" href="([^"]+)#timeline"', page)
    assert re.search(r'hx-get="[^"]+\?before=[\d-]+" hx-select="\.timeline-page"', page)
    earlier = _timeline(coach.get(href).text)
    assert f'datetime="{(today - timedelta(days=60)).isoformat()}"' in earlier
    assert "Earlier</a>" not in earlier  # the first page of all


def test_the_override_form_groups_each_changes_fields_in_its_own_fieldset(app: FastAPI) -> None:
    coach, _, runner_id = _file(app)
    html = coach.get(f"/coach/runners/{runner_id}").text
    form = html[html.index("data-override-form") : html.index("Change the plan</button>")]
    sets = dict(re.findall(r'<fieldset data-kind="([^"]+)">(.*?)</fieldset>', form, re.S))
    assert set(sets) == {"dose", "swap", "stage", "pause_running resume_running"}
    assert 'name="step"' in sets["dose"]
    assert 'name="step"' not in sets["swap"]
    assert 'name="from"' in sets["swap"]
    assert 'name="to"' in sets["swap"]
    assert 'name="stage"' in sets["stage"]
    assert '<script src="/static/override-form.js" defer>' in html  # hides the others


def test_a_swap_from_the_form_uses_its_own_fields(app: FastAPI) -> None:
    coach, runner, runner_id = _file(app)
    form = {"kind": "swap", "exercise": "glute_bridge", "step": "", "stage": ""}
    form |= {"from": "single_leg_bridge", "to": "glute_bridge", "reason": "buttock pain"}
    assert coach.post(f"/coach/runners/{runner_id}/overrides", data=form).status_code == 200
    exercises = {
        i["exercise"] for s in runner.get("/api/v1/plan").json()["sessions"] for i in s["items"]
    }
    assert "single_leg_bridge" not in exercises


def _status(html: str) -> str:
    [said] = re.findall(r'<p class="panel done" role="status">([^<]+)</p>', html)
    return said


def test_every_action_confirms_what_changed_and_when_it_applies(app: FastAPI) -> None:
    coach, _, runner_id = _file(app)
    file = f"/coach/runners/{runner_id}"
    note = coach.post(f"{file}/notes", data={"body": "steady"})
    assert "Note saved" in _status(note.text)
    change = coach.post(
        f"{file}/overrides", data={"kind": "stage", "stage": "2", "reason": "consolidate"}
    )
    assert "Plan changed" in _status(change.text)
    assert "from today" in _status(change.text)
    assert "Plan changed: stage set to 2 and held there." in _status(change.text)
    assigned = coach.post(
        f"{file}/questionnaires", data={"questionnaire": "ostrc_o2", "every_days": "14"}
    )
    assert "Questionnaire assigned" in _status(assigned.text)
    assert 'role="status"' not in coach.get(f"{file}?done=<script>").text  # nothing echoed
