"""A server error is an answer like any other: a real server (uvicorn) answers 500 with a page
and keeps the keep-alive connection open for the client's next request."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from fastapi import FastAPI, Request

DEADLINE_S = 10


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(app: FastAPI) -> Iterator[str]:
    """The real app with two test-only routes, served by uvicorn on a free port."""

    def boom() -> None:
        raise RuntimeError("a bug")

    def port(request: Request) -> int:
        return request.client.port if request.client else 0

    app.add_api_route("/test-only/boom", boom)
    app.add_api_route("/api/test-only/boom", boom)
    app.add_api_route("/test-only/port", port)
    config = uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_level="critical")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + DEADLINE_S
    while not running.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{config.port}"
    running.should_exit = True
    thread.join(DEADLINE_S)


@pytest.mark.server_error
def test_a_500_is_a_proper_answer_and_the_connection_stays_open(server: str) -> None:
    with httpx.Client(base_url=server) as client:
        before = client.get("/test-only/port").json()
        crashed = client.get("/test-only/boom")
        api_crash = client.get("/api/test-only/boom")
        after = client.get("/test-only/port").json()
    assert crashed.status_code == 500
    assert "Something went wrong on our side" in crashed.text
    assert "a bug" not in crashed.text
    assert (api_crash.status_code, api_crash.json()) == (500, {"detail": "internal error"})
    assert after == before  # the same client port: the same connection
