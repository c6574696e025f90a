"""The coach's runner file at laptop size: the summary and the message thread side by side on
the first screen, and no console error through the thread's 20-second refresh."""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import Browser, ConsoleMessage, expect

from tests.browser.conftest import join_coach, new_coach, runner_by_api


def test_a_runner_file_fits_a_laptop_and_refreshes_without_a_console_error(
    browser: Browser, server: str
) -> None:
    coach, code = new_coach(browser, server, "Dr Lee")
    runner_ctx = browser.new_context(base_url=server)
    runner_by_api(runner_ctx)
    long_ago = (date.today() - timedelta(days=60)).isoformat()
    entry = {"type": "checkin", "date": long_ago, "monitoring_pain": 1}
    assert runner_ctx.request.post("/api/v1/entries", data=entry).ok
    join_coach(runner_ctx.new_page(), code)
    runner_ctx.close()
    errors: list[str] = []
    coach.on("console", lambda m: _keep_error(m, errors))
    coach.on("pageerror", lambda e: errors.append(str(e)))
    coach.set_viewport_size({"width": 1440, "height": 900})
    coach.goto("/coach")
    coach.locator("tbody tr a").first.click()
    expect(coach).to_have_url(re.compile(r"/coach/runners/\w+"))
    summary, thread = coach.locator(".file-summary").bounding_box(), coach.locator("#thread")
    box = thread.bounding_box()
    assert summary
    assert box
    assert box["x"] > summary["x"] + summary["width"] - 1  # side by side
    assert box["y"] < 900  # the thread is on the first screen
    assert coach.locator("#pain-chart").bounding_box()["y"] < 900  # type: ignore[index]
    with coach.expect_response(re.compile(r"/thread$"), timeout=30_000):
        pass  # the 20-second refresh
    coach.wait_for_timeout(5_000)  # 25 s in all
    file_url = coach.url
    coach.get_by_role("link", name="Earlier").click()  # htmx adds the page before in place
    expect(coach.locator(f'.timeline-day time[datetime="{long_ago}"]')).to_have_count(1)
    assert coach.url == file_url
    assert errors == []
    coach.context.close()


def _keep_error(message: ConsoleMessage, errors: list[str]) -> None:
    if message.type == "error":
        errors.append(message.text)
