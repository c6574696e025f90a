"""Password guessing is limited per client and per account: a client is its address, an IPv6 one
its /64 network (whoever holds one address of it holds 2^64); and guesses at one account address
stop after the same number wherever they come from, whether the address has an account or not.
(The limit in these tests: 5 a minute.)"""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, sign_up

WRONG = "not the password"


def guess(client: TestClient, email: str) -> int:
    body = {"email": email, "password": WRONG}
    return client.post("/api/v1/session", json=body).status_code


@pytest.mark.parametrize(
    ("first_address", "second_address"),
    [
        ("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:beef"),
        ("::1", "::beef"),
        ("::ffff:203.0.113.1", "203.0.113.1"),  # IPv4 inside IPv6 is the IPv4 address
    ],
)
def test_an_ipv6_network_of_64_bits_is_one_client(
    app: FastAPI, first_address: str, second_address: str
) -> None:
    with TestClient(app, client=(first_address, 40000)) as first:
        codes = [guess(first, f"a{n}@example.com") for n in range(5)]
    with TestClient(app, client=(second_address, 40001)) as same_network:
        codes.append(guess(same_network, "z@example.com"))
    assert codes == [401] * 5 + [429]


def test_another_ipv6_network_is_another_client(app: FastAPI) -> None:
    with TestClient(app, client=("2001:db8:1:2::1", 40000)) as first:
        assert [guess(first, f"a{n}@example.com") for n in range(6)][-1] == 429
    with TestClient(app, client=("2001:db8:1:3::1", 40000)) as neighbour:
        assert guess(neighbour, "z@example.com") == 401


def test_ipv4_clients_are_counted_by_address(app: FastAPI) -> None:
    with TestClient(app, client=("203.0.113.1", 40000)) as first:
        assert [guess(first, f"a{n}@example.com") for n in range(6)][-1] == 429
    with TestClient(app, client=("203.0.113.2", 40000)) as neighbour:
        assert guess(neighbour, "z@example.com") == 401


@pytest.mark.parametrize("has_account", [True, False])
def test_guesses_at_one_account_stop_whatever_client_sends_them(
    app: FastAPI, has_account: bool
) -> None:
    """The same answers for an address with an account as without: nothing is revealed."""
    if has_account:
        with TestClient(app) as owner:
            sign_up(owner)
    codes = []
    for n in range(6):
        with TestClient(app, client=(f"198.51.100.{n}", 40000)) as guesser:
            codes.append(guess(guesser, " Ana@Example.com " if n % 2 else "ana@example.com"))
    assert codes == [401] * 5 + [429]
    with TestClient(app, client=("198.51.100.99", 40000)) as owner:
        body = {"email": "ana@example.com", "password": PASSWORD}
        assert owner.post("/api/v1/session", json=body).status_code == 429
        assert guess(owner, "bob@example.com") == 401  # another account is not held up


def test_the_login_page_counts_per_account_too(app: FastAPI) -> None:
    codes = []
    for n in range(6):
        with TestClient(app, client=(f"198.51.100.{n}", 40000)) as guesser:
            form = {"email": "ana@example.com", "password": WRONG}
            codes.append(guesser.post("/login", data=form).status_code)
    assert codes == [401] * 5 + [429]
