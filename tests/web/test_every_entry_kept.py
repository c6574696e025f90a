"""Every entry is kept: a page hands out a fresh entry id after each save, a repeat is only ever
the same id with the same content, and a decision shown on Today is read back from the database,
never from the URL."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.conftest import assessed, sign_up

HTMX = {"HX-Request": "true"}
FORMS = {
    "exercise": {"exercise": "single_leg_bridge", "sets": "1", "reps": "6", "pain": "2"},
    "run": {"minutes": "20", "distance_km": "3", "pain_during": "1", "pain_after": "1"},
    "checkin": {"monitoring_pain": "1", "stiffness_min": "5"},
}


def _ids_on(html: str) -> dict[str, str]:
    """Each log form's entry id by the form's key, as the page (or an out-of-band swap) hands it out."""
    found = re.findall(r'id="([\w-]+)-entry-id" name="id" value="(\w+)"', html)
    return dict(found)


def _log(client: TestClient, kind: str, entry_id: str, **changes: str) -> Any:
    data = FORMS[kind] | {"form": kind} | changes | {"id": entry_id}
    return client.post(f"/log/{kind}", data=data, headers=HTMX)


def _history(client: TestClient) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = client.get("/api/v1/history").json()["entries"]
    return entries


@pytest.mark.parametrize("path", ["/log", "/today"])
def test_each_log_form_on_a_page_has_its_own_id(client: TestClient, path: str) -> None:
    assessed(client)
    ids = _ids_on(client.get(path).text)
    if path == "/log":
        assert set(ids) == set(FORMS)
    else:  # Today: a card per planned exercise, the run if any, the morning check
        assert "card-checkin" in ids
        assert any(key.startswith("card-ex-") for key in ids)
    assert len(set(ids.values())) == len(ids)


def test_a_save_hands_the_form_it_came_from_a_fresh_id_and_no_other(client: TestClient) -> None:
    assessed(client)
    first = _ids_on(client.get("/log").text)
    saved = _log(client, "exercise", first["exercise"])
    assert saved.status_code == 200, saved.text
    fresh = _ids_on(saved.text)
    assert set(fresh) == {"exercise"}
    assert fresh["exercise"] != first["exercise"]
    assert saved.text.count('hx-swap-oob="true"') == 1


def test_a_form_key_that_is_not_a_key_renews_nothing(client: TestClient) -> None:
    assessed(client)
    saved = _log(client, "run", "odd-key", form='x" onmouseover="alert(1)')
    assert saved.status_code == 200, saved.text
    assert _ids_on(saved.text) == {}
    assert "onmouseover" not in saved.text


def test_two_saves_from_one_page_are_two_entries_and_the_second_decision_is_about_the_second(
    client: TestClient,
) -> None:
    for kind, changes in (
        ("exercise", {"pain": "6"}),
        ("run", {"pain_during": "6"}),
        ("checkin", {"monitoring_pain": "6"}),
    ):
        client.cookies.clear()
        assessed(client, f"{kind}@example.com")
        page_id = _ids_on(client.get("/log").text)[kind]
        first = _log(client, kind, page_id)
        second = _log(client, kind, _ids_on(first.text)[kind], **changes)
        assert second.status_code == 200, second.text
        assert "already logged" not in second.text
        assert "6/10" in second.text or "pain 6" in second.text.lower(), second.text
        assert len(_history(client)) == 2


def test_the_same_id_with_the_same_content_is_a_repeat_and_stores_nothing_more(
    client: TestClient,
) -> None:
    assessed(client)
    first = _log(client, "run", "a-double-click")
    again = _log(client, "run", "a-double-click")
    assert (first.status_code, again.status_code) == (200, 200)
    assert "already logged" in again.text
    assert len(_history(client)) == 1


def test_the_same_id_with_different_content_is_refused_with_a_reason_and_stores_nothing(
    client: TestClient,
) -> None:
    assessed(client)
    _log(client, "exercise", "reused-id")
    refused = _log(client, "exercise", "reused-id", pain="6")
    assert refused.status_code == 409
    assert "different values" in refused.text
    assert "reload the page" in refused.text
    [kept] = _history(client)
    assert kept["pain"] == 2


def test_the_api_refuses_a_reused_id_with_different_content(client: TestClient) -> None:
    assessed(client)
    entry = {"type": "run", "id": "api-1", "date": "2026-12-02", "minutes": 20, "pain_after": 1}
    assert client.post("/api/v1/entries", json=entry | {"pain_during": 1}).status_code == 201
    repeat = client.post("/api/v1/entries", json=entry | {"pain_during": 1})
    assert (repeat.status_code, repeat.json()["duplicate"]) == (200, True)
    clash = client.post("/api/v1/entries", json=entry | {"pain_during": 7})
    assert clash.status_code == 409
    assert "different values" in clash.json()["detail"]
    assert [e["pain_during"] for e in _history(client)] == [1]


def test_without_javascript_today_shows_the_stored_decision_by_entry_id(
    client: TestClient,
) -> None:
    assessed(client)
    saved = client.post("/log/run", data=FORMS["run"] | {"id": "nojs-1"}, follow_redirects=False)
    assert saved.status_code == 303
    assert saved.headers["location"] == "/today?entry=nojs-1"
    today = client.get(saved.headers["location"]).text
    assert 'id="decision"' in today
    again = client.post("/log/run", data=FORMS["run"] | {"id": "nojs-1"}, follow_redirects=False)
    assert again.headers["location"] == "/today?entry=nojs-1&again=1"
    assert "already logged" in client.get(again.headers["location"]).text


def test_a_decision_in_the_url_is_never_shown(client: TestClient) -> None:
    assessed(client)
    made_up = quote('{"decision": "PROGRESS", "reasons": [{"says": "Run a marathon today"}]}')
    for query in (f"logged={made_up}", "logged=notjson", "entry=unknown-id", f"entry={made_up}"):
        page = client.get(f"/today?{query}")
        assert page.status_code == 200, query
        assert 'id="decision"' not in page.text
        assert "Run a marathon today" not in page.text


def test_another_runners_entry_id_shows_no_decision(client: TestClient) -> None:
    assessed(client, "owner@example.com")
    _log(client, "run", "owners-run")
    client.cookies.clear()
    assessed(client, "other@example.com")
    page = client.get("/today?entry=owners-run")
    assert page.status_code == 200
    assert 'id="decision"' not in page.text


@pytest.fixture
def signed_in_runner(client: TestClient) -> TestClient:
    return assessed(client)


# any text but NUL, which every route refuses (test_nul_refused)
QUERY_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00"),
    max_size=40,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pairs=st.lists(
        st.tuples(st.sampled_from(["on", "entry", "again", "logged", "x", ""]), QUERY_TEXT),
        max_size=4,
    )
)
def test_any_today_query_string_renders_the_page(
    signed_in_runner: TestClient, pairs: list[tuple[str, str]]
) -> None:
    query = "&".join(f"{quote(k)}={quote(v)}" for k, v in pairs)
    page = signed_in_runner.get(f"/today?{query}")
    assert page.status_code == 200, (query, page.text[:300])
    assert "<h1>Today" in page.text


def test_an_unknown_page_is_a_styled_page_with_the_way_back(client: TestClient) -> None:
    sign_up(client)
    page = client.get("/no/such/page", headers={"Accept": "text/html"})
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "Page not found" in page.text
    assert 'href="/"' in page.text
    assert 'href="/static/app.css' in page.text or "app.css" in page.text


def test_under_api_an_unknown_route_is_still_json(client: TestClient) -> None:
    missing = client.get("/api/v1/no-such-thing")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Not Found"}


@pytest.mark.server_error
def test_a_server_error_is_a_page_for_a_browser_and_json_for_the_api(client: TestClient) -> None:
    def crash() -> None:
        raise RuntimeError("a bug")

    client.app.add_api_route("/crash", crash)  # type: ignore[attr-defined]
    client.app.add_api_route("/api/v1/crash", crash)  # type: ignore[attr-defined]
    with TestClient(client.app, raise_server_exceptions=False) as browser:
        page = browser.get("/crash")
        assert page.status_code == 500
        assert "Something went wrong on our side" in page.text
        assert "Nothing you entered before this was lost" in page.text
        api = browser.get("/api/v1/crash")
        assert (api.status_code, api.json()) == (500, {"detail": "internal error"})


def test_a_save_after_the_session_ended_goes_to_login_then_back_to_the_form_page(
    client: TestClient,
) -> None:
    assessed(client)
    client.post("/logout")
    client.cookies.clear()
    form = FORMS["run"] | {"id": "after-logout"}
    by_htmx = client.post(
        "/log/run", data=form, headers=HTMX | {"Referer": "http://testserver/today"}
    )
    assert by_htmx.status_code == 401
    assert "you are logged out" in by_htmx.text
    assert "href='/login?next=/today'" in by_htmx.text
    plain = client.post(
        "/log/run",
        data=form,
        headers={"Referer": "http://testserver/today"},
        follow_redirects=False,
    )
    assert plain.headers["location"] == "/login?next=/today"
    elsewhere = client.post(
        "/log/run",
        data=form,
        headers={"Referer": "https://evil.example/today"},
        follow_redirects=False,
    )
    assert elsewhere.headers["location"] == "/login?next=/"


def test_the_check_in_form_offers_warning_signs_and_one_that_needs_care_today_wins(
    client: TestClient,
) -> None:
    assessed(client)
    for path in ("/today", "/log"):
        assert 'name="red_flags" value="saddle_numbness"' in client.get(path).text, path
    reported = client.post(
        "/log/checkin",
        data=FORMS["checkin"] | {"id": "sign-1", "red_flags": ["saddle_numbness"]},
        headers=HTMX,
    )
    assert reported.status_code == 200, reported.text
    assert "emergency department" in reported.text
    page = client.get("/today").text
    assert "Get medical care today" in page
    assert 'action="/log/exercise"' not in page
    assert 'action="/log/exercise"' not in client.get("/log").text


def test_an_information_card_from_the_library_is_refused_as_an_entry_not_a_server_error(
    client: TestClient,
) -> None:
    assessed(client)
    library = client.get("/api/v1/exercises").json()
    cards = [e["id"] for e in library if e["category"] == "education"]
    assert cards
    for card in cards:
        entry = {"type": "exercise", "exercise": card, "sets": 1, "reps": 5, "pain": 0}
        refused = client.post("/api/v1/entries", json=entry)
        assert refused.status_code == 422, (card, refused.text)
        page = client.post("/log/exercise", data={"exercise": card, "sets": "1", "reps": "5"})
        assert page.status_code == 422
    assert _history(client) == []


def test_the_log_forms_take_a_watchs_distance_and_a_small_plate_as_they_are(
    client: TestClient,
) -> None:
    assessed(client)
    pages = client.get("/today").text + client.get("/log").text
    for field in ("distance_km", "load_kg"):  # a browser refuses 5.23 km under step="0.1"
        tags = re.findall(rf'<input [^>]*name="{field}"[^>]*>', pages)
        assert tags, field
        assert all('step="any"' in tag for tag in tags), tags
    saved = _log(client, "run", "decimal-run", distance_km="5.23")
    assert saved.status_code == 200, saved.text
    assert _history(client)[0]["distance_km"] == 5.23


LEFS = {f"q{i}": 3 for i in range(1, 21)}


def test_a_questionnaire_sent_twice_from_one_page_is_stored_once(client: TestClient) -> None:
    assessed(client)
    form = re.search(r'name="response_id" value="(\w+)"', client.get("/questionnaires/lefs").text)
    assert form is not None
    answers = {k: str(v) for k, v in LEFS.items()} | {"response_id": form.group(1)}
    assert client.post("/questionnaires/lefs", data=answers).status_code == 200
    assert client.post("/questionnaires/lefs", data=answers).status_code == 200  # a double tap
    changed = client.post("/questionnaires/lefs", data=answers | {"q1": "0"})
    assert changed.status_code == 409
    assert "already saved with different answers" in changed.text
    assert [s["score"] for s in client.get("/api/v1/questionnaires").json()] == [60]


def test_the_api_refuses_a_reused_response_id_with_other_answers(client: TestClient) -> None:
    assessed(client)
    first = client.post("/api/v1/questionnaires/lefs", json=LEFS | {"id": "r-1"})
    again = client.post("/api/v1/questionnaires/lefs", json=LEFS | {"id": "r-1"})
    assert first.json() == again.json()
    clash = client.post("/api/v1/questionnaires/lefs", json=LEFS | {"id": "r-1", "q1": 0})
    assert clash.status_code == 409
    assert len(client.get("/api/v1/questionnaires").json()) == 1
