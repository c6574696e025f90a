"""A new coach's first session, in a real browser at laptop size; then the runner's side."""

from __future__ import annotations

import uuid

from playwright.sync_api import Browser, Page, expect

from runrehab.domain.intake import SCREENING_KEYS
from tests.browser.conftest import join_coach, new_coach, shot, sign_up


def test_a_coach_reviews_a_flagged_runner_notes_it_and_messages(
    browser: Browser, server: str
) -> None:
    coach, code = new_coach(browser, server, "Dr Sam")

    runner_ctx = browser.new_context(base_url=server, viewport={"width": 390, "height": 844})
    runner = runner_ctx.new_page()
    runner_email = f"flagged-{uuid.uuid4().hex[:6]}@example.com"
    sign_up(runner, runner_email)
    runner.request.post(
        "/api/v1/assessments",
        data={
            "answers": {
                "region": "buttock_sit_bone",
                "onset": "gradual",
                "days_since_onset": 60,
                "weekly_km_now": 20,
                "pain_during_run": 2,
                **{k: k == "can_walk_normally" for k in SCREENING_KEYS},
            }
        },
        headers={"Origin": server},
    )
    join_coach(runner, code)
    runner.request.post(
        "/api/v1/entries",
        data={
            "type": "checkin",
            "date": "2026-12-02",
            "monitoring_pain": 5,
            "red_flags": ["numbness_or_tingling"],
        },
        headers={"Origin": server},
    )

    coach.goto("/coach")
    first_row = coach.locator("tbody tr").first
    expect(first_row).to_contain_text(runner_email)
    expect(first_row).to_contain_text("Red flag reported")
    shot(coach, "coach-roster")
    first_row.locator("a").first.click()
    # A red flag: no change that adds load is offered; a note and a message are.
    expect(coach.locator("main")).to_contain_text("Why the plan cannot be changed now")
    coach.fill("#note", "Tingling reported at the check-in: asked to see the GP")
    coach.click("text=Save note")
    coach.fill("#body", "Please see your GP about the tingling before your next run.")
    coach.click("form[action$='/messages'] button[type=submit]")
    expect(coach.locator("#thread")).to_contain_text("Please see your GP")
    shot(coach, "coach-runner")

    _the_runner_sees_the_referral_and_replies(runner, coach)
    coach.context.close()
    runner_ctx.close()


def _the_runner_sees_the_referral_and_replies(runner: Page, coach: Page) -> None:
    runner.goto("/today")
    expect(runner.locator("main")).to_contain_text("After you have been seen")
    expect(runner.locator("main")).not_to_contain_text("changed the plan")
    expect(runner.locator("main")).to_contain_text("1 new message from your coach")
    runner.evaluate("window.notReloaded = true")
    runner.click("text=Message Dr Sam")
    runner.fill("input[name=body]", "Booked for tomorrow.")
    runner.click("form[action$='/messages'] button[type=submit]")
    expect(runner.locator("[id^=today-thread]")).to_contain_text("Booked for tomorrow.")
    expect(runner.locator("[id^=today-thread]")).to_contain_text("Please see your GP")
    assert runner.evaluate("window.notReloaded") is True  # sent by htmx, in place
    shot(runner, "runner-today-message")

    coach.evaluate("window.notReloaded = true")
    coach.dispatch_event("#thread", "refresh")  # what the 20-second poll does
    expect(coach.locator("#thread")).to_contain_text("Booked for tomorrow.")
    assert coach.evaluate("window.notReloaded") is True

    runner.goto("/coaching")
    expect(runner.locator("main")).to_contain_text("Please see your GP")
    shot(runner, "runner-coaching")
    runner.goto("/today")
    expect(runner.locator("main")).not_to_contain_text("new message from your coach")
