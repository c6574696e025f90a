"""Signing up by an e-mailed link, and answers that do not tell whether an address has an
account: sign-up, password reset and coach invitations say the same thing, with the same status,
for an unknown address, a runner's and a coach's. (Login: test_accounts.py. Time: the
enumeration benchmark, benchmarks/bench_enumeration.py.)"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import update

from runrehab.adapters.db.tables import PendingSignUpRow
from runrehab.services.notifications import send_due
from tests.web.conftest import PASSWORD, OutBox, mailed_token, sign_up

UNKNOWN, RUNNER, COACH = "unknown@example.com", "runner@example.com", "coach@example.com"


@pytest.fixture
def accounts(app: FastAPI) -> FastAPI:
    """A runner's account and a coach's; UNKNOWN has none."""
    sign_up(TestClient(app), RUNNER)
    coach = TestClient(app)
    sign_up(coach, COACH)
    assert coach.post("/api/v1/coach", json={"name": "Cole", "organisation": "Clinic"}).is_success
    return app


def _users(app: FastAPI) -> list[str]:
    with app.state.runrehab.uow() as uow:
        return sorted(n["to"] for n in uow.outbox.all() if n["kind"] == "signup")


def _answers(client: TestClient, method: str, path: str, field: str, body: dict[str, str]) -> set:  # type: ignore[type-arg]
    """(status, body with the address taken out) for each kind of address."""
    answers = set()
    for address in (UNKNOWN, RUNNER, COACH):
        sent = {field: address} | body
        response = (
            client.post(path, json=sent) if method == "json" else client.post(path, data=sent)
        )
        answers.add((response.status_code, response.text.replace(address, "ADDRESS")))
    return answers


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("json", "/api/v1/users", {}, 202),
        ("form", "/signup", {}, 200),
        ("json", "/api/v1/password-resets", {}, 202),
        ("form", "/reset", {}, 200),
    ],
)
def test_sign_up_and_reset_answer_the_same_for_every_address(
    accounts: FastAPI, method: str, path: str, body: dict[str, str], status: int
) -> None:
    [(code, _)] = _answers(TestClient(accounts), method, path, "email", body)
    assert code == status


def test_invitations_answer_the_same_for_every_address(accounts: FastAPI) -> None:
    admin = TestClient(accounts)
    sign_up(admin, "admin@example.com")
    admin.post("/api/v1/coach", json={"name": "Ada", "organisation": "Run Clinic"})
    [(code, _)] = _answers(admin, "json", "/api/v1/organisation/invitations", "email", {})
    assert code == 202


def test_each_address_is_told_what_applies_to_it(accounts: FastAPI, outbox: OutBox) -> None:
    """A new address gets the link; an address with an account is told to log in or reset."""
    client, uow = TestClient(accounts), accounts.state.runrehab.uow
    send_due(outbox, uow(), lambda: datetime.now(UTC))  # the fixture's own sign-ups
    outbox.sent.clear()
    for address in (UNKNOWN, RUNNER):
        client.post("/api/v1/users", json={"email": address})
        client.post("/api/v1/password-resets", json={"email": address})
    send_due(outbox, uow(), lambda: datetime.now(UTC))
    told = {
        (to, *(words in body for words in ("/signup/confirm/", "already has one", "/reset/")))
        for to, _, body in outbox.sent
        if to in (UNKNOWN, RUNNER)
    }
    assert told == {
        (UNKNOWN, True, False, False),  # sign-up: the link that creates the account
        (RUNNER, False, True, False),  # sign-up: log in or reset instead
        (UNKNOWN, False, False, False),  # reset: there is no account at this address
        (RUNNER, False, False, True),  # reset: the link
    }


def test_signing_up_an_address_with_an_account_changes_nothing(accounts: FastAPI) -> None:
    client = TestClient(accounts)
    client.post("/api/v1/users", json={"email": RUNNER})
    assert client.get("/api/v1/me").status_code == 401  # not signed in as anyone
    signed_in = client.post("/api/v1/session", json={"email": RUNNER, "password": PASSWORD})
    assert signed_in.status_code == 200  # the password is still the owner's


def test_whoever_asks_for_an_address_cannot_choose_its_password(client: TestClient) -> None:
    """An attacker signs up a victim's address; the victim opens the link they were mailed and
    creates the account: the password is the one the victim chose there, so the attacker, who
    never saw the mail, has no way in (the sign-up request takes no password at all)."""
    attacker = TestClient(client.app)
    refused = attacker.post(
        "/api/v1/users", json={"email": "victim@example.com", "password": "attacker's own pw"}
    )
    assert refused.status_code == 422  # a password here is not part of the contract
    attacker.post("/api/v1/users", json={"email": "victim@example.com"})
    token = mailed_token(client, "victim@example.com", "signup")  # only the victim reads this
    client.post("/api/v1/users/confirmations", json={"token": token, "password": PASSWORD})
    for guess in ("attacker's own pw", ""):
        tried = attacker.post(
            "/api/v1/session", json={"email": "victim@example.com", "password": guess or "x"}
        )
        assert tried.status_code == 401


def test_the_api_journey_creates_the_account_only_from_the_link(client: TestClient) -> None:
    asked = client.post("/api/v1/users", json={"email": "Ana@Example.com"})
    assert asked.status_code == 202
    assert client.get("/api/v1/me").status_code == 401
    assert (
        client.post(
            "/api/v1/session", json={"email": "ana@example.com", "password": PASSWORD}
        ).status_code
        == 401
    )  # no account until the link is used
    token = mailed_token(client, "ana@example.com", "signup")
    confirmed = client.post(
        "/api/v1/users/confirmations", json={"token": token, "password": PASSWORD}
    )
    assert (confirmed.status_code, confirmed.json()) == (
        201,
        {"email": "ana@example.com", "name": None},
    )
    assert client.get("/api/v1/me").json()["email"] == "ana@example.com"
    again = TestClient(client.app).post(
        "/api/v1/users/confirmations", json={"token": token, "password": "a different password"}
    )
    assert again.status_code == 422  # once


def test_a_link_expires_after_a_day(app: FastAPI, client: TestClient) -> None:
    client.post("/api/v1/users", json={"email": "ana@example.com"})
    with app.state.runrehab.engine.begin() as connection:
        connection.execute(
            update(PendingSignUpRow).values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    token = mailed_token(client, "ana@example.com", "signup")
    expired = client.post(
        "/api/v1/users/confirmations", json={"token": token, "password": PASSWORD}
    )
    assert expired.status_code == 422
    assert "expired" in expired.text


def test_of_two_links_for_one_address_only_the_first_opened_creates_it(client: TestClient) -> None:
    for _ in range(2):
        client.post("/api/v1/users", json={"email": "ana@example.com"})
    with client.app.state.runrehab.uow() as uow:  # type: ignore[attr-defined]
        links = [n["body"] for n in uow.outbox.all() if n["kind"] == "signup"]
    tokens = [b.split("/signup/confirm/")[1].split()[0] for b in links]
    first = client.post(
        "/api/v1/users/confirmations", json={"token": tokens[1], "password": PASSWORD}
    )
    assert first.status_code == 201
    other = TestClient(client.app).post(
        "/api/v1/users/confirmations", json={"token": tokens[0], "password": PASSWORD}
    )
    assert (other.status_code, "already has an account" in other.text) == (422, True)


def test_the_web_journey_opens_the_link_and_presses_the_button(client: TestClient) -> None:
    asked = client.post("/signup", data={"email": " Ana@Example.com"}, follow_redirects=False)
    assert (asked.status_code, asked.headers["location"]) == (303, "/signup/sent")
    sent = client.get("/signup/sent")  # a page of its own: Back or reload sends nothing again
    assert "Check your e-mail" in sent.text
    assert "We sent a link to ana@example.com." in sent.text
    assert client.get("/signup/sent").text == sent.text
    token = mailed_token(client, "ana@example.com", "signup")
    opened = client.get(f"/signup/confirm/{token}")  # what a mail scanner would fetch
    assert "Create my account" in opened.text
    assert "Choose a password" in opened.text
    assert client.get("/api/v1/me").status_code == 401  # opening it created nothing
    short = client.post(f"/signup/confirm/{token}", data={"password": "short"})
    assert short.status_code == 422
    assert "at least 10 characters" in short.text
    assert "Choose a password" in short.text  # the link still works: try again
    pressed = client.post(
        f"/signup/confirm/{token}", data={"password": PASSWORD}, follow_redirects=False
    )
    assert (pressed.status_code, pressed.headers["location"]) == (303, "/assess/1")
    assert client.get("/api/v1/me").json()["email"] == "ana@example.com"
    stale = TestClient(client.app).post(f"/signup/confirm/{token}", data={"password": PASSWORD})
    assert (stale.status_code, "This link does not work" in stale.text) == (422, True)


def test_the_sent_page_without_a_sign_up_goes_back_to_the_form(client: TestClient) -> None:
    answer = client.get("/signup/sent", follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, "/signup")


def test_a_used_link_says_so_before_asking_for_a_password(client: TestClient) -> None:
    sign_up(client)
    token = mailed_token(client, "ana@example.com", "signup")
    page = TestClient(client.app).get(f"/signup/confirm/{token}")
    assert page.status_code == 422
    assert "This link does not work" in page.text
    assert "Choose a password" not in page.text


def test_bad_input_is_refused_before_anything_is_stored(client: TestClient) -> None:
    refused = client.post("/signup", data={"email": "not an address"})
    assert refused.status_code == 422
    assert _users(client.app) == []  # type: ignore[arg-type]
