"""Runners have names: an optional display name chosen when the account is created (by whoever
opened the e-mailed link), editable on the account page, shown to coaches on the roster in place
of the bare e-mail (the name, then the e-mail small)."""

from __future__ import annotations

import lxml.html
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, assessed, mailed_token, sign_up


def _sign_up_named(client: TestClient, name: str, email: str = "ana@example.com") -> int:
    client.post("/api/v1/users", json={"email": email})
    token = mailed_token(client, email, "signup")
    answer = client.post(
        "/api/v1/users/confirmations", json={"token": token, "password": PASSWORD, "name": name}
    )
    return answer.status_code


def test_a_name_given_at_sign_up_is_kept_tidied(client: TestClient) -> None:
    assert _sign_up_named(client, "  Ana   Lima ") == 201
    assert client.get("/api/v1/me").json() == {"email": "ana@example.com", "name": "Ana Lima"}


def test_the_name_is_optional(client: TestClient) -> None:
    sign_up(client)
    assert client.get("/api/v1/me").json()["name"] is None


def test_the_sign_up_form_asks_for_the_name_before_the_password(client: TestClient) -> None:
    client.post("/signup", data={"email": "ana@example.com"})
    token = mailed_token(client, "ana@example.com", "signup")
    form = lxml.html.fromstring(client.get(f"/signup/confirm/{token}").text)
    assert [i.get("name") for i in form.xpath("//main//form//input")] == ["name", "password"]
    answer = client.post(
        f"/signup/confirm/{token}",
        data={"name": "Ana", "password": PASSWORD},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert client.get("/api/v1/me").json()["name"] == "Ana"


def test_a_name_with_control_characters_is_refused_and_the_link_still_works(
    client: TestClient,
) -> None:
    assert _sign_up_named(client, "Ana\x07") == 422
    assert _sign_up_named(client, "x" * 101, "bo@example.com") == 422


def test_the_name_is_changed_and_cleared_on_the_account_page(client: TestClient) -> None:
    sign_up(client)
    client.post("/name", data={"name": "Ana"})
    assert 'value="Ana"' in client.get("/data").text
    assert client.put("/api/v1/me/name", json={"name": "Ana Lima"}).json()["name"] == "Ana Lima"
    assert client.put("/api/v1/me/name", json={"name": "  "}).json()["name"] is None
    assert client.post("/name", data={"name": "\x00"}).status_code == 422


def test_the_roster_shows_the_name_then_the_email(app: FastAPI) -> None:
    coach, named, unnamed = TestClient(app), TestClient(app), TestClient(app)
    sign_up(coach, "coach@example.com")
    coach.post("/coach", data={"name": "Sam"})
    assessed(named, "ana@example.com")
    named.post("/name", data={"name": "Ana Lima"})
    assessed(unnamed, "bo@example.com")
    for runner in (named, unnamed):
        code = coach.post("/api/v1/coach/invites").json()["code"]
        assert runner.post("/api/v1/coaching/accept", json={"code": code}).status_code == 201
    cells = lxml.html.fromstring(coach.get("/coach").text).xpath(
        "//main//td[a[contains(@href, '/coach/runners/')]]"
    )
    shown = sorted(" ".join(c.text_content().split()) for c in cells)
    assert shown == ["Ana Lima ana@example.com", "bo@example.com"]
    roster = coach.get("/api/v1/coach/roster").json()
    assert sorted((r["name"], r["email"]) for r in roster if r["name"]) == [
        ("Ana Lima", "ana@example.com")
    ]
    found = coach.get("/coach", params={"q": "lima"}).text  # the search finds names too
    assert "ana@example.com" in found
    assert "bo@example.com" not in found


def test_a_refused_name_keeps_what_was_typed_on_the_form(client: TestClient) -> None:
    client.post("/signup", data={"email": "ana@example.com"})
    token = mailed_token(client, "ana@example.com", "signup")
    answer = client.post(f"/signup/confirm/{token}", data={"name": "A" * 101, "password": PASSWORD})
    assert answer.status_code == 422
    assert 'value="' + "A" * 101 + '"' in answer.text
