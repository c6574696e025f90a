"""A small closed-loop HTTP load generator: `users` keep-alive connections on asyncio, each sending
its next request as soon as the last answer is read, for `bench_web.py`. Requests per second
are counted in steady state (`_Window`), over enough answers even for a page that takes a second.

Why not locust: its clock starts with its process, so on a busy 2-core machine a slow page got
no request counted at all in a short run, and its own cost next to a one-process server is not
small. Plain HTTP/1.1 over asyncio streams costs next to nothing per request.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

Request = Callable[[int], bytes]


@dataclass(frozen=True, slots=True)
class Rate:
    """2xx answers a second in steady state, and the answers that were not 2xx meanwhile (an
    error page must never pass for throughput: they are counted apart and reported)."""

    per_second: float
    errors: int  # a user's number -> the bytes of its next request


def get(path: str, host: str, cookie: str | None = None) -> bytes:
    return _request("GET", path, host, cookie, b"", None)


def post_json(path: str, host: str, cookie: str | None, body: bytes) -> bytes:
    return _request("POST", path, host, cookie, body, "application/json")


def _request(
    method: str, path: str, host: str, cookie: str | None, body: bytes, kind: str | None
) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}"]
    lines += [f"Cookie: {cookie}"] if cookie else []
    lines += [f"Content-Type: {kind}", f"Content-Length: {len(body)}"] if kind else []
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


MIN_ANSWERS = 10


@dataclass
class _Window:
    """Steady state only: every user sends at once, so the server's queue is full from the start;
    the timing starts after a second of warm-up (connections, first queries) and stops after
    `seconds` with at least MIN_ANSWERS answers, or after `cap` seconds."""

    users: int
    seconds: float
    cap: float
    began: float = field(default_factory=time.perf_counter)
    start: float | None = None
    end: float | None = None
    done: int = 0
    errors: int = 0

    def answered(self, now: float, ok: bool) -> None:
        if self.start is None:
            if now >= self.began + 1.0:
                self.start = now
            return
        self.done += ok
        self.errors += not ok
        spent = now - self.start
        if (spent >= self.seconds and self.done + self.errors >= MIN_ANSWERS) or spent >= self.cap:
            self.end = self.end or now

    @property
    def rate(self) -> Rate:
        assert self.start is not None
        assert self.end is not None
        return Rate(self.done / (self.end - self.start), self.errors)


def requests_per_second(
    url: str, request: Request, users: int, seconds: float, cap: float = 30.0
) -> Rate:
    """Answers per second in steady state, with `users` users (see `_Window`)."""
    return asyncio.run(_measure(url, request, _Window(users, seconds, cap)))


async def _measure(url: str, request: Request, window: _Window) -> Rate:
    parts = urlsplit(url)
    host, port = parts.hostname or "", parts.port or 80
    await asyncio.gather(*(_user(host, port, request, n, window) for n in range(window.users)))
    return window.rate


async def _user(host: str, port: int, request: Request, number: int, window: _Window) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while window.end is None:
            writer.write(request(number))
            status = await _answer(reader)
            window.answered(time.perf_counter(), 200 <= status < 300)
    finally:
        writer.close()


async def _answer(reader: asyncio.StreamReader) -> int:
    """Read one whole answer (Content-Length or chunked body); its status code."""
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    headers = {k.lower(): v.strip() for k, _, v in (h.partition(":") for h in head[1:] if h)}
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")
    else:
        await reader.readexactly(int(headers.get("content-length", "0")))
    return status
