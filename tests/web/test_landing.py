"""Where a log-in lands: a coach who is not a runner on their roster, everyone else on Today
(or on the page they were sent to log in from)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, assessed, sign_up


def _log_in_again(client: TestClient, email: str, **form: str) -> str:
    client.post("/logout")
    answer = client.post(
        "/login", data={"email": email, "password": PASSWORD} | form, follow_redirects=False
    )
    assert answer.status_code == 303, answer.text
    return answer.headers["location"]


def test_a_runner_lands_on_today(client: TestClient) -> None:
    assessed(client)
    assert _log_in_again(client, "ana@example.com") == "/today"


def test_a_coach_who_is_not_a_runner_lands_on_the_roster(client: TestClient) -> None:
    sign_up(client, "sam@example.com")
    client.post("/coach", data={"name": "Sam"})
    assert _log_in_again(client, "sam@example.com") == "/coach"


def test_a_coach_who_is_also_a_runner_lands_on_today(client: TestClient) -> None:
    assessed(client)
    client.post("/coach", data={"name": "Ana"})
    assert _log_in_again(client, "ana@example.com") == "/today"


def test_the_page_asked_for_wins_over_the_home(client: TestClient) -> None:
    sign_up(client, "sam@example.com")
    client.post("/coach", data={"name": "Sam"})
    assert _log_in_again(client, "sam@example.com", next="/data") == "/data"
