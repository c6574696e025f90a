"""Navigation of an app: five tabs (Today, Plan, Log, Progress, More) on every signed-in page, the
current one marked, and every page a runner has reachable in two taps (a tab, then More)."""

from __future__ import annotations

import lxml.html
import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from tests.web.conftest import assessed, sign_up

TABS = ["/today", "/plan", "/log", "/progress", "/more"]
NOT_FOR_RUNNERS = (
    "/coach",
    "/login",
    "/signup",
    "/reset",
    "/docs",
    "/redoc",
    "/openapi",
    "/static",
)


TAB_BAR = "//nav[contains(concat(' ', @class, ' '), ' tab-bar ')]"


def _links(html: str, where: str) -> list[str]:
    return [str(a.get("href")) for a in lxml.html.fromstring(html).xpath(f"{where}//a")]


def _current(html: str) -> list[str]:
    marked = lxml.html.fromstring(html).xpath(f"{TAB_BAR}//a[@aria-current='page']")
    return [str(a.get("href")) for a in marked]


def _runner_pages(client: TestClient) -> set[str]:
    """Every HTML page a runner opens without an id in its path."""
    app = client.app
    routes = [r for r in app.routes if isinstance(r, APIRoute)]  # type: ignore[attr-defined]
    return {
        r.path
        for r in routes
        if "GET" in r.methods
        and not r.include_in_schema
        and "{" not in r.path
        and not r.path.startswith(NOT_FOR_RUNNERS)
        and r.path not in ("/", "/health")
    }


def test_every_signed_in_page_has_the_five_tabs(client: TestClient) -> None:
    assessed(client)
    for path in ("/today", "/plan", "/progress", "/activities", "/data", "/exercises"):
        assert _links(client.get(path).text, TAB_BAR) == TABS, path


@pytest.mark.parametrize(
    ("path", "tab"),
    [
        ("/today", "/today"),
        ("/plan", "/plan"),
        ("/calendar", "/plan"),
        ("/log", "/log"),
        ("/progress", "/progress"),
        ("/more", "/more"),
        ("/activities", "/more"),
        ("/data", "/more"),
    ],
)
def test_the_current_tab_is_marked(client: TestClient, path: str, tab: str) -> None:
    assessed(client)
    assert _current(client.get(path).text) == [tab]


def test_every_runner_page_is_two_taps_away(client: TestClient) -> None:
    assessed(client)
    reachable = set(TABS) | set(_links(client.get("/more").text, "//main"))
    missing = _runner_pages(client) - reachable
    assert not missing, f"pages neither a tab nor on More: {sorted(missing)}"
    for path in reachable - {"/docs"}:
        assert client.get(path).status_code == 200, path


def test_signed_out_pages_offer_no_tabs(client: TestClient) -> None:
    assert not lxml.html.fromstring(client.get("/login").text).xpath(TAB_BAR)


def test_a_coachs_pages_have_the_coachs_places(client: TestClient) -> None:
    assessed(client)
    client.post("/coach", data={"name": "Sam"})
    html = client.get("/coach").text
    assert _links(html, TAB_BAR) == ["/coach", "/coach/templates", "/today", "/more"]
    assert _current(html) == ["/coach"]
    assert _current(client.get("/coach/templates").text) == ["/coach/templates"]


COACH_ONLY_TABS = ["/coach", "/coach/templates", "/more"]


def _coach_only(client: TestClient) -> None:
    """Signed in as a coach who never took an assessment (not a runner)."""
    sign_up(client, "coach@example.com")
    assert client.post("/coach", data={"name": "Sam"}).status_code in (200, 303)


def test_a_coach_who_is_not_a_runner_has_the_coachs_tabs_everywhere(client: TestClient) -> None:
    _coach_only(client)
    for path in ("/coach", "/coach/templates", "/more", "/data", "/exercises", "/assess"):
        html = client.get(path).text
        assert _links(html, TAB_BAR) == COACH_ONLY_TABS, path
        assert _links(html, "//nav[@class='top-nav']") == COACH_ONLY_TABS, path
    assert _current(client.get("/more").text) == ["/more"]


def test_every_link_a_coach_who_is_not_a_runner_is_offered_opens(client: TestClient) -> None:
    _coach_only(client)
    offered = set(COACH_ONLY_TABS) | set(_links(client.get("/more").text, "//main"))
    assert not offered & {"/today", "/plan", "/log", "/progress", "/activities", "/calendar"}
    for path in offered - {"/docs"}:
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("path", ["/today", "/plan", "/progress", "/log", "/activities", "/"])
def test_a_coach_who_is_not_a_runner_is_sent_to_the_roster(client: TestClient, path: str) -> None:
    _coach_only(client)
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/coach"


def test_a_coach_who_is_also_a_runner_keeps_their_runner_pages(client: TestClient) -> None:
    assessed(client)
    client.post("/coach", data={"name": "Sam"})
    assert client.get("/today", follow_redirects=False).status_code == 200
    assert _links(client.get("/plan").text, TAB_BAR) == TABS


def test_a_runner_who_took_no_assessment_is_sent_to_it_from_runs(client: TestClient) -> None:
    sign_up(client)
    response = client.get("/activities", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/assess")


def test_a_runner_who_opens_the_coach_pages_keeps_the_runners_tabs(client: TestClient) -> None:
    assessed(client)
    assert _links(client.get("/coach").text, TAB_BAR) == TABS
