"""The whole journey as a new runner makes it, in a real browser at phone size."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from tests.browser.conftest import answer_wizard, mailed_link, shot, sign_up


def _signed_up_by_link(page: Page, email: str) -> None:
    """The sign-up form, "check your e-mail", the e-mailed link's page and its one button."""
    page.goto("/signup")
    shot(page, "signup")
    page.fill("#email", email)
    page.click("main button[type=submit]")
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    shot(page, "signup-check-your-email")
    page.goto(mailed_link(email))  # opening the link creates nothing: the password and button do
    expect(page.get_by_role("button", name="Create my account")).to_be_visible()
    shot(page, "signup-confirm")
    page.fill("#password", "a long enough password")
    page.click("main button[type=submit]")


def test_a_new_runner_from_sign_up_to_the_adapted_plan(page: Page, server: str) -> None:
    _signed_up_by_link(page, f"runner-{uuid.uuid4().hex[:8]}@example.com")
    expect(page).to_have_url(re.compile(r"/assess/1$"))
    shot(page, "assessment-step-1")

    basics = {"region": "buttock_sit_bone", "onset": "gradual", "days_since_onset": "60"}
    answer_wizard(page, alarming={"saddle_numbness"}, extra=basics)
    expect(page.locator(".redflag")).to_be_visible()
    expect(page.locator("#verdict")).to_have_text("Get medical care today")
    shot(page, "result-red-flag")
    page.goto("/plan")
    expect(page.get_by_text("No running and no exercises", exact=False).first).to_be_visible()

    page.goto("/assess")
    answer_wizard(
        page,
        alarming=set(),
        extra=basics
        | {
            "pain_rest": "1",
            "pain_during_run": "2",
            "baseline_morning_pain": "2",
            "weekly_km_now": "20",
            "longest_run_30d_km": "8",
        },
    )
    expect(page.locator("#verdict")).to_have_text("Run, with changes")
    shot(page, "result-run-modified")
    page.click("text=See today's session")
    expect(page).to_have_url(re.compile(r"/today"))
    shot(page, "today")

    page.goto("/log")
    page.select_option("#exercise", index=0)
    page.fill("#sets", "1")
    page.fill("#reps", "20")
    page.click("form[action='/log/exercise'] button[type=submit]")
    expect(page.locator("#decision .decision")).to_have_text(re.compile("progress|hold"))
    expect(page.locator("#decision")).to_contain_text("Next time")
    shot(page, "logged")

    page.goto("/progress")
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.getElementById('pain-chart'))"
    )
    points = page.evaluate(
        "() => Chart.getChart(document.getElementById('pain-chart')).data.datasets[0].data"
        ".map((point) => point.y)"
    )
    assert 0 in points
    shot(page, "progress")

    page.goto("/calendar")
    page.click("main button[type=submit]")
    feed = re.search(r"(http://\S+\.ics)", page.content())
    assert feed is not None
    response = page.request.get(feed.group(1))
    assert response.ok
    assert "BEGIN:VCALENDAR" in response.text()
    shot(page, "calendar")

    for name in ("plan", "exercises", "exercises/single_leg_bridge", "pace", "data"):
        page.goto(f"/{name}")
        shot(page, name.replace("/", "-"))

    page.goto("/more")
    page.locator("main").get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/$"))
    page.goto("/today")
    expect(page).to_have_url(re.compile(r"/login"))


def test_the_assessment_works_without_javascript(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(
        java_script_enabled=False, base_url=server, viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    sign_up(page, f"nojs-{uuid.uuid4().hex[:8]}@example.com")
    answer_wizard(
        page,
        alarming=set(),
        extra={
            "region": "back_of_thigh",
            "onset": "sudden",
            "days_since_onset": "5",
            "mechanism": "sprinting",
        },
    )
    expect(page.locator("#verdict")).to_have_text("Pause running, start the rehab")
    page.goto("/today")  # a session card, posted the ordinary way
    page.locator(".exercise-card").first.get_by_role("button", name="Log as prescribed").click()
    expect(page).to_have_url(re.compile(r"/today\?entry="))
    expect(page.locator("#decision")).to_be_visible()
    page.goto("/log")
    page.fill("#sets", "1")
    page.fill("#reps", "10")
    page.click("form[action='/log/exercise'] button[type=submit]")
    expect(page.locator("#decision")).to_be_visible()
    context.close()
