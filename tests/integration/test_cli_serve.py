"""`runrehab serve`: refuses unsafe settings with one line naming the setting (exit 2, no
traceback, nothing started or migrated); links carry RUNREHAB_BASE_URL; and the server believes
no X-Forwarded-For header unless its sender is a configured proxy."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rich.console import Console

from runrehab.cli.serve_commands import _settings
from runrehab.config import KNOWN_DEVELOPMENT_KEYS
from tests.integration.test_cli import run

PUBLISHED = next(iter(KNOWN_DEVELOPMENT_KEYS))
ROOT = Path(__file__).resolve().parents[2]
PUBLIC_URL = "https://rehab.example.org"


def refused(tmp_path: Path, *args: str, **env: str) -> str:
    """The one line `serve` printed; the database was never created."""
    database = tmp_path / "app.sqlite3"
    result = run("serve", *args, env={"RUNREHAB_DATABASE_URL": f"sqlite:///{database}", **env})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert not database.exists()
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_a_published_key_is_refused_when_serving_beyond_loopback(tmp_path: Path) -> None:
    line = refused(tmp_path, "--host", "0.0.0.0", RUNREHAB_SECRET_KEY=PUBLISHED)
    assert line.startswith("error: RUNREHAB_SECRET_KEY: is a development key published")


def test_a_published_key_is_refused_in_production_even_on_loopback(tmp_path: Path) -> None:
    line = refused(
        tmp_path,
        RUNREHAB_SECRET_KEY=PUBLISHED,
        RUNREHAB_ENVIRONMENT="production",
        RUNREHAB_HTTPS_ONLY_COOKIES="true",
    )
    assert line.startswith("error: RUNREHAB_SECRET_KEY:")


def test_production_needs_https_only_cookies(tmp_path: Path) -> None:
    line = refused(tmp_path, RUNREHAB_SECRET_KEY="", RUNREHAB_ENVIRONMENT="production")
    assert line == (
        "error: RUNREHAB_HTTPS_ONLY_COOKIES: must be true in production (cookies only over HTTPS)"
    )


def test_a_trusted_proxy_that_is_not_an_address_is_refused(tmp_path: Path) -> None:
    line = refused(tmp_path, RUNREHAB_TRUSTED_PROXIES="10.0.0.1,proxy.internal")
    assert line == (
        "error: RUNREHAB_TRUSTED_PROXIES: 'proxy.internal' is not an IP address or network"
    )


def test_links_use_the_address_served_on_unless_a_base_url_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("RUNREHAB_BASE_URL", raising=False)
    assert _settings("127.0.0.1", 8123, Console()).base_url == "http://127.0.0.1:8123"
    monkeypatch.setenv("RUNREHAB_BASE_URL", PUBLIC_URL)
    assert _settings("127.0.0.1", 8123, Console()).base_url == PUBLIC_URL


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A real `runrehab serve` on loopback, with a public base URL and a tight login limit."""
    folder, port = tmp_path_factory.mktemp("serve"), _free_port()
    log = folder / "server.log"
    env = {
        **os.environ,
        "RUNREHAB_DATABASE_URL": f"sqlite:///{folder / 'app.sqlite3'}",
        "RUNREHAB_BASE_URL": PUBLIC_URL,
        "RUNREHAB_LOGIN_RATE_LIMIT": "3/minute",
        "RUNREHAB_WORKER_INTERVAL_S": "1",
    }
    env.pop("RUNREHAB_TRUSTED_PROXIES", None)
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "runrehab", "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url, process, log)
        yield url, log
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited:\n{log.read_text()}")
        try:
            httpx.get(f"{url}/api/v1/health", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail(f"the server did not start in 60 s:\n{log.read_text()}")


def _logged_link(log: Path, prefix: str) -> str:
    """The first link starting with `prefix` that the server's development mailer printed."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        found = re.search(rf"{re.escape(prefix)}\S+", log.read_text())
        if found:
            return found.group(0)
        time.sleep(0.2)
    pytest.fail(f"no {prefix} link in the server's log within 15 s:\n{log.read_text()}")


def test_serve_puts_the_base_url_in_sign_up_calendar_and_reset_links(
    served: tuple[str, Path],
) -> None:
    url, log = served
    with httpx.Client(base_url=url) as client:
        client.post("/api/v1/users", json={"email": "ana@example.com"})
        link = _logged_link(log, f"{PUBLIC_URL}/signup/confirm/")
        token = link.rsplit("/", 1)[1]
        assert (
            client.post(
                "/api/v1/users/confirmations",
                json={"token": token, "password": "correct horse battery"},
            ).status_code
            == 201
        )
        calendar = client.post("/api/v1/calendar-token").json()["url"]
        assert calendar.startswith(f"{PUBLIC_URL}/calendar/")
        client.post("/api/v1/password-resets", json={"email": "ana@example.com"})
    assert _logged_link(log, f"{PUBLIC_URL}/reset/")


def test_serve_believes_no_forwarded_address_from_a_local_client(served: tuple[str, Path]) -> None:
    """uvicorn on its own trusts X-Forwarded-For from 127.0.0.1: each attempt would be a new client."""
    url, _ = served
    codes = [
        httpx.post(
            f"{url}/api/v1/session",
            json={"email": "nobody@example.com", "password": "not the password"},
            headers={"X-Forwarded-For": f"203.0.113.{n}"},
        ).status_code
        for n in range(4)
    ]
    assert codes == [401, 401, 401, 429]
