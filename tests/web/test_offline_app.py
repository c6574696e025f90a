"""The installable, offline-capable app as the server serves it: the manifest, the service worker
and every file it stores, an entry logged on the runner's own day, a logout that tells the browser
to forget, and API docs that load nothing from another host (the browser side:
tests/browser/test_offline_logging.py)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html.parser import HTMLParser

from fastapi.testclient import TestClient

from runrehab.web.assets import PRECACHE
from tests.web.conftest import assessed, sign_up

HTMX = {"HX-Request": "true"}


def test_the_manifest_opens_today_as_an_app_with_icons_that_exist(client: TestClient) -> None:
    response = client.get("/manifest.webmanifest")
    assert response.headers["content-type"] == "application/manifest+json"
    manifest = response.json()
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == (
        "/today",
        "/",
        "standalone",
    )
    assert {icon["purpose"] for icon in manifest["icons"]} == {"any", "maskable"}
    for icon in manifest["icons"]:
        served = client.get(icon["src"])
        assert served.status_code == 200
        assert served.headers["content-type"] == icon["type"]


def test_the_service_worker_is_served_at_the_root_and_every_file_it_stores_exists(
    client: TestClient,
) -> None:
    worker = client.get("/sw.js")
    assert worker.headers["content-type"].startswith("text/javascript")
    assert worker.headers["cache-control"] == "no-cache"  # compared byte for byte by the browser
    assert re.search(r'^const VERSION = "[0-9a-f]{16}";$', worker.text, re.MULTILINE)
    for url in PRECACHE:  # one missing file and the worker never installs
        assert client.get(url).status_code == 200, url


def test_the_worker_keeps_no_api_answer_and_no_page_but_today_and_log(client: TestClient) -> None:
    worker = client.get("/sw.js").text
    assert 'const KEPT_PAGES = ["/today", "/log"];' in worker
    assert all(not url.startswith("/api/") for url in PRECACHE)


def test_logging_out_tells_the_browser_to_forget_what_it_kept(client: TestClient) -> None:
    sign_up(client)
    response = client.post("/logout", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["clear-site-data"] == '"cache", "storage"'


def test_an_entry_kept_on_the_phone_is_stored_on_the_day_it_was_logged(
    client: TestClient,
) -> None:
    """offline.js sends the runner's own day: an entry sent after midnight keeps its day, and its
    retry (same id, same fields, same day) is the same entry, stored once."""
    assessed(client)
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    form = {"exercise": "single_leg_bridge", "sets": "1", "reps": "6", "pain": "2"}
    form |= {"id": "kept-on-the-phone", "date": yesterday}
    assert client.post("/log/exercise", data=form, headers=HTMX).status_code == 200
    again = client.post("/log/exercise", data=form, headers=HTMX)
    assert again.status_code == 200
    entries = client.get("/api/v1/history").json()["entries"]
    assert [(e["id"], e["date"]) for e in entries] == [("kept-on-the-phone", yesterday)]


def test_a_log_form_without_a_day_is_for_today(client: TestClient) -> None:
    assessed(client)
    form = {"minutes": "20", "pain_during": "1", "pain_after": "1", "id": "no-day"}
    assert client.post("/log/run", data=form, headers=HTMX).status_code == 200
    entries = client.get("/api/v1/history").json()["entries"]
    assert [e["date"] for e in entries] == [date.today().isoformat()]


class _Addresses(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [v or "" for k, v in attrs if k in ("src", "href")]


def test_the_api_docs_load_nothing_from_another_host(client: TestClient) -> None:
    page = client.get("/docs")
    addresses = _Addresses()
    addresses.feed(page.text)
    assert addresses.found, "the page names its script and stylesheet"
    assert all(a.startswith("/") and not a.startswith("//") for a in addresses.found)
    assert "http" not in page.text  # no address in the inline script either
    for address in addresses.found:
        assert client.get(address).status_code == 200, address
    assert client.get("/redoc").status_code == 404  # FastAPI's ReDoc loads from a CDN: off
