"""Requests per second of the Today page and of logging an entry, each over the trivial
`/api/v1/health` of the same server (the framework's ceiling on this machine), 32 concurrent
users, on SQLite and (with --postgres) PostgreSQL.

    uv run python benchmarks/bench_web.py [--seconds 8] [--rounds 3] [--users 32]
        [--postgres URL] [--results FILE]

A real server: `runrehab serve` (one uvicorn process) in a subprocess on 127.0.0.1; the load
from `load.py` (keep-alive connections on asyncio, in this process). The database is seeded
first with one runner per user, each a follower (`followers.py`) with a year of history ending
yesterday, signed in over HTTP before any timing. Then rounds of health, Today and logging
(the runner's next planned exercise, today, under a fresh id each time) in a rotating order;
each ratio is of the median rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import load
from harness import Ratio, fresh_database, now, report, store
from load import Request

from followers import History, years
from runrehab.adapters.db.uow import SqlUnitOfWork
from runrehab.adapters.passwords import Argon2Hasher
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.planning import build_plan
from runrehab.domain.profile import RunnerProfile
from runrehab.knowledge.loader import load_knowledge_base
from runrehab.services.accounts import create_account

PASSWORD = "benchmark-password"
TARGETS = ("health", "today", "log")


def seed(url: str, kb: KnowledgeBase, users: int) -> list[dict[str, Any]]:
    """One account per user, each with a follower's year; (email, next entry) for each."""
    engine = fresh_database(url)
    logs, hasher, seeded = years(kb), Argon2Hasher(), []
    for n in range(users):
        email = f"bench-{uuid.uuid4().hex[:12]}@example.com"
        account = create_account(email, PASSWORD, hasher, SqlUnitOfWork(engine), now)
        history = logs[n % len(logs)]
        store(engine, kb, account.runner_id, history, history.renamed(account.runner_id))
        seeded.append({"email": email, "entry": _next_exercise(history, kb)})
    engine.dispose()
    return seeded


def _next_exercise(history: History, kb: KnowledgeBase) -> dict[str, Any]:
    """The first exercise with repetitions in the runner's plan this week, as the API takes it."""
    today = date.today()
    plan = build_plan(
        history.assessment, history.answers, RunnerProfile(), kb, today, 1, progress=history.state
    )
    item = next(i for s in plan.sessions for i in s.items if i.reps and not i.optional)
    return {
        "type": "exercise",
        "date": today.isoformat(),
        "exercise": item.exercise,
        "sets": item.sets,
        "reps": item.reps,
        "load_kg": item.load_kg,
        "pain": 1,
    }


def start_server(database_url: str, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    env = {
        **os.environ,
        "RUNREHAB_DATABASE_URL": database_url,
        "RUNREHAB_LOGIN_RATE_LIMIT": "100000/minute",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "runrehab", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{url}/api/v1/health", timeout=2)
            return server, url
        except OSError:
            time.sleep(0.5)
    stop(server)
    raise SystemExit("server did not start")


def stop(server: subprocess.Popen[bytes]) -> None:
    """Terminate; kill when it still waits on slow requests after a few seconds."""
    server.terminate()
    try:
        server.wait(timeout=5)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def sign_in(url: str, runners: list[dict[str, Any]]) -> list[str]:
    """Each runner's session cookie (argon2 stays out of the timing)."""
    cookies = []
    with httpx.Client(base_url=url, timeout=60) as client:
        for runner in runners:
            client.cookies.clear()
            body = {"email": runner["email"], "password": PASSWORD}
            client.post("/api/v1/session", json=body).raise_for_status()
            cookies.append(f"runrehab_session={client.cookies['runrehab_session']}")
    return cookies


def requests(url: str, runners: list[dict[str, Any]], cookies: list[str]) -> dict[str, Request]:
    """Each target's next request for user `n` (runner n, round the seeded runners)."""
    host = url.removeprefix("http://")

    def today(n: int) -> bytes:
        return load.get("/today", host, cookies[n % len(cookies)])

    def log(n: int) -> bytes:
        entry = {**runners[n % len(runners)]["entry"], "id": uuid.uuid4().hex}
        return load.post_json("/api/v1/entries", host, cookies[n % len(cookies)], _json(entry))

    return {"health": lambda n: load.get("/api/v1/health", host), "today": today, "log": log}


def _json(value: object) -> bytes:
    return json.dumps(value).encode()


def bench(
    name: str, url: str, kb: KnowledgeBase, args: argparse.Namespace, folder: Path
) -> list[Ratio]:
    runners = seed(url, kb, args.users)
    log = folder / f"server-{name}.log"
    server, address = start_server(url, log)
    try:
        calls = requests(address, runners, sign_in(address, runners))
        rates: dict[str, list[load.Rate]] = {t: [] for t in TARGETS}
        for number in range(args.rounds):
            for target in TARGETS[number % 3 :] + TARGETS[: number % 3]:
                rate = load.requests_per_second(address, calls[target], args.users, args.seconds)
                rates[target].append(rate)
    finally:
        stop(server)
    median = {t: statistics.median(r.per_second for r in rs) for t, rs in rates.items()}
    errors = {t: sum(r.errors for r in rs) for t, rs in rates.items()}
    print(
        f"{name:<10} {args.users} users, median of {args.rounds} rounds: "
        + ", ".join(f"{t} {median[t]:.1f} req/s ({errors[t]} errors)" for t in TARGETS)
    )
    if any(errors.values()):
        raised = [line for line in log.read_text().splitlines() if EXCEPTION.match(line)]
        print(f"{name}: answers other than 2xx under load; the server's last error:", *raised[-1:])
    return [
        Ratio(
            _named("Today page req/s / health", name, errors["today"]),
            _of(median, "today"),
            AT_LEAST,
        ),
        Ratio(
            _named("Logging an entry req/s / health", name, errors["log"]),
            _of(median, "log"),
            AT_LEAST,
        ),
    ]


AT_LEAST = ">= 0.5"
EXCEPTION = re.compile(r"^[\w.]+(Error|Exception)\b")  # a traceback's last line


def _of(median: dict[str, float], target: str) -> float:
    return median[target] / median["health"]


def _named(measure: str, database: str, errors: int) -> str:
    return f"{measure}, {database}" + (f" ({errors} answers were errors)" if errors else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--postgres", default="", help="postgresql+psycopg://... (scratch)")
    parser.add_argument("--results", type=Path, default=None, help="append the ratios (JSON)")
    args = parser.parse_args()
    kb = load_knowledge_base()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        rows += bench("SQLite", f"sqlite:///{folder / 'web.sqlite3'}", kb, args, folder)
        if args.postgres:
            rows += bench("PostgreSQL", args.postgres, kb, args, folder)
    report(rows, args.results)


if __name__ == "__main__":
    main()
