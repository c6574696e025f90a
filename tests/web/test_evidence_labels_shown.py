"""No rule reaches a runner or a coach without its evidence label: every page, fragment and JSON
answer that shows rules, for the seeded demo (a runner six weeks in with a flare-up and the
engine's decisions, a new runner, a coach's 30 runners across conditions and stages, one with
a red flag) and for a runner re-assessed through every clinical vignette (every verdict, red
flags, advisories, paused running with its return-to-run gate)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi import FastAPI
from fastapi.testclient import TestClient

from runrehab.domain.knowledge import KnowledgeBase
from runrehab.services.demo import DEMO_LOGINS, seed_demo
from tests.conftest import raw_answers
from tests.evidence_guard import assert_html_labelled, assert_json_labelled
from tests.web.conftest import sign_up

VIGNETTES = Path(__file__).parents[1] / "data" / "vignettes"
RUNNER_PAGES = ("/today", "/plan", "/assess/result", "/progress", "/activities")
RUNNER_API = ("/api/v1/today", "/api/v1/plan", "/api/v1/history", "/api/v1/me/export")


def _vignettes() -> list[dict[str, Any]]:
    return [v for f in sorted(VIGNETTES.glob("*.yaml")) for v in yaml.safe_load(f.read_text())]


def _login(app: FastAPI, n: int) -> TestClient:
    client = TestClient(app)
    email, password = DEMO_LOGINS[n]
    assert client.post("/api/v1/session", json={"email": email, "password": password}).is_success
    return client


def _runner_pages(client: TestClient, kb: KnowledgeBase, who: str) -> int:
    shown = 0
    for path in RUNNER_PAGES:
        response = client.get(path)
        if response.status_code == 404:  # e.g. a referral has no plan to show
            continue
        assert response.status_code == 200, (who, path, response.status_code)
        shown += assert_html_labelled(response.text, kb, f"{who} {path}")
    for path in RUNNER_API:
        response = client.get(path)
        if response.status_code == 404:
            continue
        assert response.status_code == 200, (who, path, response.status_code)
        shown += assert_json_labelled(response.json(), f"{who} {path}")
    return shown


def test_the_demo_shows_every_rule_with_its_label(app: FastAPI) -> None:
    state = app.state.runrehab
    seed_demo(date.today(), state.kb, state.hasher, state.uow(), state.clock)
    runner = _login(app, 0)
    shown = _runner_pages(runner, state.kb, "demo runner") + _runner_pages(
        _login(app, 1), state.kb, "new runner"
    )
    for entry in runner.get("/api/v1/history").json()["entries"][-12:]:  # decisions read back
        page = runner.get(f"/today?entry={entry['id']}")
        shown += assert_html_labelled(page.text, state.kb, f"today after {entry['id']}")
    coach = _login(app, 2)
    roster = coach.get("/api/v1/coach/roster").json()
    for row in roster:
        runner_id = row["runner_id"]
        page = coach.get(f"/coach/runners/{runner_id}")
        assert page.status_code == 200
        shown += assert_html_labelled(page.text, state.kb, f"coach file {runner_id}")
        data = coach.get(f"/api/v1/coach/runners/{runner_id}").json()
        shown += assert_json_labelled(data, f"coach API {runner_id}")
    assert len(roster) == 30
    assert shown > 500  # the check saw rules, not empty pages


def test_a_logged_entry_answers_with_labelled_reasons(app: FastAPI) -> None:
    client = TestClient(app)
    sign_up(client)
    answers = raw_answers(weekly_km_now=20, longest_run_30d_km=8, pain_rest=1, pain_during_run=2)
    assert client.post("/api/v1/assessments", json={"answers": answers}).status_code == 201
    form = {"exercise": "single_leg_bridge", "sets": "1", "reps": "6", "pain": "2", "id": "e-1"}
    fragment = client.post("/log/exercise", data=form, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert assert_html_labelled(fragment.text, app.state.runrehab.kb, "logged fragment") > 0
    run = {"type": "run", "date": date.today().isoformat(), "minutes": 30, "pain_during": 6}
    logged = client.post("/api/v1/entries", json=run | {"pain_after": 6, "id": "r-1"})
    assert logged.status_code == 201, logged.text
    assert assert_json_labelled(logged.json(), "logged run") > 0


@pytest.mark.parametrize("group", sorted(p.stem for p in VIGNETTES.glob("*.yaml")))
def test_every_vignette_shows_its_rules_with_their_labels(app: FastAPI, group: str) -> None:
    kb = app.state.runrehab.kb
    client = TestClient(app)
    sign_up(client, f"{group}@example.com")
    shown = 0
    for vignette in yaml.safe_load((VIGNETTES / f"{group}.yaml").read_text()):
        answers = raw_answers(**vignette["answers"])
        response = client.post("/api/v1/assessments", json={"answers": answers})
        assert response.status_code == 201, (vignette["name"], response.text)
        shown += assert_json_labelled(response.json(), vignette["name"])
        for path in ("/assess/result", "/today", "/plan"):
            page = client.get(path)
            assert page.status_code == 200, (vignette["name"], path)
            shown += assert_html_labelled(page.text, kb, f"{vignette['name']} {path}")
        for path in ("/api/v1/today", "/api/v1/plan"):
            shown += assert_json_labelled(client.get(path).json(), f"{vignette['name']} {path}")
    assert shown > 0
