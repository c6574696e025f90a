"""Every page a runner sees, and what the tools that look at all of them share: the browser
accessibility tests (`tests/browser/test_accessibility.py`), the page benchmark
(`benchmarks/bench_pages.py`) and the screenshots (`scripts/screenshots.py`) walk one list, so
a page added here is checked, timed and photographed at once.

Also here: the demo server (`runrehab serve --demo` on a free port with a scratch SQLite file),
Debian's Chromium with the flags the browser tests use, signing in, and the bytes of JavaScript
a page loads.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Response, ViewportSize

from runrehab.knowledge.loader import load_knowledge_base

ROOT = Path(__file__).parents[1]
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
PHONE: ViewportSize = {"width": 390, "height": 844}
NARROW: ViewportSize = {
    "width": 320,
    "height": 640,
}  # the narrowest phone still sold; WCAG 1.4.10's reflow width
LAPTOP: ViewportSize = {"width": 1440, "height": 900}
DEMO_RUNNER = ("runner@example.com", "demo-runner-1")  # services/demo.py's DEMO_LOGINS
CHART_JS = "chart.umd"  # the one library allowed past the 100 KB of JavaScript per page


@dataclass(frozen=True, slots=True)
class RunnerPage:
    """`name` is safe in a file name (out/screenshots/<name>-phone-light.png)."""

    name: str
    path: str
    signed_in: bool = True


def runner_pages() -> tuple[RunnerPage, ...]:
    """The tabs first, then everything on More, the assessment's steps for a runner who has not
    said where it hurts yet (steps for one region only, such as the ankle fracture check, open
    after that answer), and the pages seen signed out."""
    steps = [
        n for n, group in enumerate(load_knowledge_base().questions, 1) if group.asked_for(None)
    ]
    return (
        RunnerPage("today", "/today"),
        RunnerPage("plan", "/plan"),
        RunnerPage("log", "/log"),
        RunnerPage("progress", "/progress"),
        RunnerPage("more", "/more"),
        RunnerPage("runs", "/activities"),
        RunnerPage("exercises", "/exercises"),
        RunnerPage("exercise", "/exercises/single_leg_bridge"),
        *(RunnerPage(f"assessment-step-{n}", f"/assess/{n}") for n in steps),
        RunnerPage("assessment-result", "/assess/result"),
        RunnerPage("calendar", "/calendar"),
        RunnerPage("pace", "/pace"),
        RunnerPage("coaching", "/coaching"),
        RunnerPage("account", "/data"),
        RunnerPage("questionnaire", "/questionnaires/lefs"),
        RunnerPage("home", "/", signed_in=False),
        RunnerPage("login", "/login", signed_in=False),
        RunnerPage("signup", "/signup", signed_in=False),
        RunnerPage("reset-password", "/reset", signed_in=False),
    )


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium (Playwright's own browser download does not work here)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)


def sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("main button[type=submit]")
    page.wait_for_url("**/today")


def script_bytes(context: BrowserContext, path: str) -> dict[str, int]:
    """The JavaScript `path` loads on a first visit (a new page in `context`, which should have
    an empty cache): bytes after decompression by address, once the network is quiet. A page
    that is not there is an error, not a page without scripts."""
    page = context.new_page()
    loaded = scripts_of(page)
    answer = page.goto(path, wait_until="networkidle")
    page.close()
    if answer is None or answer.status != 200:
        raise LookupError(f"{path} answered {answer.status if answer else 'nothing'}")
    return loaded


def scripts_of(page: Page) -> dict[str, int]:
    """Filled in as `page` loads scripts: each one's bytes (decompressed) by address."""
    loaded: dict[str, int] = {}

    def count(response: Response) -> None:
        if response.request.resource_type == "script" and response.ok:
            loaded[response.url] = len(response.body())

    page.on("response", count)
    return loaded


def without_chart_js(loaded: dict[str, int]) -> int:
    return sum(size for url, size in loaded.items() if CHART_JS not in url)


@contextmanager
def demo_server(log: Path | None = None) -> Iterator[str]:
    """`runrehab serve --demo` on a free port with a scratch database (seeding takes about 40 s
    on a busy 2-core machine); yields its address, stops it afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        port = _free_port()
        env = {
            **os.environ,
            "RUNREHAB_DATABASE_URL": f"sqlite:///{Path(folder) / 'demo.sqlite3'}",
            "RUNREHAB_VENDOR_DIR": str(ROOT / "node_modules"),
            "RUNREHAB_LOGIN_RATE_LIMIT": "1000/minute",
        }
        command = [sys.executable, "-m", "runrehab", "serve", "--demo", "--port", str(port)]
        with (log or Path(folder) / "server.log").open("w") as out:
            server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
            try:
                url = f"http://127.0.0.1:{port}"
                _wait_for(url, server)
                yield url
            finally:
                server.terminate()
                server.wait(timeout=15)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, server: subprocess.Popen[bytes], deadline_s: float = 180) -> None:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the demo server stopped (exit {server.returncode})")
        try:
            urllib.request.urlopen(f"{url}/api/v1/health", timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the demo server did not answer within {deadline_s:.0f} s")
