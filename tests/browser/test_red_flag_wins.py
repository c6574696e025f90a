"""A coach cannot resume running for a runner whose red flag arrived while the coach's page was
open, and the runner's Today never reads "Get medical care" above "running resumed"."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Browser, expect

from runrehab.domain.intake import SCREENING_KEYS
from tests.browser.conftest import join_coach, new_coach, shot, sign_up


def test_a_coach_cannot_resume_running_after_a_red_flag_and_today_does_not_contradict(
    browser: Browser, server: str
) -> None:
    coach, code = new_coach(browser, server, "Dr Sam")

    runner_ctx = browser.new_context(base_url=server, viewport={"width": 390, "height": 844})
    runner = runner_ctx.new_page()
    email = f"urgent-{uuid.uuid4().hex[:6]}@example.com"
    sign_up(runner, email)
    calm = {k: k == "can_walk_normally" for k in SCREENING_KEYS}
    answers = {
        "region": "buttock_sit_bone",
        "onset": "gradual",
        "days_since_onset": 60,
        "weekly_km_now": 20,
        "pain_during_run": 2,
        **calm,
    }
    headers = {"Origin": server}
    runner.request.post("/api/v1/assessments", data={"answers": answers}, headers=headers)
    join_coach(runner, code)

    coach.goto("/coach")
    coach.locator("tbody tr").first.locator("a").first.click()
    expect(coach.locator("#kind")).to_be_visible()  # on track: the form is offered

    checkin = {"type": "checkin", "date": "2026-12-02", "monitoring_pain": 1}
    runner.request.post(
        "/api/v1/entries", data={**checkin, "red_flags": ["saddle_numbness"]}, headers=headers
    )

    coach.select_option("#kind", "resume_running")  # the page was open before the flag
    coach.fill("#reason", "feels fine now")
    coach.click("text=Change the plan >> nth=-1")
    expect(coach.locator("h1")).to_contain_text("a clinician sees this runner first")
    shot(coach, "coach-resume-refused")
    coach.click("text=Back")
    expect(coach.locator("#red-flags")).to_contain_text("at the check-in")
    expect(coach.locator("main")).to_contain_text("Why the plan cannot be changed now")
    expect(coach.locator("#kind")).to_have_count(0)
    shot(coach, "coach-red-flag-file")
    coach.goto("/coach")
    expect(coach.locator("tbody tr.flagged").first).to_contain_text(email)
    shot(coach, "coach-red-flag-roster")

    runner.goto("/today")
    main = runner.locator("main")
    expect(main).to_contain_text("After you have been seen")
    expect(main).not_to_contain_text("running resumed")
    expect(main).not_to_contain_text("changed the plan")
    expect(runner.locator("form[action='/log/run']")).to_have_count(0)
    shot(runner, "runner-today-red-flag")
    runner.click("a.button:has-text('Retake the assessment')")
    expect(runner).to_have_url(re.compile(r"/assess/1$"))
    coach.context.close()
    runner_ctx.close()
