"""Logging in a basement gym, in Chromium at phone size with the service worker running: an entry
logged without a connection waits on the phone, says so, and is stored exactly once when the
connection returns (a lost answer and a retry included); Today opens without a connection; a
refusal is shown, a logged-out phone keeps what waits; logging out forgets what the phone kept;
and the app can be installed."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Route, expect

from tests.browser.conftest import (
    ARGS,
    CHROMIUM,
    PASSWORD,
    PHONE,
    first_card,
    history,
    log_from_card,
    runner_by_api,
    shot,
)
from tests.conftest import LOGGING_RUNNER

OUTBOX = "#outbox"


@pytest.fixture
def context(browser: Browser, server: str) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=PHONE, base_url=server, service_workers="allow")
    runner_by_api(context, LOGGING_RUNNER)
    yield context
    context.close()


def _today(context: BrowserContext) -> Page:
    """Today, controlled by the service worker, with its copy kept on the phone (polled here:
    `wait_for_function` takes a promise for a truthy answer and returns at once)."""
    page = context.new_page()
    page.goto("/today")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    kept = "caches.open('runrehab-pages').then((c) => c.match('/today')).then(Boolean)"
    deadline = time.monotonic() + 10
    while not page.evaluate(kept):
        assert time.monotonic() < deadline, "Today was never kept on the phone"
        page.wait_for_timeout(100)
    return page


def _entry_id(page: Page) -> Locator:
    return first_card(page).locator("input[name=id]")


def _outbox(page: Page) -> list[dict[str, Any]]:
    waiting: list[dict[str, Any]] = page.evaluate(
        "JSON.parse(localStorage.getItem('runrehab.outbox') || '[]')"
    )
    return waiting


def test_an_entry_logged_offline_waits_on_the_phone_and_is_stored_once(
    context: BrowserContext,
) -> None:
    page = _today(context)
    log_from_card(page, 2)
    expect(first_card(page).locator(".decision-box")).to_be_visible()
    context.set_offline(True)
    log_from_card(page, 3)
    expect(first_card(page).locator(".card-result .offline-note")).to_have_text(
        "Saved on this phone: will be sent when you are back online."
    )
    expect(page.locator(OUTBOX)).to_contain_text("1 entry waiting to be sent")
    queued = _outbox(page)[0]
    assert [e["pain"] for e in history(context)] == [2]  # nothing reached the server
    shot(page, "offline-waiting")
    context.set_offline(False)
    expect(page.locator(OUTBOX)).to_be_hidden()
    expect(page.locator("#toasts")).to_contain_text("1 entry saved on this phone was sent")
    expect(
        first_card(page).locator(".card-result .decision-box")
    ).to_be_visible()  # in place of the note
    expect(page.locator(".offline-note")).to_have_count(0)
    entries = history(context)
    assert [e["pain"] for e in entries] == [2, 3]
    assert [e["id"] for e in entries].count(queued["id"]) == 1
    assert _outbox(page) == []


def test_an_entry_whose_answer_was_lost_is_sent_again_and_stored_once(
    context: BrowserContext,
) -> None:
    page = _today(context)

    def answer_lost(route: Route) -> None:
        route.fetch()  # the server stores it ...
        route.abort("internetdisconnected")  # ... and the answer never arrives

    page.route("**/log/exercise", answer_lost)
    log_from_card(page, 4)
    expect(page.locator(OUTBOX)).to_contain_text("1 entry waiting to be sent")
    queued = _outbox(page)[0]
    assert [e["id"] for e in history(context)] == [queued["id"]]
    page.unroute("**/log/exercise")
    page.reload()  # every page load sends what waits
    expect(page.locator("#toasts")).to_contain_text("was sent")
    expect(page.locator(OUTBOX)).to_be_hidden()
    assert [(e["id"], e["pain"]) for e in history(context)] == [(queued["id"], 4)]


def test_today_opens_without_a_connection_and_logs_from_the_kept_copy(
    context: BrowserContext,
) -> None:
    page = _today(context)
    served_id = _entry_id(page).get_attribute("value")
    context.set_offline(True)
    page.reload()
    expect(page.locator("h1")).to_contain_text("Today")
    expect(first_card(page).locator("form")).to_be_visible()
    expect(page.locator(OUTBOX)).to_contain_text("This is the copy kept on this phone at")
    expect(page.locator(OUTBOX)).to_contain_text("You are offline")
    shot(page, "offline-today")
    # the kept copy's ids were handed out before: the form gets one of its own
    assert _entry_id(page).get_attribute("value") != served_id
    log_from_card(page, 1)
    expect(page.locator(OUTBOX)).to_contain_text("1 entry waiting to be sent")
    page.goto("/plan")  # not kept: says so, and where Today is
    expect(page.locator("h1")).to_have_text("You are offline")
    expect(page.locator(OUTBOX)).to_contain_text("1 entry waiting to be sent")
    context.set_offline(False)
    page.goto("/today")
    expect(page.locator(OUTBOX)).to_be_hidden()
    assert [e["pain"] for e in history(context)] == [1]


def test_a_refused_entry_is_shown_and_not_sent_again(context: BrowserContext) -> None:
    page = _today(context)
    used = _entry_id(page).get_attribute("value")
    log_from_card(page, 2)
    expect(first_card(page).locator(".decision-box")).to_be_visible()
    context.set_offline(True)
    _entry_id(page).evaluate("(e, used) => { e.value = used }", used)
    log_from_card(page, 7)  # the same id with other values: the server refuses it (409)
    context.set_offline(False)
    expect(page.locator(f"{OUTBOX}.refused")).to_contain_text("exercise logged on this phone")
    expect(page.locator(OUTBOX)).to_contain_text("different values")
    assert _outbox(page) == []
    page.reload()
    assert [e["pain"] for e in history(context)] == [2]
    page.get_by_role("button", name="Dismiss").click()
    expect(page.locator(OUTBOX)).to_be_hidden()


def test_a_logged_out_phone_keeps_what_waits_and_asks_to_log_in(
    context: BrowserContext,
) -> None:
    page = _today(context)
    email = context.request.get("/api/v1/me").json()["email"]
    context.set_offline(True)
    log_from_card(page, 2)
    context.clear_cookies()  # the session ends while the phone is offline
    context.set_offline(False)
    expect(page.locator(OUTBOX)).to_contain_text("Log in to send it")
    assert len(_outbox(page)) == 1
    page.get_by_role("link", name="Log in to send it").click()
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/today")
    expect(page.locator("#toasts")).to_contain_text("was sent")
    assert [e["pain"] for e in history(context)] == [2]


def test_logging_out_asks_before_dropping_what_waits_and_forgets_the_phone_copies(
    context: BrowserContext,
) -> None:
    page = _today(context)
    page.route("**/log/exercise", lambda route: route.fulfill(status=503))
    log_from_card(page, 5)  # the server is down: kept, retried later
    context.set_offline(True)
    log_from_card(page, 6)
    context.set_offline(False)
    expect(page.locator(OUTBOX)).to_contain_text("1 entry waiting to be sent")
    questions: list[str] = []
    page.once("dialog", lambda d: (questions.append(d.message), d.dismiss()))
    page.goto("/more")  # on a phone, Log out is on the More tab
    page.locator("main").get_by_role("button", name="Log out").click()
    assert len(questions) == 1
    assert "1 entry saved on this phone has not been sent" in questions[0]
    assert page.url.endswith("/more")
    page.once("dialog", lambda d: d.accept())
    page.locator("main").get_by_role("button", name="Log out").click()
    page.wait_for_url("**/")
    assert _outbox(page) == []
    assert "runrehab-pages" not in page.evaluate("caches.keys()")


def test_the_logout_answer_alone_clears_the_phone(context: BrowserContext) -> None:
    """Chromium honours Clear-Site-Data on the 303 that answers the logout POST (checked with a
    form sent without offline.js seeing it, so only the header can have cleared anything)."""
    page = _today(context)
    page.evaluate("localStorage.setItem('runrehab.outbox', '[]x')")
    page.evaluate(
        """() => { const f = document.createElement('form'); f.method = 'post';
        f.action = '/logout'; document.body.append(f); HTMLFormElement.prototype.submit.call(f); }"""
    )
    page.wait_for_url("**/")
    assert page.evaluate("localStorage.getItem('runrehab.outbox')") is None
    kept = page.evaluate(
        "caches.open('runrehab-pages').then((c) => c.keys()).then((r) => r.map((q) => q.url))"
    )
    assert kept == []


def test_the_app_is_installable(browser: Browser, server: str, tmp_path: Path) -> None:
    """Chromium's own check (what its install prompt asks): a profile on disk, as an incognito
    one can install nothing."""
    context = browser.browser_type.launch_persistent_context(
        tmp_path, executable_path=CHROMIUM, args=ARGS, headless=True, base_url=server
    )
    try:
        page = context.new_page()
        page.goto("/")
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["errors"] == []
        assert json.loads(manifest["data"])["start_url"] == "/today"
    finally:
        context.close()


def test_docs_load_nothing_from_another_host(page: Page, server: str) -> None:
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page.goto("/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("runrehab")
    assert hosts == {server.split("/")[2]}
