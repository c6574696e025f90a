"""A real server on a free port and Debian's Chromium driven by Playwright (never its own
browser download). The server's output is attached when a test fails."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, sync_playwright

from scripts.runner_pages import ARGS, CHROMIUM
from tests.conftest import raw_answers

ROOT = Path(__file__).parents[2]
SCREENSHOTS = ROOT / "out" / "screenshots"
PHONE = {"width": 390, "height": 844}
SERVER_LOG: list[Path] = []  # the running server's output, where its development mailer writes


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    folder = tmp_path_factory.mktemp("server")
    log = (folder / "server.log").open("w")
    SERVER_LOG[:] = [folder / "server.log"]
    env = {
        **os.environ,
        "RUNREHAB_DATABASE_URL": f"sqlite:///{folder / 'app.sqlite3'}",
        "RUNREHAB_VENDOR_DIR": str(ROOT / "node_modules"),
        "RUNREHAB_MAIL_RATE_LIMIT": "1000/minute",  # every browser test signs up from 127.0.0.1
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "runrehab", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/exercises", timeout=2)
            break
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.3)
    else:
        process.kill()
    if process.poll() is not None:
        log.close()
        pytest.fail("server did not start:\n" + (folder / "server.log").read_text())
    yield url
    process.terminate()
    process.wait(timeout=15)
    log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, base_url=server)
    page = context.new_page()
    yield page
    context.close()


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


LAPTOP = {"width": 1440, "height": 900}


def sign_up(page: Page, email: str, password: str = "a long enough password") -> None:
    """Asks for an account, opens the e-mailed link, chooses the password there: signed in."""
    page.goto("/signup")
    page.fill("#email", email)
    page.click("main button[type=submit]")
    page.get_by_role("heading", name="Check your e-mail").wait_for()
    page.goto(mailed_link(email))
    page.fill("#password", password)
    page.click("main button[type=submit]")


def mailed_link(email: str, within_s: float = 5) -> str:
    """The sign-up link the server's development mailer printed for `email`. The server sends
    queued mail at once, not at its 30-second round: the link is there within seconds."""
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        mails = re.findall(
            r"--- mail to (\S+): [^\n]*\n(.*?)\n---", SERVER_LOG[0].read_text(), re.S
        )
        links = [
            re.search(r"https?://\S+/signup/confirm/\S+", body) for to, body in mails if to == email
        ]
        if links and links[-1] is not None:
            return links[-1].group(0)
        time.sleep(0.1)
    raise AssertionError(f"no sign-up link for {email} in the server's log within {within_s} s")


def new_coach(browser: Browser, server: str, name: str) -> tuple[Page, str]:
    """A coach signed up in their own browser profile at laptop size, named, with an invite code
    for a runner to join them: (their page, the code)."""
    coach = browser.new_context(base_url=server, viewport=LAPTOP).new_page()
    sign_up(coach, f"coach-{uuid.uuid4().hex[:8]}@example.com")
    coach.goto("/coach")
    coach.fill("#name", name)
    coach.click("main button[type=submit]")
    coach.click("text=New invite code")
    code = re.search(r"Invite code: (\S+)", coach.inner_text("main"))
    assert code is not None
    return coach, code.group(1)


def join_coach(runner: Page, code: str) -> None:
    runner.goto("/coaching")
    runner.fill("#code", code)
    runner.click("main button[type=submit]")


CALM = {"can_walk_normally": "yes"}


def answer_wizard(page: Page, alarming: set[str], extra: dict[str, str]) -> None:
    """Answer every step: the given choices, every required yes/no as calm unless alarming."""
    while "/assess/" in page.url and "result" not in page.url:
        for radio_name in set(
            page.locator("input[type=radio][required]").evaluate_all("els => els.map(e => e.name)")
        ):
            value = "yes" if radio_name in alarming or CALM.get(radio_name) == "yes" else "no"
            page.check(f"input[name='{radio_name}'][value='{value}']")
        for name, value in extra.items():
            field = page.locator(f"[name='{name}']")
            if field.count():
                if field.first.evaluate("e => e.tagName") == "SELECT":
                    field.first.select_option(value)
                else:
                    field.first.fill(value)
        page.click("main button[type=submit]")


PASSWORD = "a long enough password"
ASSESSED = {  # a runner who may run with changes: a plan with strength and runs
    "weekly_km_now": 20,
    "longest_run_30d_km": 8,
    "pain_rest": 1,
    "pain_during_run": 2,
    "baseline_morning_pain": 2,
}


def runner_by_api(context: BrowserContext, answers: dict[str, Any] | None = None) -> str:
    """A runner with a plan, set up through the API (as a phone app would); their e-mail."""
    email = f"runner-{uuid.uuid4().hex[:8]}@example.com"
    assert context.request.post("/api/v1/users", data={"email": email}).ok
    token = mailed_link(email).rsplit("/", 1)[1]
    confirmed = {"token": token, "password": PASSWORD}
    assert context.request.post("/api/v1/users/confirmations", data=confirmed).ok
    made = context.request.post(
        "/api/v1/assessments", data={"answers": answers or raw_answers(**ASSESSED)}
    )
    assert made.ok, made.text()
    return email


def history(context: BrowserContext) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = context.request.get("/api/v1/history").json()["entries"]
    return entries


def first_card(page: Page) -> Locator:
    """Today's first exercise card: the one the logging tests log from."""
    return page.locator(".exercise-card").first


def log_from_card(page: Page, pain: int) -> None:
    """One tap on the first exercise card, with its pain slider at `pain`."""
    first_card(page).locator("input[name=pain]").fill(str(pain))
    first_card(page).locator("button[type=submit]").click()
