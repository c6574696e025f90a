"""The Progress page in a real browser at phone size: its charts are drawn, a flare-up is marked
on them, drawing again (an htmx swap, the phone switching to dark mode) replaces each chart
in place, and nothing is written to the console as an error."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.conftest import shot, sign_up
from tests.conftest import raw_answers

TODAY = date.today()
CHARTS = ("pain-chart", "running-chart", "strength-chart")


def _log(page: Page, server: str, entries: list[dict[str, Any]]) -> None:
    for entry in entries:
        done = page.request.post("/api/v1/entries", data=entry, headers={"Origin": server})
        assert done.status == 201, done.text()


def _two_weeks_with_a_flare(page: Page, server: str) -> date:
    """An assessment two weeks ago, a bridge and a morning check most days, two runs, and one
    morning well above the usual (a flare-up): the day of the flare-up."""
    start = TODAY - timedelta(days=14)
    answers = raw_answers(weekly_km_now=20, longest_run_30d_km=8, pain_rest=1)
    made = page.request.post(
        f"/api/v1/assessments?on={start}", data={"answers": answers}, headers={"Origin": server}
    )
    assert made.status == 201, made.text()
    flare = start + timedelta(days=9)
    entries: list[dict[str, Any]] = []
    for n in range(14):
        day = str(start + timedelta(days=n))
        pain = 5 if day == str(flare) else 2
        entries.append({"type": "checkin", "date": day, "monitoring_pain": pain})
        if n % 2 == 0:
            bridge = {"exercise": "single_leg_bridge", "sets": 2, "reps": 8, "pain": 2}
            entries.append({"type": "exercise", "date": day, **bridge})
        elif n in (3, 11):
            run = {"minutes": 30, "distance_km": 5, "pain_during": 1, "pain_after": 1}
            entries.append({"type": "run", "date": day, **run})
    _log(page, server, entries)
    return flare


def _drawn(page: Page, canvas: str) -> Any:
    return page.evaluate(
        """(id) => {
             const chart = Chart.getChart(document.getElementById(id));
             return chart && {
               labels: chart.data.datasets.map((d) => d.label),
               axes: Object.keys(chart.scales),
               colour: chart.data.datasets[0].borderColor,
             };
           }""",
        canvas,
    )


def test_the_progress_charts_draw_at_phone_size_with_no_console_errors(
    page: Page, server: str
) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.emulate_media(color_scheme="light", reduced_motion="reduce")
    sign_up(page, f"charts-{uuid.uuid4().hex[:8]}@example.com")
    flare = _two_weeks_with_a_flare(page, server)

    page.goto("/progress")
    expect(page.get_by_role("heading", name="This week")).to_be_visible()
    page.wait_for_function(
        "(ids) => window.Chart && ids.every((id) => Chart.getChart(document.getElementById(id)))",
        arg=list(CHARTS),
    )
    pain, running, strength = (_drawn(page, canvas) for canvas in CHARTS)
    assert "Flare-up" in pain["labels"]
    assert "Pain limit: up to 3/10" in pain["labels"]
    assert {"km", "minutes"} <= set(running["axes"])  # each unit on its own axis
    assert "Sets × reps" in strength["labels"]
    marks = page.evaluate(
        """() => Chart.getChart(document.getElementById('pain-chart')).data.datasets
                 .filter((d) => d.label === 'Flare-up').flatMap((d) => d.data)"""
    )
    flare_day = (flare - date(1970, 1, 1)).days  # the time axis counts days since 1970
    assert [m["x"] for m in marks] == [flare_day]
    assert marks[0]["note"].startswith("Flare-up: ")
    expect(page.locator("ol.events")).to_contain_text("Flare-up")
    shot(page, "progress-charts-phone")

    # an htmx swap draws only new canvases; the phone turning dark redraws each in its colours
    page.evaluate(
        "() => document.body.dispatchEvent(new Event('htmx:afterSettle', {bubbles: true}))"
    )
    light = pain["colour"]
    page.emulate_media(color_scheme="dark")
    page.wait_for_function(
        "(light) => Chart.getChart(document.getElementById('pain-chart'))"
        ".data.datasets[0].borderColor !== light",
        arg=light,
    )
    assert all(_drawn(page, canvas) for canvas in CHARTS)
    shot(page, "progress-charts-phone-dark")
    assert errors == []
