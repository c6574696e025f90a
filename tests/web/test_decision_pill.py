"""The decision pill is styled as a pill, never as the progress bar, and a PROGRESS shown on the
page never names a dose below the one just logged."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from tests.web.conftest import assessed

CSS = Path(__file__).parents[2] / "src/runrehab/web/static/app.css"
HX = {"HX-Request": "true"}


def _log(client: TestClient, sets: int, reps: int, entry: str) -> str:
    form = {"exercise": "single_leg_bridge", "sets": sets, "reps": reps, "load_kg": 0, "pain": 1}
    logged = client.post("/log/exercise", data={**form, "id": entry}, headers=HX)
    assert logged.status_code == 200, logged.text
    return logged.text


def test_a_progress_decision_wears_the_pill_class_not_the_progress_bars(client: TestClient) -> None:
    assessed(client)
    shown = _log(client, 1, 6, "pill-1")
    assert 'class="decision decision-progress"' in shown
    assert not re.search(r'class="[^"]*\bprogress\b[^"]*"', shown.replace("decision-progress", ""))


def test_the_stylesheet_keeps_the_bar_and_the_pill_apart() -> None:
    css = CSS.read_text()
    assert ".decision-progress {" in css
    assert ".decision.progress" not in css
    assert re.search(r"^\.progress \{", css, re.MULTILINE)


def test_more_than_planned_shows_a_next_dose_at_least_as_big(client: TestClient) -> None:
    assessed(client)
    shown = _log(client, 3, 10, "more-1")  # planned 1 x 6: the next dose is 3 x 10, not 1 x 8
    assert 'class="decision decision-progress"' in shown
    assert "Single-leg bridge: 3 x 10 reps" in shown
