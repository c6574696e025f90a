"""Days and numbers in the reader's own locale: the server writes "Tue 8 Dec" and "5.1", a
browser in French shows "mar. 8 déc." and "5,1"."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, expect

from tests.browser.conftest import PHONE, runner_by_api


def test_a_french_browser_reads_days_and_distances_in_french(browser: Browser, server: str) -> None:
    context = browser.new_context(viewport=PHONE, base_url=server, locale="fr-FR")
    runner_by_api(context)
    plan: dict[str, Any] = context.request.get("/api/v1/plan?weeks=1").json()
    run = next(s for s in plan["sessions"] if s["run"] and s["run"]["distance_km"] % 1)
    page = context.new_page()
    page.goto(f"/plan/day/{run['date']}")
    km = f"{run['run']['distance_km']:g}".replace(".", ",")
    expect(page.locator("main data[data-num]").first).to_have_text(km)
    day = page.locator("h1 time[data-day]")
    expect(day).not_to_have_text(day.get_attribute("datetime") or "")
    words = day.inner_text()
    assert any(
        french in words for french in ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")
    ), words
    context.close()
