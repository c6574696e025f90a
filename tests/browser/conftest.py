"""A real server on a free port and Debian's Chromium driven by Playwright (never its own
browser download). The server's output is attached when a test fails."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = ROOT / "out" / "screenshots"
PHONE = {"width": 390, "height": 844}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    folder = tmp_path_factory.mktemp("server")
    log = (folder / "server.log").open("w")
    env = {
        **os.environ,
        "RUNREHAB_DATABASE_URL": f"sqlite:///{folder / 'app.sqlite3'}",
        "RUNREHAB_VENDOR_DIR": str(ROOT / "node_modules"),
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
