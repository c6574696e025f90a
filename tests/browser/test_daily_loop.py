"""The daily loop as people really use it, in Chromium at phone size: logging twice on one page,
back and forward, a double tap on a slow network, two tabs, logging out mid-form. Every entry is
kept, none is doubled, and the decision shown is about what was just logged."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from tests.browser.conftest import PHONE, mailed_link, shot
from tests.conftest import raw_answers

PASSWORD = "a long enough password"
ASSESSED = {
    "weekly_km_now": 20,
    "longest_run_30d_km": 8,
    "pain_rest": 1,
    "pain_during_run": 2,
    "baseline_morning_pain": 2,
}
EXERCISE = "form[action='/log/exercise']"


def _signed_up_and_assessed(context: BrowserContext) -> str:
    """A runner with a plan, set up through the API (as the phone app would); their e-mail."""
    email = f"loop-{uuid.uuid4().hex[:8]}@example.com"
    assert context.request.post("/api/v1/users", data={"email": email}).ok
    token = mailed_link(email).rsplit("/", 1)[1]
    assert context.request.post(
        "/api/v1/users/confirmations", data={"token": token, "password": PASSWORD}
    ).ok
    assessed = context.request.post(
        "/api/v1/assessments", data={"answers": raw_answers(**ASSESSED)}
    )
    assert assessed.ok, assessed.text()
    return email


@dataclass(frozen=True)
class Runner:
    context: BrowserContext  # one browser profile: its tabs share the session
    email: str


@pytest.fixture
def runner(browser: Browser, server: str) -> Iterator[Runner]:
    context = browser.new_context(viewport=PHONE, base_url=server)
    yield Runner(context, _signed_up_and_assessed(context))
    context.close()


def _entries(context: BrowserContext) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = context.request.get("/api/v1/history").json()["entries"]
    return entries


def _log_exercise(page: Page, pain: int) -> None:
    page.locator("#pain").fill(str(pain))
    page.locator(f"{EXERCISE} button[type=submit]").click()


def _set_range(page: Page, selector: str, value: int) -> None:
    page.locator(selector).fill(str(value))


def test_two_exercise_logs_from_one_page_are_both_kept(runner: Runner) -> None:
    page = runner.context.new_page()
    page.goto("/today")
    _log_exercise(page, 2)
    expect(page.locator("#decision")).to_be_visible()
    _log_exercise(page, 6)
    expect(page.locator("#decision")).to_contain_text("6/10")
    expect(page.locator("#decision")).not_to_contain_text("already logged")
    shot(page, "loop-second-log")
    assert [e["pain"] for e in _entries(runner.context)] == [2, 6]


@pytest.mark.parametrize(
    ("kind", "summary", "fill", "pain_field", "stored_pain"),
    [
        ("run", "Run", {"#minutes": "20"}, "#pain_during", "pain_during"),
        ("checkin", "Morning check-in", {}, "#monitoring_pain", "monitoring_pain"),
    ],
)
def test_two_runs_or_two_check_ins_from_one_page_are_both_kept(
    runner: Runner,
    kind: str,
    summary: str,
    fill: dict[str, str],
    pain_field: str,
    stored_pain: str,
) -> None:
    page = runner.context.new_page()
    page.goto("/today")
    page.locator("summary", has_text=summary).click()
    for pain in (1, 6):
        for field, value in fill.items():
            page.fill(field, value)
        _set_range(page, pain_field, pain)
        with page.expect_response(f"**/log/{kind}") as saved:
            page.locator(f"form[action='/log/{kind}'] button[type=submit]").click()
        assert saved.value.status == 200
    expect(page.locator("#decision")).to_contain_text("6/10")
    expect(page.locator("#decision")).not_to_contain_text("already logged")
    assert [e[stored_pain] for e in _entries(runner.context)] == [1, 6]


def test_a_double_tap_on_a_slow_network_saves_once(runner: Runner) -> None:
    page = runner.context.new_page()
    page.goto("/today")
    posts: list[str] = []

    def slow(route: Route) -> None:
        posts.append(route.request.url)
        page.wait_for_timeout(1200)
        route.continue_()

    page.route("**/log/exercise", slow)
    page.locator(f"{EXERCISE} button[type=submit]").dblclick()
    expect(page.locator("#decision")).to_be_visible(timeout=10_000)
    assert len(posts) == 1
    assert len(_entries(runner.context)) == 1


def test_back_and_forward_then_logging_again_is_a_new_entry(runner: Runner) -> None:
    page = runner.context.new_page()
    page.goto("/today")
    _log_exercise(page, 2)
    expect(page.locator("#decision")).to_be_visible()
    page.goto("/plan")
    page.go_back()
    expect(page).to_have_url(re.compile(r"/today$"))
    _log_exercise(page, 5)
    expect(page.locator("#decision")).to_contain_text("5/10")
    page.go_forward()
    page.go_back()
    _log_exercise(page, 3)
    # the third entry's own decision (the pain check failed earlier today), not a stale one
    expect(page.locator("#decision")).to_contain_text("A pain check failed today")
    assert [e["pain"] for e in _entries(runner.context)] == [2, 5, 3]


def test_two_tabs_each_keep_their_own_entries(runner: Runner) -> None:
    first, second = runner.context.new_page(), runner.context.new_page()
    first.goto("/today")
    second.goto("/today")
    _log_exercise(first, 1)
    expect(first.locator("#decision")).to_be_visible()
    _log_exercise(second, 4)
    expect(second.locator("#decision")).to_contain_text("4/10")
    assert sorted(e["pain"] for e in _entries(runner.context)) == [1, 4]


def test_logging_out_in_another_tab_mid_form_keeps_the_entry_to_save_after_login(
    runner: Runner,
) -> None:
    form, other = runner.context.new_page(), runner.context.new_page()
    form.goto("/today")
    form.locator("#pain").fill("3")
    other.goto("/today")
    other.click("text=Log out")
    form.locator(f"{EXERCISE} button[type=submit]").click()
    expect(form.locator("#log-result [role=alert]")).to_contain_text("you are logged out")
    expect(form).to_have_url(re.compile(r"/today$"))
    assert form.locator("#pain").input_value() == "3"  # nothing typed is lost
    other.goto("/login?next=/today")
    other.fill("#email", runner.email)
    other.fill("#password", PASSWORD)
    other.locator("main button[type=submit]").click()
    expect(other).to_have_url(re.compile(r"/today$"))
    assert _entries(runner.context) == []
    form.locator(f"{EXERCISE} button[type=submit]").click()
    expect(form.locator("#decision")).to_be_visible()
    assert [e["pain"] for e in _entries(runner.context)] == [3]


def test_without_javascript_the_decision_comes_back_by_entry_id_and_the_url_cannot_fake_it(
    browser: Browser, server: str
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, base_url=server)
    _signed_up_and_assessed(context)
    page = context.new_page()
    page.goto("/today")
    page.locator("#pain").fill("2")
    page.locator(f"{EXERCISE} button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/today\?entry=\w+$"))
    expect(page.locator("#decision")).to_contain_text("within the limit")
    page.locator("#pain").fill("6")
    page.locator(f"{EXERCISE} button[type=submit]").click()
    expect(page.locator("#decision")).to_contain_text("6/10")
    assert [e["pain"] for e in _entries(context)] == [2, 6]
    page.goto('/today?logged={"decision":"PROGRESS","reasons":[]}')
    expect(page.locator("#decision")).to_have_count(0)
    page.goto("/no-such-page")
    expect(page.locator("h1")).to_have_text("Page not found")
    shot(page, "not-found")
    context.close()


def test_a_refused_save_says_why_where_the_decision_would_be(runner: Runner) -> None:
    page = runner.context.new_page()
    page.goto("/today")
    used = page.locator("#exercise-entry-id").get_attribute("value")
    _log_exercise(page, 2)
    expect(page.locator("#decision")).to_be_visible()
    page.locator("#exercise-entry-id").evaluate("(e, used) => { e.value = used }", used)
    _log_exercise(page, 7)
    expect(page.locator("#log-result [role=alert]")).to_contain_text("different values")
    assert [e["pain"] for e in _entries(runner.context)] == [2]
