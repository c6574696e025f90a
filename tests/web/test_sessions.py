"""Sessions live on the server: ending one (log out, password reset or change, "sign out" from
another device, deleting the account) makes every copy of its cookie worthless at once; sessions
expire when unused and when old; a login always starts a new session."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, mailed_token, sign_up

COOKIE = "runrehab_session"
ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
NEW_PASSWORD = "a completely new one"


@pytest.fixture
def second(app: FastAPI) -> Iterator[TestClient]:
    """Another browser on the same app (no cookies of its own yet)."""
    with TestClient(app) as c:
        yield c


def copy_cookie(source: TestClient, target: TestClient) -> None:
    plant(target, source.cookies[COOKIE])


def plant(client: TestClient, cookie: str) -> None:
    """Put a session cookie into a browser, as the server would have set it."""
    client.cookies.clear()
    client.cookies.set(COOKIE, cookie, domain="testserver.local")


def log_in(client: TestClient, email: str = "ana@example.com", password: str = PASSWORD) -> None:
    response = client.post("/api/v1/session", json={"email": email, "password": password})
    assert response.status_code == 200, response.text


def signed_in(client: TestClient) -> bool:
    status = client.get("/api/v1/me").status_code
    assert status in (200, 401)
    return status == 200


class Clock:
    """The app's clock, moved by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(app: FastAPI) -> Clock:
    clock = Clock()
    app.state.runrehab = dataclasses.replace(app.state.runrehab, clock=clock)
    return clock


# -- a copied cookie stops working at once ------------------------------------------------------


@pytest.mark.parametrize("log_out", [("DELETE", "/api/v1/session"), ("POST", "/logout")])
def test_a_copied_cookie_stops_working_when_its_owner_logs_out(
    client: TestClient, second: TestClient, log_out: tuple[str, str]
) -> None:
    sign_up(client)
    copy_cookie(client, second)
    assert signed_in(second)
    client.request(*log_out)
    assert not signed_in(second)
    assert second.get("/today", follow_redirects=False).headers["location"].startswith("/login")


def test_a_password_reset_ends_every_session_of_the_account(
    client: TestClient, second: TestClient
) -> None:
    sign_up(client)
    copy_cookie(client, second)
    client.post("/api/v1/password-resets", json={"email": "ana@example.com"})
    token = mailed_token(client, "ana@example.com", "reset")
    reset = client.post(f"/api/v1/password-resets/{token}", json={"password": NEW_PASSWORD})
    assert reset.status_code == 200
    assert not signed_in(second)
    assert signed_in(client)  # the reset signs the resetting browser in afresh


@pytest.mark.parametrize(
    "delete", [("DELETE", "/api/v1/me", None), ("POST", "/data/delete", {"confirm": "DELETE"})]
)
def test_a_copied_cookie_stops_working_when_the_account_is_deleted(
    client: TestClient, second: TestClient, delete: tuple[str, str, dict[str, str] | None]
) -> None:
    sign_up(client)
    copy_cookie(client, second)
    method, path, form = delete
    assert client.request(method, path, data=form, follow_redirects=False).status_code in (204, 303)
    assert not signed_in(second)
    assert second.get("/api/v1/sessions").status_code == 401


def test_a_forged_or_replayed_token_signs_no_one_in(client: TestClient, second: TestClient) -> None:
    sign_up(client)
    copy_cookie(client, second)
    log_in(client)  # a new login: a new token; the old session ends
    assert signed_in(client)
    assert not signed_in(second)


def test_a_cookie_planted_before_login_never_signs_its_planter_in_as_the_victim(
    client: TestClient, second: TestClient
) -> None:
    """Session fixation: Mallory puts her own cookie into Ana's browser; Ana logs in. The login
    issues a new token, so Mallory's copy never becomes Ana (and her planted session ends)."""
    sign_up(client, "ana@example.com")
    client.delete("/api/v1/session")
    sign_up(second, "mallory@example.com")
    planted = second.cookies[COOKIE]
    plant(client, planted)
    log_in(client, "ana@example.com")
    assert client.cookies[COOKIE] != planted
    assert client.get("/api/v1/me").json()["email"] == "ana@example.com"
    assert not signed_in(second)


# -- expiry ---------------------------------------------------------------------------------------


def test_a_session_expires_after_the_idle_days(client: TestClient, clock: Clock) -> None:
    sign_up(client)
    clock.advance(days=13)
    assert signed_in(client)  # used: the idle time starts again
    clock.advance(days=13)
    assert signed_in(client)
    clock.advance(days=14, seconds=1)
    assert not signed_in(client)


def test_a_session_ends_after_its_lifetime_however_busy(client: TestClient, clock: Clock) -> None:
    sign_up(client)
    for _ in range(9):
        clock.advance(days=10)
        assert signed_in(client)
    clock.advance(days=1)  # 91 days since the login
    assert not signed_in(client)


def test_last_active_is_written_every_few_minutes_not_on_every_request(
    client: TestClient, clock: Clock
) -> None:
    sign_up(client)
    first = client.get("/api/v1/sessions").json()[0]["last_active_at"]
    clock.advance(minutes=4)
    assert client.get("/api/v1/sessions").json()[0]["last_active_at"] == first
    clock.advance(minutes=2)
    later = client.get("/api/v1/sessions").json()[0]["last_active_at"]
    assert datetime.fromisoformat(later) == clock.now


# -- see and end sessions --------------------------------------------------------------------------


