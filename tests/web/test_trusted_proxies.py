"""The login limit counts attempts per client address, and `X-Forwarded-For` names that address
only when the request comes from a proxy listed in RUNREHAB_TRUSTED_PROXIES: anyone else sending
the header (a local script, say) cannot make each attempt look like a new client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from runrehab.config import Settings
from runrehab.web.app import create_app
from tests.web.conftest import OutBox

PROXY = "10.0.0.7"
WRONG = {"email": "a@example.com", "password": "not the password"}


def attempts(client: TestClient, forwarded_for: list[str]) -> list[int]:
    """A wrong password from each address, for an account address of its own: the limit per
    account is not the one under test here."""
    return [
        client.post(
            "/api/v1/session",
            json={**WRONG, "email": f"a{n}@example.com"},
            headers={"X-Forwarded-For": address},
        ).status_code
        for n, address in enumerate(forwarded_for)
    ]


def proxied_app(settings: Settings, proxies: str) -> Iterator[FastAPI]:
    app = create_app(settings.model_copy(update={"trusted_proxies": proxies}), mailer=OutBox())
    yield app
    app.state.runrehab.engine.dispose()


@pytest.fixture
def behind_proxy(settings: Settings) -> Iterator[FastAPI]:
    yield from proxied_app(settings, f"{PROXY}, 192.168.0.0/24")


def test_without_a_trusted_proxy_a_forwarded_address_does_not_escape_the_limit(
    client: TestClient,
) -> None:
    codes = attempts(client, [f"203.0.113.{n}" for n in range(6)])
    assert codes == [401] * 5 + [429]


def test_from_a_trusted_proxy_the_forwarded_address_is_the_client(behind_proxy: FastAPI) -> None:
    with TestClient(behind_proxy, client=(PROXY, 40000)) as proxy:
        assert attempts(proxy, [f"203.0.113.{n}" for n in range(6)]) == [401] * 6
        assert attempts(proxy, ["198.51.100.9"] * 6) == [401] * 5 + [429]


def test_a_proxy_in_a_trusted_network_counts_too(behind_proxy: FastAPI) -> None:
    with TestClient(behind_proxy, client=("192.168.0.40", 40000)) as proxy:
        assert attempts(proxy, [f"203.0.113.{n}" for n in range(6)]) == [401] * 6


def test_a_peer_that_is_not_a_trusted_proxy_is_itself_the_client(behind_proxy: FastAPI) -> None:
    with TestClient(behind_proxy, client=("127.0.0.1", 40000)) as local:
        assert attempts(local, [f"203.0.113.{n}" for n in range(6)]) == [401] * 5 + [429]


def test_a_trusted_proxies_setting_that_is_not_an_address_is_refused() -> None:
    with pytest.raises(ValueError, match=r"'proxy\.example' is not an IP address or network"):
        Settings(trusted_proxies="10.0.0.1, proxy.example")
