"""A runner fills the PSFS in Chromium at phone size: names three activities and rates them, finds
the same activities offered again the next time, and sees the trend drawn with its minimal
important change (MIC) band and the last change read in words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import PHONE, runner_by_api, shot

ACTIVITIES = ("Running downhill", "Stairs down", "Squatting to lift")


@pytest.fixture
def context(browser: Browser, server: str) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=PHONE, base_url=server)
    runner_by_api(context)
    yield context
    context.close()


def _fill_psfs(page: Page, ratings: tuple[int, int, int], names: bool) -> None:
    page.goto("/questionnaires/psfs")
    for i, (activity, rating) in enumerate(zip(ACTIVITIES, ratings, strict=True), 1):
        if names:
            page.fill(f"#activity_{i}_activity", activity)
        page.select_option(f"#activity_{i}", str(rating))
    page.click("form.questionnaire button[type=submit]")
    expect(page.locator("h1")).to_have_text("Saved")


def test_the_psfs_is_rated_again_on_the_runners_own_activities_with_its_mic_marked(
    context: BrowserContext,
) -> None:
    page = context.new_page()
    _fill_psfs(page, (2, 3, 4), names=True)
    page.goto("/questionnaires/psfs")
    for i, activity in enumerate(ACTIVITIES, 1):
        expect(page.locator(f"#activity_{i}_activity")).to_have_value(activity)
    expect(page.locator("#activity_4_activity")).to_have_value("")
    shot(page, "psfs-prefilled-phone")
    _fill_psfs(page, (5, 6, 7), names=False)  # the names are kept: only the ratings change
    expect(page.get_by_text("better by at least the minimal important change")).to_be_visible()
    page.goto("/progress")
    expect(page.get_by_text("Meaningful improvement")).to_be_visible()
    band = page.evaluate(
        """() => Chart.getChart(document.getElementById('score-chart-psfs'))
                 .data.datasets.slice(1).map((d) => d.data[0])"""
    )
    assert band == [1, 5]  # the score before (3.0) +/- the PSFS MIC of 2 (Horn 2012)
    shot(page, "psfs-trend-phone")
