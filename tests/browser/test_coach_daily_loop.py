"""A coach's daily loop on a slow network, in Chromium at laptop size: a double click on a note,
a message or a plan change saves it once, and the page says what was saved."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.browser.conftest import join_coach, new_coach, runner_by_api


def _slowly(page: Page, pattern: str) -> list[str]:
    """Every POST to `pattern` waits a second and a half, as on a train; returns what was sent."""
    sent: list[str] = []

    def slow(route: Route) -> None:
        if route.request.method == "POST":
            sent.append(route.request.url)
            page.wait_for_timeout(1500)
        route.continue_()

    page.route(pattern, slow)
    return sent


@pytest.fixture
def coach_with_runner(browser: Browser, server: str) -> Iterator[Page]:
    """A coach on the file of a runner who joined them (a runner without red flags)."""
    coach, code = new_coach(browser, server, "Dr Lee")
    runner_ctx = browser.new_context(base_url=server)
    runner_by_api(runner_ctx)
    join_coach(runner_ctx.new_page(), code)
    runner_ctx.close()
    coach.goto("/coach")
    coach.locator("tbody tr a").first.click()
    expect(coach).to_have_url(re.compile(r"/coach/runners/\w+"))
    yield coach
    coach.context.close()


def test_a_double_click_on_save_note_saves_one_note(coach_with_runner: Page) -> None:
    coach = coach_with_runner
    sent = _slowly(coach, "**/notes")
    coach.fill("#note", "Hamstring sore after hills: keep it flat this week")
    coach.get_by_role("button", name="Save note").dblclick()
    notes = coach.locator(".notes li", has_text="Hamstring sore after hills")
    expect(notes).to_have_count(1, timeout=10_000)
    coach.reload()
    expect(notes).to_have_count(1)
    assert len(sent) == 1


def test_a_double_click_on_send_sends_one_message(coach_with_runner: Page) -> None:
    coach = coach_with_runner
    sent = _slowly(coach, "**/messages")
    coach.fill("#body", "Nice work this week, keep the runs easy.")
    coach.locator("form[action$='/messages'] button[type=submit]").dblclick()
    expect(coach.locator("#thread")).to_contain_text("Nice work this week", timeout=10_000)
    coach.reload()
    expect(coach.locator("#thread").get_by_text("Nice work this week")).to_have_count(1)
    assert len(sent) == 1


def test_a_double_click_on_change_the_plan_makes_one_change(coach_with_runner: Page) -> None:
    coach = coach_with_runner
    sent = _slowly(coach, "**/overrides")
    coach.select_option("#kind", "pause_running")
    coach.fill("#reason", "Easing off for a week of exams")
    coach.get_by_role("button", name="Change the plan").dblclick()
    expect(coach.locator(".changes")).to_contain_text("Easing off", timeout=10_000)
    expect(coach.locator(".changes li", has_text="Easing off")).to_have_count(1)
    assert len(sent) == 1
