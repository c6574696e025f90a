"""Sign up, log in, log out, reset a forgotten password; CSRF and rate limits. (Signing up by
the e-mailed link, and the same answer for every address: test_sign_up_by_link.py.)"""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from fastapi.testclient import TestClient

from runrehab.adapters.mail import SmtpMailer
from runrehab.config import Settings
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.web.app import create_app
from tests.web.conftest import CHEAP_HASHER, PASSWORD, OutBox, mailed_token, sign_up


def test_sign_up_logs_you_in_and_log_out_logs_you_out(client: TestClient) -> None:
    sign_up(client)
    assert client.get("/api/v1/me").json()["email"] == "ana@example.com"
    client.delete("/api/v1/session")
    assert client.get("/api/v1/me").status_code == 401


def test_the_session_cookie_is_httponly_and_samesite(client: TestClient) -> None:
    client.post("/api/v1/users", json={"email": "ana@example.com"})
    token = mailed_token(client, "ana@example.com", "signup")
    response = client.post(
        "/api/v1/users/confirmations", json={"token": token, "password": PASSWORD}
    )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie


def test_passwords_are_stored_as_argon2_hashes(client: TestClient, app) -> None:  # type: ignore[no-untyped-def]
    sign_up(client)
    with app.state.runrehab.uow() as uow:
        user = uow.accounts.user_by_email("ana@example.com")
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_sign_up_rejects_a_bad_address_with_the_field(client: TestClient) -> None:
    response = client.post("/api/v1/users", json={"email": "not-an-email"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == "email"


def test_a_short_password_chosen_at_the_link_is_refused_and_the_link_still_works(
    client: TestClient,
) -> None:
    client.post("/api/v1/users", json={"email": "ana@example.com"})
    token = mailed_token(client, "ana@example.com", "signup")
    short = client.post("/api/v1/users/confirmations", json={"token": token, "password": "short"})
    assert short.status_code == 422
    assert short.json()["detail"][0]["loc"] == "password"
    good = client.post("/api/v1/users/confirmations", json={"token": token, "password": PASSWORD})
    assert good.status_code == 201


def test_wrong_password_and_unknown_email_get_the_same_answer(client: TestClient) -> None:
    sign_up(client)
    client.delete("/api/v1/session")
    wrong = client.post(
        "/api/v1/session", json={"email": "ana@example.com", "password": "nope nope nope"}
    )
    unknown = client.post(
        "/api/v1/session", json={"email": "bob@example.com", "password": "nope nope nope"}
    )
    assert (
        (wrong.status_code, wrong.json())
        == (unknown.status_code, unknown.json())
        == (401, {"detail": "email or password is wrong"})
    )


class CountingHasher:
    """The suite's cheap hasher, counting its verifications."""

    def __init__(self) -> None:
        self.verified: list[str] = []

    def hash(self, password: str) -> str:
        return CHEAP_HASHER.hash(password)

    def verify(self, password: str, hashed: str) -> bool:
        self.verified.append(hashed)
        return CHEAP_HASHER.verify(password, hashed)


def test_login_does_the_same_password_work_whether_or_not_the_account_exists(
    settings: Settings, outbox: OutBox, kb: KnowledgeBase
) -> None:
    """An unknown address is checked against a dummy hash, so its answer takes an argon2
    verification like a wrong password's (counted here, not timed: a timed unit test only measures
    the machine's load; `benchmarks/bench_enumeration.py` times it with the real costs)."""
    hasher = CountingHasher()
    app = create_app(settings, kb=kb, mailer=outbox, hasher=hasher)
    with TestClient(app) as client:
        sign_up(client)
        client.cookies.clear()
        for email in ("ana@example.com", "zed@example.com"):
            before = len(hasher.verified)
            answer = client.post("/api/v1/session", json={"email": email, "password": "nope nope"})
            assert answer.status_code == 401
            assert len(hasher.verified) == before + 1, email
    real, dummy = hasher.verified[-2:]
    assert real != dummy  # the account's own hash, then the dummy one
    app.state.runrehab.engine.dispose()


def test_login_attempts_are_rate_limited(client: TestClient) -> None:
    codes = [
        client.post("/api/v1/session", json={"email": "a@b.c", "password": "x" * 10}).status_code
        for _ in range(6)
    ]
    assert codes == [401] * 5 + [429]


@pytest.mark.parametrize(
    ("path", "page_path", "body", "page_says"),
    [
        ("/api/v1/users", "/signup", {"email": ""}, "Check your e-mail"),
        ("/api/v1/password-resets", "/reset", {"email": ""}, "on its way"),
    ],
    ids=["sign-up", "reset"],
)
def test_requests_that_send_mail_are_rate_limited_whatever_the_address(
    client: TestClient,
    settings: Settings,
    path: str,
    page_path: str,
    body: dict[str, str],
    page_says: str,
) -> None:
    """Each sign-up or reset request sends a mail: a flood from one client stops at the limit,
    which is the same for an address with an account and one without, through the API or a form."""
    sign_up(client, "ana@example.com")  # on the same database, through an app without the limit
    app = create_app(settings.model_copy(update={"mail_rate_limit": "4/minute"}), mailer=OutBox())
    with TestClient(app) as limited:
        addresses = ["ana@example.com", "zed@example.com"]
        codes = [
            limited.post(path, json=body | {"email": addresses[n % 2]}).status_code
            for n in range(3)
        ]
        page = limited.post(page_path, data=body | {"email": "zed@example.com"})
        after = limited.post(path, json=body | {"email": "ana@example.com"})
    app.state.runrehab.engine.dispose()
    assert codes == [202, 202, 202]
    assert page.status_code == 200
    assert page_says in page.text
    assert after.status_code == 429
    assert after.json()["detail"].startswith("Too many attempts")
    assert after.headers["Retry-After"]


def test_cross_site_posts_are_refused(client: TestClient) -> None:
    forged = client.post(
        "/api/v1/users",
        json={"email": "eve@example.com"},
        headers={"Origin": "https://evil.example"},
    )
    assert forged.status_code == 403
    fetch = client.post(
        "/signup",
        data={"email": "eve@example.com"},
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert fetch.status_code == 403
    same = client.post(
        "/api/v1/users",
        json={"email": "eve@example.com"},
        headers={"Origin": "http://testserver"},
    )
    assert same.status_code == 202


def _reset_links(client: TestClient, count: int) -> list[str]:
    tokens = []
    for _ in range(count):
        client.post("/api/v1/password-resets", json={"email": "ana@example.com"})
        tokens.append(mailed_token(client, "ana@example.com", "reset"))
    return tokens


def test_a_new_password_voids_every_reset_link_mailed_before_it(client: TestClient) -> None:
    """A link from before a reset or a change must not undo it (someone who saw an old mail)."""
    sign_up(client)
    first, second, third = _reset_links(client, 3)
    used = client.post(f"/api/v1/password-resets/{first}", json={"password": "a brand new one"})
    assert used.status_code == 200
    late = client.post(f"/api/v1/password-resets/{second}", json={"password": "an attacker's"})
    assert late.status_code == 422
    changed = client.put(
        "/api/v1/me/password",
        json={"current_password": "a brand new one", "new_password": "changed while in"},
    )
    assert changed.status_code == 204
    after_change = client.post(
        f"/api/v1/password-resets/{third}", json={"password": "an attacker's"}
    )
    assert after_change.status_code == 422


def test_a_reset_link_used_twice_at_the_same_moment_works_once(client: TestClient) -> None:
    sign_up(client)
    [token] = _reset_links(client, 1)
    with ThreadPoolExecutor(max_workers=6) as pool:
        codes = list(
            pool.map(
                lambda n: (
                    TestClient(client.app)
                    .post(
                        f"/api/v1/password-resets/{token}", json={"password": f"new password {n}"}
                    )
                    .status_code
                ),
                range(6),
            )
        )
    assert sorted(codes) == [200] + [422] * 5


def test_a_reset_link_works_once(client: TestClient) -> None:
    sign_up(client)
    assert (
        client.post("/api/v1/password-resets", json={"email": "ana@example.com"}).status_code == 202
    )
    token = mailed_token(client, "ana@example.com", "reset")
    assert (
        client.post(
            f"/api/v1/password-resets/{token}", json={"password": "a brand new one"}
        ).status_code
        == 200
    )
    assert (
        client.post(
            f"/api/v1/password-resets/{token}", json={"password": "and another one"}
        ).status_code
        == 422
    )
    client.delete("/api/v1/session")
    assert (
        client.post(
            "/api/v1/session", json={"email": "ana@example.com", "password": "a brand new one"}
        ).status_code
        == 200
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Inbox(Message):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def handle_message(self, message) -> None:  # type: ignore[no-untyped-def]
        self.messages.append(message.get_payload(decode=True).decode())


@pytest.fixture
def smtp() -> Iterator[tuple[int, _Inbox]]:
    inbox, port = _Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


def test_the_reset_email_goes_through_a_real_smtp_server_at_once(
    settings: Settings, smtp: tuple[int, _Inbox]
) -> None:
    """The server's notification thread wakes when a request queues mail: the link arrives
    within seconds although its round is an hour."""
    port, inbox = smtp
    app = create_app(
        settings.model_copy(update={"run_worker": True, "worker_interval_s": 3600}),
        mailer=SmtpMailer("127.0.0.1", port, "runrehab <no-reply@runrehab.test>"),
    )
    with TestClient(app) as client:
        sign_up(client)
        client.post("/reset", data={"email": "ana@example.com"})
        for _ in range(100):
            if any("/reset/" in m for m in inbox.messages):
                break
            time.sleep(0.1)
        link = re.search(r"http://testserver/reset/([\w-]+)", "\n".join(inbox.messages))
        assert link is not None
        page = client.post(
            f"/reset/{link.group(1)}",
            data={"password": "reset via smtp ok"},
            follow_redirects=False,
        )
        assert page.status_code == 303
    app.state.runrehab.engine.dispose()