def test_the_account_lists_its_devices_and_marks_this_one(
    client: TestClient, second: TestClient
) -> None:
    sign_up(client)
    second.headers["user-agent"] = ANDROID_CHROME
    log_in(second)
    listed = client.get("/api/v1/sessions").json()
    assert sorted((d["device"], d["this_device"]) for d in listed) == [
        ("Chrome on Android", False),
        ("a test client", True),
    ]
    assert all(d["signed_in_at"] and d["last_active_at"] for d in listed)


def test_ending_another_device_signs_it_out_and_keeps_this_one(
    client: TestClient, second: TestClient
) -> None:
    sign_up(client)
    log_in(second)
    other = next(d for d in client.get("/api/v1/sessions").json() if not d["this_device"])
    assert client.delete(f"/api/v1/sessions/{other['id']}").status_code == 204
    assert not signed_in(second)
    assert signed_in(client)
    assert len(client.get("/api/v1/sessions").json()) == 1


def test_another_accounts_session_is_not_found_and_never_ended(
    client: TestClient, second: TestClient
) -> None:
    sign_up(client, "ana@example.com")
    sign_up(second, "ben@example.com")
    bens = second.get("/api/v1/sessions").json()[0]["id"]
    assert client.delete(f"/api/v1/sessions/{bens}").status_code == 404
    assert client.post(f"/sessions/{bens}/end", follow_redirects=False).status_code == 404
    assert signed_in(second)


def test_sign_out_everywhere_else(client: TestClient, app: FastAPI) -> None:
    sign_up(client)
    with TestClient(app) as phone, TestClient(app) as laptop:
        log_in(phone)
        log_in(laptop)
        assert client.delete("/api/v1/sessions").status_code == 204
        assert not signed_in(phone)
        assert not signed_in(laptop)
    assert signed_in(client)
    assert [d["this_device"] for d in client.get("/api/v1/sessions").json()] == [True]


# -- change the password -------------------------------------------------------------------------


def test_changing_the_password_needs_the_current_one_and_changes_nothing_without_it(
    client: TestClient, second: TestClient
) -> None:
    sign_up(client)
    log_in(second)
    wrong = client.put(
        "/api/v1/me/password",
        json={"current_password": "not the password", "new_password": NEW_PASSWORD},
    )
    assert wrong.status_code == 422
    assert wrong.json()["detail"] == [
        {"loc": "current_password", "msg": "the current password is wrong; nothing was changed"}
    ]
    short = client.put(
        "/api/v1/me/password", json={"current_password": PASSWORD, "new_password": "short"}
    )
    assert short.status_code == 422
    assert short.json()["detail"][0]["loc"] == "new_password"
    assert signed_in(second)
    log_in(TestClient(client.app), password=PASSWORD)  # the old password still works


def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(
    client: TestClient, second: TestClient
) -> None:
    sign_up(client)
    log_in(second)
    changed = client.put(
        "/api/v1/me/password", json={"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    )
    assert changed.status_code == 204
    assert signed_in(client)
    assert not signed_in(second)
    refused = second.post(
        "/api/v1/session", json={"email": "ana@example.com", "password": PASSWORD}
    )
    assert refused.status_code == 401
    log_in(second, password=NEW_PASSWORD)


# -- the account page, for a runner and for a coach --------------------------------------------------


def become_coach(client: TestClient) -> None:
    response = client.post("/api/v1/coach", json={"name": "Cole Coach"})
    assert response.status_code in (200, 201), response.text


@pytest.mark.parametrize("role", ["runner", "coach"])
def test_the_account_page_shows_the_devices_and_ends_them(
    client: TestClient, second: TestClient, role: str
) -> None:
    sign_up(client)
    if role == "coach":
        become_coach(client)
    second.headers["user-agent"] = ANDROID_CHROME
    log_in(second)
    html = client.get("/data").text
    assert "Signed-in devices" in html
    assert "Chrome on Android" in html
    assert "This device" in html
    assert "Change password" in html
    other = next(d for d in client.get("/api/v1/sessions").json() if not d["this_device"])
    ended = client.post(f"/sessions/{other['id']}/end", follow_redirects=False)
    assert ended.headers["location"] == "/data#devices"
    assert not signed_in(second)


def test_the_account_page_signs_out_everywhere_else(client: TestClient, second: TestClient) -> None:
    sign_up(client)
    log_in(second)
    assert "Sign out everywhere else" in client.get("/data").text
    client.post("/sessions/end-others")
    assert not signed_in(second)
    assert "Sign out everywhere else" not in client.get("/data").text


def test_the_password_form_says_what_was_wrong_and_what_changed(
    client: TestClient, second: TestClient
) -> None:
    sign_up(client)
    log_in(second)
    form = {"current_password": "not the password", "new_password": NEW_PASSWORD}
    wrong = client.post("/password", data=form)
    assert wrong.status_code == 422
    assert "the current password is wrong; nothing was changed" in wrong.text
    assert signed_in(second)
    form["current_password"] = PASSWORD
    changed = client.post("/password", data=form)
    assert changed.status_code == 200
    assert "Password changed. Every other device was signed out" in changed.text
    assert not signed_in(second)


def test_password_attempts_count_against_the_login_limit(client: TestClient) -> None:
    sign_up(client)
    wrong = {"current_password": "not the password", "new_password": NEW_PASSWORD}
    codes = [client.put("/api/v1/me/password", json=wrong).status_code for _ in range(6)]
    assert codes == [422] * 5 + [429]
