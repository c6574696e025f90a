"""Header values are bytes, and ASGI reads them as latin-1: any byte is a character, none is a
crash. Sent over a raw socket to a real server (uvicorn): a test client re-encodes what it is
given as UTF-8, which is exactly what hides the bug."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, sign_up
from tests.web.test_server_error_keeps_connection import DEADLINE_S, _free_port

CREDENTIALS = b'{"email": "ana@example.com", "password": "' + PASSWORD.encode() + b'"}'


@pytest.fixture
def server(app: FastAPI) -> Iterator[int]:
    """The real app served by uvicorn; its port."""
    config = uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_level="critical")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + DEADLINE_S
    while not running.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield config.port
    running.should_exit = True
    thread.join(DEADLINE_S)


def raw(port: int, method: str, path: str, header: bytes, body: bytes = b"") -> tuple[int, bytes]:
    """Status and raw answer for a request carrying `header` byte for byte."""
    request = (
        f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n".encode()
        + header
        + b"\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    with socket.create_connection(("127.0.0.1", port), timeout=DEADLINE_S) as s:
        s.sendall(request)
        answer = b"".join(iter(lambda: s.recv(65536), b""))
    return int(answer.split(b" ", 2)[1]), answer


def test_a_header_that_is_not_utf8_does_not_crash_a_post(server: int) -> None:
    assert raw(server, "POST", "/logout", b"X-Foo: \xff\xfe")[0] == 303


@pytest.mark.parametrize("origin", [b"http://\xff", b"http://[", b"\xff\xfe"])
def test_an_origin_that_is_no_address_is_refused_as_another_site(
    server: int, origin: bytes
) -> None:
    status, _ = raw(server, "POST", "/api/v1/session", b"Origin: " + origin, CREDENTIALS)
    assert status == 403


def test_a_user_agent_that_is_not_utf8_signs_in(app: FastAPI, server: int) -> None:
    with TestClient(app) as client:
        sign_up(client)
    status, answer = raw(
        server, "POST", "/api/v1/session", b"User-Agent: \xff\xfe Firefox", CREDENTIALS
    )
    assert status == 200, answer
