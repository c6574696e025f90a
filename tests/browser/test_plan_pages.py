"""The plan pages in Chromium on the narrowest phone (320 px): nothing scrolls sideways, a day of
the week strip opens its session, the month calendar moves on in place (htmx), and the calendar
address is copied with one tap."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PHONE, runner_by_api, shot

NARROW = {"width": 320, "height": 640}


@pytest.fixture
def narrow(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(
        viewport=NARROW, base_url=server, permissions=["clipboard-read", "clipboard-write"]
    )
    runner_by_api(context)
    yield context.new_page()
    context.close()


def _fits(page: Page) -> None:
    width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width[0] <= width[1], f"{page.url} scrolls sideways: {width}"


def test_nothing_on_the_plan_pages_scrolls_sideways_at_320_px(narrow: Page) -> None:
    page = narrow
    page.goto("/plan")
    _fits(page)
    sessions = page.request.get("/api/v1/plan").json()["sessions"]
    days = {s["kind"]: s["date"] for s in reversed(sessions)}  # the first day of each kind
    for day in (str(date.today()), days["run"], days["strength"], days["rest"]):
        page.goto(f"/plan/day/{day}")
        _fits(page)
    page.goto("/calendar")
    page.click("main button[type=submit]")
    expect(page.locator("#feed-url")).to_be_visible()
    _fits(page)
    page.click("button[data-copy]")
    expect(page.locator("#feed-url-status")).to_have_text(re.compile("Copied"))
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.input_value("#feed-url")


def test_a_day_of_the_week_opens_its_session_and_the_month_moves_on_in_place(
    narrow: Page,
) -> None:
    page = narrow
    page.set_viewport_size(PHONE)
    page.goto("/plan")
    tomorrow = date.today() + timedelta(days=1)
    if tomorrow.weekday() != 0:  # tomorrow is in this week's strip
        page.click(f".week-strip a[href='/plan/day/{tomorrow}']")
        expect(page).to_have_url(re.compile(f"/plan/day/{tomorrow}$"))
        expect(page.locator("h1 time")).to_have_attribute("datetime", str(tomorrow))
        page.go_back()
    page.click(".week-strip a[aria-current=date]")
    expect(page.get_by_role("link", name="Log it on Today")).to_be_visible()
    shot(page, "plan-day")
    page.goto("/plan")
    shot(page, "plan")
    heading = page.locator("#month-h").inner_text()
    page.click("#month a[aria-label='Next month']")
    expect(page.locator("#month-h")).not_to_have_text(heading)
    expect(page).to_have_url(re.compile(r"/plan\?month=[0-9]{4}-[0-9]{2}$"))
    page.click("#month a[aria-label='Previous month']")
    expect(page.locator("#month-h")).to_have_text(heading)
    page.locator("#month a.mday").last.click()
    expect(page).to_have_url(re.compile(r"/plan/day/[0-9-]{10}$"))
