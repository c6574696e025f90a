"""/progress and /api/v1/progress: this week in numbers and words at the top, and the plan's
history (flare-ups, new stages, the coach's changes) marked on the charts' time axis, each on the
day it happened, the same in the page, its JSON twin and the coach's view of the runner."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from runrehab.render.dates import day_words
from runrehab.schemas.answers import parse_answers
from runrehab.services.demo import BANDS, PHT, six_weeks
from runrehab.services.episodes import RunnerId, start_episode
from runrehab.services.progress import log_entry
from tests.conftest import raw_answers
from tests.web.conftest import sign_up, words
from tests.web.test_coaching import _coach

TODAY = date.today()
MONDAY = TODAY - timedelta(days=TODAY.weekday())
START = TODAY - timedelta(weeks=6)  # the demo's six weeks: a flare-up on day 17, stage 3 on 30
OVERRIDE_ON = START + timedelta(days=35)


def _six_weeks_with_a_coach(app: FastAPI) -> tuple[TestClient, TestClient, str]:
    """The demo runner's six weeks of log, and a coach who set a dose on `OVERRIDE_ON`."""
    coach, runner = TestClient(app), TestClient(app)
    _coach(coach)
    sign_up(runner, "ana@example.com")
    state = app.state.runrehab
    with state.uow() as uow:
        user = uow.accounts.user_by_email("ana@example.com")
        assert user is not None
    episode = start_episode(
        RunnerId(user.runner_id),
        parse_answers(PHT, "demo"),
        BANDS,
        START,
        state.kb,
        state.uow(),
        state.clock,
    ).episode_id
    for entry in six_weeks(START):
        log_entry(episode, entry, state.kb, state.uow(), state.clock)
    code = coach.post("/api/v1/coach/invites").json()["code"]
    assert runner.post("/api/v1/coaching/accept", json={"code": code}).status_code == 201
    change = {
        "kind": "dose",
        "values": {"exercise": "single_leg_bridge", "step": 3},
        "reason": "a lighter week before the race",
        "on": OVERRIDE_ON.isoformat(),
    }
    made = coach.post(f"/api/v1/coach/runners/{user.runner_id}/overrides", json=change)
    assert made.status_code == 201, made.text
    return coach, runner, user.runner_id


def _marked(progress: dict[str, Any]) -> list[tuple[str, str]]:
    return [(e["kind"], e["date"]) for e in progress["events"]]


def test_a_flare_a_new_stage_and_the_coachs_change_are_marked_on_their_days(app: FastAPI) -> None:
    coach, runner, runner_id = _six_weeks_with_a_coach(app)
    progress = runner.get("/api/v1/progress").json()
    assert _marked(progress) == [
        ("plan", START.isoformat()),
        ("flare", (START + timedelta(days=17)).isoformat()),
        ("stage", (START + timedelta(days=30)).isoformat()),
        ("override", OVERRIDE_ON.isoformat()),
    ]
    flare, stage, override = progress["events"][1:]
    assert flare["label"].startswith("Flare-up: This morning's check (4/10) is higher")
    assert stage["label"].startswith("Moved on to Stage 3")
    assert override["label"] == (
        "Sam Coach changed the plan: Single-leg bridge set to 2 x 8, "
        "because a lighter week before the race"
    )
    assert progress["chart_words"]["events"] == (
        "Marked on the charts: 1 flare-up, 1 plan change, 1 new stage, 1 coach's change."
    )
    file = coach.get(f"/api/v1/coach/runners/{runner_id}").json()
    assert file["progress"]["events"] == progress["events"]  # the coach sees the same marks


def test_the_page_lists_what_happened_with_days_in_words_and_a_table_under_each_chart(
    app: FastAPI,
) -> None:
    _, runner, _ = _six_weeks_with_a_coach(app)
    page = runner.get("/progress")
    assert page.status_code == 200
    html = unescape(page.text)
    for canvas in ("pain-chart", "running-chart", "strength-chart"):
        assert f'id="{canvas}"' in html
        words = canvas.replace("chart", "words")
        assert f'aria-describedby="{words}"' in html  # the chart's sentence, for a screen reader
        assert f'id="{words}"' in html
    assert html.count("<details><summary>The numbers") == 3
    flare_day = (START + timedelta(days=17)).isoformat()
    assert f'Flare-up</span> <time datetime="{flare_day}" data-day>' in html
    assert "Sam Coach changed the plan: Single-leg bridge set to 2 x 8" in html
    assert '<script src="/static/charts.js" defer></script>' in html
    visible = re.sub(r"<script.*?</script>|<[^>]+>", " ", html, flags=re.DOTALL)
    assert not re.findall(r"\d{4}-\d\d-\d\d", visible), "a runner reads days in words"


def test_this_week_counts_sessions_km_and_minutes_and_reads_the_morning_pain_trend(
    client: TestClient,
) -> None:
    sign_up(client)
    answers = raw_answers(weekly_km_now=20, longest_run_30d_km=8, pain_rest=1)
    on = MONDAY - timedelta(days=14)
    assert client.post(f"/api/v1/assessments?on={on}", json={"answers": answers}).status_code == 201
    entries = [
        {"type": "checkin", "date": str(MONDAY - timedelta(days=7)), "monitoring_pain": 3},
        {"type": "checkin", "date": str(MONDAY - timedelta(days=6)), "monitoring_pain": 3},
        {
            "type": "run",
            "date": str(MONDAY - timedelta(days=5)),
            "minutes": 25,
            "distance_km": 4,
            "pain_during": 1,
            "pain_after": 1,
        },
        {"type": "checkin", "date": str(TODAY), "monitoring_pain": 1},
        {
            "type": "run",
            "date": str(TODAY),
            "minutes": 30,
            "distance_km": 5.5,
            "pain_during": 1,
            "pain_after": 1,
        },
        {
            "type": "exercise",
            "date": str(TODAY),
            "exercise": "single_leg_bridge",
            "sets": 2,
            "reps": 8,
            "pain": 2,
        },
    ]
    for entry in entries:
        assert client.post("/api/v1/entries", json=entry).status_code == 201
    week = client.get("/api/v1/progress").json()["week"]
    planned = client.get(f"/api/v1/plan?on={MONDAY}&weeks=1").json()["sessions"]
    assert week["sessions_planned"] == sum(1 for s in planned if s["kind"] in ("run", "strength"))
    assert (week["start"], week["sessions_done"], week["strength_sessions"]) == (str(MONDAY), 2, 1)
    assert (week["runs"], week["run_km"], week["run_minutes"]) == (1, 5.5, 30)
    assert week["pain"] | {"words": ""} == {
        "this_week": 1,
        "last_week": 3,
        "trend": "better",
        "words": "",
    }
    assert week["pain"]["words"] == (
        "Morning pain is better: 1/10 on average this week, 3/10 last week."
    )
    page = unescape(client.get("/progress").text)
    assert "<b>2<small> of " in page  # sessions done, of those planned
    assert "5.5 km run in 30 min" in words(page)
    assert '<div class="stat trend-better"><b>Better</b><span>morning pain 1 vs 3</span>' in page
    assert f'from <time datetime="{MONDAY}" data-day>{day_words(MONDAY)}</time>' in page
