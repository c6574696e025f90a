"""Print the coach's roster time for rosters of 50, 500 and 2,000 runners with a year of daily
history each, ending today (the day the pages compute the roster for), on SQLite and (with
--postgres) PostgreSQL.

    uv run python benchmarks/bench_roster.py [--sizes 50,500,2000] [--postgres URL]
        [--sqlite FILE] [--exercises-per-day N] [--repeats N]

Runners are added in bulk (the log through the batch insert, decisions from the engine, the
roster read model from the replayed state), then the roster page and its JSON twin are timed
(the median of five requests, or --repeats), and the use case alone: the page's time beyond it
is the template. Each day of the year has a check-in and either a run or `--exercises-per-day`
exercise logs.

The benchmark's coach is always coach@bench.example, so a second run on the same database (the
same PostgreSQL URL, or `--sqlite FILE` kept from a previous run) reuses the runners seeded before
and only adds the missing ones: compare code changes on identical data without seeding again."""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench_adaptation import ANSWERS, year_of_entries  # type: ignore[import-not-found]
from fastapi import FastAPI
from fastapi.testclient import TestClient

from runrehab.config import Settings
from runrehab.domain.adaptation.engine import replay_with_state
from runrehab.domain.adaptation.state import initial_state
from runrehab.domain.assessment import assess
from runrehab.domain.errors import ConflictError
from runrehab.domain.log import Entry, ExerciseLog
from runrehab.domain.profile import RunnerProfile
from runrehab.domain.records import UserRecord
from runrehab.render.serialize import decision_to_json
from runrehab.schemas.answers import parse_answers
from runrehab.services import accounts, coaching
from runrehab.services.accounts import Account
from runrehab.services.episodes import RunnerId, start_episode
from runrehab.services.status import after_entry
from runrehab.web.app import create_app

TODAY = date.today()  # the roster pages and API compute the roster for date.today()
COACH = ("coach@bench.example", "benchmark-coach")
EXTRA_EXERCISES = ("hamstring_slides", "single_leg_romanian_deadlift", "airplane")


def add_runners(
    app: FastAPI, coach_user_id: str, count: int, rng: random.Random, exercises_per_day: int
) -> None:
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
            RunnerId(runner_id), answers, None, start, state.kb, state.uow(), state.clock
        )
        entries = _with_extra_exercises(
            [
                replace(e, on=start + (e.on - date(2026, 1, 5)))
                for e in year_of_entries(rng, int(runner_id[:6], 16))
            ],
            exercises_per_day,
            rng,
        )
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
            uow.status.put(after_entry(status, final, entries[-1], decisions[-1], now))
            uow.commit()


def _with_extra_exercises(entries: list[Entry], per_day: int, rng: random.Random) -> list[Entry]:
    """Each exercise day logs `per_day` exercises (a real session has several), not just one."""
    more: list[Entry] = []
    for entry in entries:
        more.append(entry)
        if isinstance(entry, ExerciseLog):
            more.extend(
                replace(entry, id=f"{entry.id}-{name}", exercise=name, pain=rng.randint(0, 4))
                for name in EXTRA_EXERCISES[: per_day - 1]
            )
    return more


def timed(call: Callable[[], object], repeats: int) -> float:
    call()
    samples = []
    for _ in range(repeats):
        began = time.perf_counter()
        call()
        samples.append(time.perf_counter() - began)
    return statistics.median(samples) * 1000


def fetch(client: TestClient, path: str) -> Callable[[], object]:
    def get() -> object:
        response = client.get(path)
        assert response.status_code == 200
        return response

    return get


def signed_in_coach(app: FastAPI, client: TestClient) -> Account:
    """The benchmark's coach: seeded on a new database (no e-mail to confirm), then signed in."""
    email, password = COACH
    credentials = {"email": email, "password": password}
    state = app.state.runrehab
    try:
        accounts.create_account(email, password, state.hasher, state.uow(), state.clock)
        assert client.post("/api/v1/session", json=credentials).status_code == 200
        client.post("/api/v1/coach", json={"name": "Bench Coach"})
    except ConflictError:
        assert client.post("/api/v1/session", json=credentials).status_code == 200
    with app.state.runrehab.uow() as uow:
        user = uow.accounts.user_by_email(email)
    assert user is not None
    return Account(user.id, user.runner_id, email)


def bench(name: str, url: str, sizes: list[int], exercises_per_day: int, repeats: int) -> None:
    app = create_app(
        Settings(
            database_url=url,
            run_worker=False,
            login_rate_limit="1000/minute",
            mail_rate_limit="1000/minute",
        )
    )
    client = TestClient(app)
    coach = signed_in_coach(app, client)
    state = app.state.runrehab
    rng = random.Random(7)
    seeded = _listed(client)
    times: dict[int, tuple[float, float, float]] = {}
    for size in sizes:
        began = time.perf_counter()
        add_runners(app, coach.user_id, max(0, size - seeded), rng, exercises_per_day)
        seeded = max(seeded, size)
        use_case = timed(
            lambda: coaching.roster(coach, date.today(), state.kb, state.uow()), repeats
        )
        page = timed(fetch(client, "/coach"), repeats)
        json = timed(fetch(client, "/api/v1/coach/roster"), repeats)
        times[size] = (page, json, use_case)
        print(
            f"{name:<10} {seeded:>5} runners (seeded in {time.perf_counter() - began:5.0f} s): "
            f"roster page {page:7.1f} ms, JSON {json:7.1f} ms, use case {use_case:7.1f} ms"
        )
    small, large = times[sizes[0]], times[sizes[-1]]
    print(
        f"{name:<10} {sizes[-1]}/{sizes[0]} runners: page x{large[0] / small[0]:.2f}, "
        f"JSON x{large[1] / small[1]:.2f}, use case x{large[2] / small[2]:.2f} (target <= 2)"
    )
    state.engine.dispose()


def _listed(client: TestClient) -> int:
    """The runners on the coach's roster, counted page by page (the API's `Link: rel="next"`)."""
    count, path = 0, "/api/v1/coach/roster"
    while path:
        response = client.get(path)
        count += len(response.json())
        link = response.headers.get("Link", "")
        path = link[1 : link.find(">")] if link else ""
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="50,500,2000")
    parser.add_argument(
        "--postgres", default="", help="postgresql+psycopg://... (a scratch database)"
    )
    parser.add_argument("--sqlite", default="", help="a SQLite file to keep (default: temporary)")
    parser.add_argument(
        "--exercises-per-day", type=int, default=1, choices=range(1, len(EXTRA_EXERCISES) + 2)
    )
    parser.add_argument("--repeats", type=int, default=5, help="requests timed (the median)")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    per_day, repeats = args.exercises_per_day, args.repeats
    if args.sqlite:
        bench("sqlite", f"sqlite:///{Path(args.sqlite).resolve()}", sizes, per_day, repeats)
    else:
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{Path(folder) / 'roster.sqlite3'}"
            bench("sqlite", url, sizes, per_day, repeats)
    if args.postgres:
        bench("postgresql", args.postgres, sizes, per_day, repeats)


if __name__ == "__main__":
    main()
