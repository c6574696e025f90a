"""Whether the coach's roster grows with the clinic: its time for a coach of 2,000 runners over
its time for a coach of 50, each runner a follower with a year of history ending yesterday
(`followers.py`), on SQLite and (with --postgres) PostgreSQL.

    uv run python benchmarks/bench_roster.py [--sizes 50,2000] [--days 365] [--repeats 5]
        [--postgres URL] [--results FILE]

Both coaches are in one database, seeded through the real use cases and repositories (accounts,
access grants, `start_episode`, the log in one batch per runner with the engine's decisions,
the status read model as the last entry left it). Then the roster page (`/coach`, the app in
process), its JSON twin and the use case alone are timed for each coach in turn, a rotating
order, `--repeats` rounds after a warm-up; the ratios are of the medians. Seeding costs about a
second a runner here: the full sizes take minutes (`--sizes 50,500 --days 90` for a quick look).
"""

from __future__ import annotations

import argparse
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient
from harness import Ratio, fresh_database, interleaved, report, store

from followers import History, years
from runrehab.adapters.db.uow import SqlUnitOfWork
from runrehab.config import Settings
from runrehab.domain.records import UserRecord
from runrehab.knowledge.loader import load_knowledge_base
from runrehab.services import accounts, coaching
from runrehab.services.accounts import Account
from runrehab.web.app import create_app

PASSWORD = "benchmark-coach"
TARGET = "<= 2"


def add_runners(app: FastAPI, coach: Account, count: int, logs: list[History]) -> None:
    """`count` runners who granted `coach` access, each with one of the followers' histories."""
    state = app.state.runrehab
    for n in range(count):
        runner_id = uuid.uuid4().hex
        now = datetime.now(UTC)
        with state.uow() as uow:
            uow.episodes.add_runner(runner_id, runner_id, now)
            uow.accounts.add_user(
                UserRecord(uuid.uuid4().hex, f"{runner_id}@bench.example", "x", runner_id), now
            )
            uow.coaching.grant(runner_id, coach.user_id, now)
            uow.commit()
        history = logs[n % len(logs)]
        store(state.engine, state.kb, runner_id, history, history.renamed(runner_id))


def signed_in_coach(app: FastAPI, client: TestClient, email: str) -> Account:
    """A coach (no e-mail to confirm), signed in on `client`."""
    state = app.state.runrehab
    coach = accounts.create_account(email, PASSWORD, state.hasher, state.uow(), state.clock)
    body = {"email": email, "password": PASSWORD}
    assert client.post("/api/v1/session", json=body).status_code == 200
    assert client.post("/api/v1/coach", json={"name": "Bench Coach"}).status_code in (200, 201)
    return coach


def fetch(client: TestClient, path: str) -> Callable[[int], object]:
    def get(_: int) -> object:
        response = client.get(path)
        assert response.status_code == 200, response.status_code
        return response

    return get


def use_case(app: FastAPI, coach: Account) -> Callable[[int], object]:
    state = app.state.runrehab
    return lambda _: coaching.roster(coach, date.today(), state.kb, SqlUnitOfWork(state.engine))


def bench(name: str, url: str, args: argparse.Namespace, logs: list[History]) -> list[Ratio]:
    app = create_app(
        Settings(
            database_url=url,
            run_worker=False,
            login_rate_limit="1000/minute",
            mail_rate_limit="1000/minute",
        )
    )
    calls: dict[str, Callable[[int], object]] = {}
    for size in args.sizes:
        began = time.perf_counter()
        client = TestClient(app)
        coach = signed_in_coach(app, client, f"coach-{size}-{uuid.uuid4().hex[:8]}@bench.example")
        add_runners(app, coach, size, logs)
        print(f"{name:<10} {size:>5} runners seeded in {time.perf_counter() - began:5.0f} s")
        calls[f"page {size}"] = fetch(client, "/coach")
        calls[f"JSON {size}"] = fetch(client, "/api/v1/coach/roster")
        calls[f"use case {size}"] = use_case(app, coach)
    medians = interleaved(calls, args.repeats)
    for size in args.sizes:
        print(
            f"{name:<10} {size:>5} runners: roster page {medians[f'page {size}'] * 1000:7.1f} ms, "
            f"JSON {medians[f'JSON {size}'] * 1000:7.1f} ms, "
            f"use case {medians[f'use case {size}'] * 1000:7.1f} ms"
        )
    app.state.runrehab.engine.dispose()
    small, large = min(args.sizes), max(args.sizes)
    return [
        Ratio(
            f"Coach roster {what}, {large:,} / {small} runners, {name}",
            medians[f"{what} {large}"] / medians[f"{what} {small}"],
            TARGET,
        )
        for what in ("page", "use case")
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="50,2000")
    parser.add_argument("--days", type=int, default=365, help="history of each runner")
    parser.add_argument("--repeats", type=int, default=5, help="rounds timed (the median)")
    parser.add_argument("--postgres", default="", help="postgresql+psycopg://... (scratch)")
    parser.add_argument("--results", type=Path, default=None, help="append the ratios (JSON)")
    args = parser.parse_args()
    args.sizes = sorted(int(s) for s in args.sizes.split(","))
    kb = load_knowledge_base()
    logs = years(kb, args.days)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        rows += bench("SQLite", f"sqlite:///{Path(folder) / 'roster.sqlite3'}", args, logs)
    if args.postgres:
        fresh_database(args.postgres).dispose()
        rows += bench("PostgreSQL", args.postgres, args, logs)
    report(rows, args.results)


if __name__ == "__main__":
    main()
