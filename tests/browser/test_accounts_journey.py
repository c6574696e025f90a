"""Signing up and signing out as people really do it, in Chromium at phone size: Back after asking
for the link, the link opened twice, and a copy of the session cookie after logging out."""

from __future__ import annotations

import uuid

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PHONE, mailed_link

PASSWORD = "a long enough password"


def _ask_for_a_link(page: Page, email: str) -> None:
    page.goto("/signup")
    page.fill("#email", email)
    page.click("main button[type=submit]")
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()


def test_back_and_forward_after_asking_for_the_link_send_nothing_again(page: Page) -> None:
    email = f"back-{uuid.uuid4().hex[:8]}@example.com"
    _ask_for_a_link(page, email)
    first = mailed_link(email)
    page.go_back()  # no "confirm form resubmission": the answer was a page of its own
    expect(page.get_by_role("heading", name="Create your account")).to_be_visible()
    page.go_forward()
    expect(page.get_by_text(f"We sent a link to {email}.")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    assert mailed_link(email) == first  # one mail, however the page was revisited


def test_back_after_asking_for_a_reset_sends_nothing_again(page: Page) -> None:
    page.goto("/reset")
    page.fill("#email", "nobody-here@example.com")
    page.click("main button[type=submit]")
    expect(page.get_by_role("status")).to_contain_text("a reset link is on its way")
    page.go_back()
    expect(page.get_by_role("status")).to_have_count(0)
    page.go_forward()
    expect(page.get_by_role("status")).to_contain_text("a reset link is on its way")


def test_the_link_works_once_and_a_copied_cookie_dies_with_the_logout(
    browser: Browser, server: str
) -> None:
    email = f"once-{uuid.uuid4().hex[:8]}@example.com"
    context = browser.new_context(base_url=server, viewport=PHONE)
    page = context.new_page()
    _ask_for_a_link(page, email)
    link = mailed_link(email)
    page.goto(link)
    page.fill("#password", "short")
    page.click("main button[type=submit]")
    expect(page.get_by_role("alert")).to_contain_text("at least 10 characters")  # link kept
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    expect(page).to_have_url(f"{server}/assess/1")
    page.goto(link)  # used: says so before asking for anything
    expect(page.get_by_role("heading", name="This link does not work")).to_be_visible()

    thief = browser.new_context(base_url=server, viewport=PHONE)
    thief.add_cookies(context.cookies())
    stolen = thief.new_page()
    stolen.goto("/data")
    expect(stolen.get_by_role("heading", name="Account", exact=True)).to_be_visible()
    page.goto("/more")  # on a phone, Log out is on the More tab
    page.locator("main form[action='/logout'] button").click()
    expect(page).to_have_url(f"{server}/")
    stolen.goto("/data")
    expect(stolen).to_have_url(f"{server}/login?next=/data")
    context.close()
    thief.close()
