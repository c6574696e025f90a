"""Print the coach's roster page time for rosters of 50, 500 and 2,000 runners with a year of
daily history each, on SQLite and (with --postgres) PostgreSQL.

    uv run python benchmarks/bench_roster.py [--sizes 50,500,2000] [--postgres URL]

Runners are added in bulk (the log through the batch insert, decisions from the engine, the
roster read model from the replayed state), then the roster page and its JSON twin are timed."""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench_adaptation import ANSWERS, year_of_entries  # type: ignore[import-not-found]
from fastapi import FastAPI
from fastapi.testclient import TestClient

from runrehab.adapters.serialize import decision_to_json
from runrehab.config import Settings
from runrehab.domain.adaptation.engine import replay_with_state
from runrehab.domain.adaptation.state import initial_state
from runrehab.domain.assessment import assess
from runrehab.domain.log import Entry
from runrehab.domain.profile import RunnerProfile
from runrehab.domain.records import UserRecord
from runrehab.schemas.answers import parse_answers
from runrehab.services.episodes import RunnerId, start_episode
from runrehab.services.status import after_entry
from runrehab.web.app import create_app

TODAY = date(2026, 12, 31)


def add_runners(app: FastAPI, coach_user_id: str, count: int, rng: random.Random) -> None:
    state = app.state.runrehab
    answers = parse_answers(ANSWERS, "bench")
    start = TODAY - timedelta(days=364)
    for _ in range(count):
        runner_id = uuid.uuid4().hex
        now = datetime.now(UTC)
        with state.uow() as uow:
            uow.episodes.add_runner(runner_id, runner_id, now)
            uow.accounts.add_user(
                UserRecord(uuid.uuid4().hex, f"{runner_id}@bench.example", "x", runner_id), now
            )
            uow.coaching.grant(runner_id, coach_user_id, now)
            uow.commit()
        episode = start_episode(
            RunnerId(runner_id), ANSWERS, {}, start, state.kb, state.uow(), state.clock
        )
        entries: list[Entry] = [
            replace(e, on=start + (e.on - date(2026, 1, 5)))
            for e in year_of_entries(rng, int(runner_id[:6], 16))
        ]
        initial = initial_state(
            assess(answers, state.kb, start), answers, RunnerProfile(), state.kb
        )
        final, decisions = replay_with_state(initial, entries, state.kb)
        with state.uow() as uow:
            uow.logs.add_batch(
                episode.episode_id,
                [
                    (e, decision_to_json(d, state.kb))
                    for e, d in zip(entries, decisions, strict=True)
                ],
                now,
            )
            status = uow.status.get(runner_id)
            assert status is not None
            uow.status.put(
                after_entry(
                    status, final, entries[-1], decision_to_json(decisions[-1], state.kb), now
                )
            )
            uow.commit()


def timed(client: TestClient, path: str, repeats: int = 5) -> float:
    client.get(path)
    samples = []
    for _ in range(repeats):
        began = time.perf_counter()
        assert client.get(path).status_code == 200
        samples.append(time.perf_counter() - began)
    return statistics.median(samples) * 1000


def bench(name: str, url: str, sizes: list[int]) -> None:
    app = create_app(Settings(database_url=url, run_worker=False, login_rate_limit="1000/minute"))
    client = TestClient(app)
    client.post(
        "/api/v1/users",
        json={
            "email": f"coach-{uuid.uuid4().hex[:6]}@bench.example",
            "password": "benchmark-coach",
        },
    )
    client.post("/api/v1/coach", json={"name": "Bench Coach"})
    with app.state.runrehab.uow() as uow:  # the signed-in coach's user id
        user = uow.accounts.user_by_email(client.get("/api/v1/me").json()["email"])
    assert user is not None
    coach_id = user.id
    rng, seeded = random.Random(7), 0
    for size in sizes:
        began = time.perf_counter()
        add_runners(app, coach_id, size - seeded, rng)
        seeded = size
        print(
            f"{name:<10} {size:>5} runners (a year each, seeded in {time.perf_counter() - began:5.0f} s): "
            f"roster page {timed(client, '/coach'):7.1f} ms, JSON {timed(client, '/api/v1/coach/roster'):7.1f} ms"
        )
    app.state.runrehab.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="50,500,2000")
    parser.add_argument(
        "--postgres", default="", help="postgresql+psycopg://... (a scratch database)"
    )
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    with tempfile.TemporaryDirectory() as folder:
        bench("sqlite", f"sqlite:///{Path(folder) / 'roster.sqlite3'}", sizes)
    if args.postgres:
        bench("postgresql", args.postgres, sizes)


if __name__ == "__main__":
    main()
