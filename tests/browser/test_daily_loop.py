"""The daily loop as people really use it, in Chromium at phone size: logging twice from one
session card, back and forward, a double tap on a slow network, two tabs, logging out mid-form,
and the Log page's own forms. Every entry is kept, none is doubled, and the decision shown is about
what was just logged."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Route, expect

from tests.browser.conftest import (
    PASSWORD,
    PHONE,
    first_card,
    history,
    log_from_card,
    runner_by_api,
    shot,
)


@dataclass(frozen=True)
class Runner:
    context: BrowserContext  # one browser profile: its tabs share the session
    email: str


@pytest.fixture
def runner(browser: Browser, server: str) -> Iterator[Runner]:
    context = browser.new_context(viewport=PHONE, base_url=server)
    yield Runner(context, runner_by_api(context))
    context.close()


def _decision(page: Page) -> Locator:
    return first_card(page).locator(".decision-box")


def _set_range(page: Page, selector: str, value: int) -> None:
    page.locator(selector).fill(str(value))


def test_two_logs_from_one_exercise_card_are_both_kept(runner: Runner) -> None:
    page = runner.context.new_page()
    page.goto("/today")
    log_from_card(page, 2)
    expect(_decision(page)).to_be_visible()
    log_from_card(page, 6)
    expect(_decision(page)).to_contain_text("6/10")
    expect(_decision(page)).not_to_contain_text("already logged")
    shot(page, "loop-second-log")
    assert [e["pain"] for e in history(runner.context)] == [2, 6]


@pytest.mark.parametrize(
    ("kind", "fill", "pain_field", "stored_pain"),
    [
        ("run", {"#minutes": "20"}, "#pain_during", "pain_during"),
        ("checkin", {}, "#monitoring_pain", "monitoring_pain"),
    ],
)
def test_two_runs_or_two_check_ins_from_the_log_page_are_both_kept(
    runner: Runner,
    kind: str,
    fill: dict[str, str],
    pain_field: str,
    stored_pain: str,
) -> None:
    page = runner.context.new_page()
    page.goto("/log")
    for pain in (1, 6):
        for field, value in fill.items():
            page.fill(field, value)
        _set_range(page, pain_field, pain)
        with page.expect_response(f"**/log/{kind}") as saved:
            page.locator(f"form[action='/log/{kind}'] button[type=submit]").click()
        assert saved.value.status == 200
    expect(page.locator("#decision")).to_contain_text("6/10")
    expect(page.locator("#decision")).not_to_contain_text("already logged")
    assert [e[stored_pain] for e in history(runner.context)] == [1, 6]


def test_a_double_tap_on_a_slow_network_saves_once(runner: Runner) -> None:
    page = runner.context.new_page()
    page.goto("/today")
    posts: list[str] = []

    def slow(route: Route) -> None:
        posts.append(route.request.url)
        page.wait_for_timeout(1200)
        route.continue_()

    page.route("**/log/exercise", slow)
    first_card(page).locator("button[type=submit]").dblclick()
    expect(_decision(page)).to_be_visible(timeout=10_000)
    assert len(posts) == 1
    assert len(history(runner.context)) == 1


def test_back_and_forward_then_logging_again_is_a_new_entry(runner: Runner) -> None:
    page = runner.context.new_page()
    page.goto("/today")
    log_from_card(page, 2)
    expect(_decision(page)).to_be_visible()
    page.goto("/plan")
    page.go_back()
    expect(page).to_have_url(re.compile(r"/today$"))
    log_from_card(page, 5)
    expect(_decision(page)).to_contain_text("5/10")
    page.go_forward()
    page.go_back()
    log_from_card(page, 3)
    # the third entry's own decision (the pain check failed earlier today), not a stale one
    expect(_decision(page)).to_contain_text("A pain check failed today")
    assert [e["pain"] for e in history(runner.context)] == [2, 5, 3]


def test_two_tabs_each_keep_their_ownhistory(runner: Runner) -> None:
    first, second = runner.context.new_page(), runner.context.new_page()
    first.goto("/today")
    second.goto("/today")
    log_from_card(first, 1)
    expect(first_card(first).locator(".decision-box")).to_be_visible()
    log_from_card(second, 4)
    expect(first_card(second).locator(".decision-box")).to_contain_text("4/10")
    assert sorted(e["pain"] for e in history(runner.context)) == [1, 4]


def test_logging_out_in_another_tab_mid_form_keeps_the_entry_to_save_after_login(
    runner: Runner,
) -> None:
    form, other = runner.context.new_page(), runner.context.new_page()
    form.goto("/today")
    first_card(form).locator("input[name=pain]").fill("3")
    other.goto("/more")  # on a phone, Log out is on the More tab
    other.locator("main").get_by_role("button", name="Log out").click()
    expect(other).to_have_url(re.compile(r"/$"))  # the session has ended before the save below
    first_card(form).locator("button[type=submit]").click()
    expect(first_card(form).locator(".card-result [role=alert]")).to_contain_text(
        "you are logged out"
    )
    expect(form).to_have_url(re.compile(r"/today$"))
    assert (
        first_card(form).locator("input[name=pain]").input_value() == "3"
    )  # nothing typed is lost
    other.goto("/login?next=/today")
    other.fill("#email", runner.email)
    other.fill("#password", PASSWORD)
    other.locator("main button[type=submit]").click()
    expect(other).to_have_url(re.compile(r"/today$"))
    assert history(runner.context) == []
    first_card(form).locator("button[type=submit]").click()
    expect(first_card(form).locator(".decision-box")).to_be_visible()
    assert [e["pain"] for e in history(runner.context)] == [3]


def test_a_refused_save_says_why_where_the_decision_would_be(runner: Runner) -> None:
    page = runner.context.new_page()
    page.goto("/today")
    used = first_card(page).locator("input[name=id]").get_attribute("value")
    log_from_card(page, 2)
    expect(_decision(page)).to_be_visible()
    first_card(page).locator("input[name=id]").evaluate("(e, used) => { e.value = used }", used)
    log_from_card(page, 7)
    expect(first_card(page).locator(".card-result [role=alert]")).to_contain_text(
        "different values"
    )
    assert [e["pain"] for e in history(runner.context)] == [2]


def test_without_javascript_the_decision_comes_back_by_entry_id_and_the_url_cannot_fake_it(
    browser: Browser, server: str
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, base_url=server)
    runner_by_api(context)
    page = context.new_page()
    page.goto("/today")
    log_from_card(page, 2)
    expect(page).to_have_url(re.compile(r"/today\?entry=\w+$"))
    expect(page.locator("#decision")).to_contain_text("within the limit")
    expect(first_card(page)).to_contain_text("Done today")
    page.goto("/log")
    page.locator("#pain").fill("6")
    page.locator("form[action='/log/exercise'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/today\?entry=\w+$"))
    expect(page.locator("#decision")).to_contain_text("6/10")
    assert [e["pain"] for e in history(context)] == [2, 6]
    page.goto('/today?logged={"decision":"PROGRESS","reasons":[]}')
    expect(page.locator("#decision")).to_have_count(0)
    page.goto("/no-such-page")
    expect(page.locator("h1")).to_have_text("Page not found")
    shot(page, "not-found")
    context.close()
