"""Print how long the adaptation engine and the database take over a year of daily entries.

`make bench-adaptation` (or `uv run python benchmarks/bench_adaptation.py [--runners N]
[--postgres URL]`): replays a year of daily entries (a check-in, then an exercise or a run) for N
runners (default 1,000) through the pure engine, then stores every entry with its decision and
reloads it, on SQLite (a temporary file) and on PostgreSQL when a URL is given. Figures, not a test.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from runrehab.adapters.db.engine import make_engine
from runrehab.adapters.db.migrate import downgrade, upgrade
from runrehab.adapters.db.uow import SqlUnitOfWork
from runrehab.domain.adaptation.engine import replay
from runrehab.domain.adaptation.state import initial_state
from runrehab.domain.assessment import assess
from runrehab.domain.intake import SCREENING_KEYS
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.log import CheckIn, Entry, ExerciseLog, RunLog
from runrehab.domain.profile import RunnerProfile
from runrehab.knowledge.loader import load_knowledge_base
from runrehab.render.serialize import decision_to_json
from runrehab.schemas.answers import parse_answers
from runrehab.services.episodes import start_episode

START = date(2026, 1, 5)
DAYS = 365
ANSWERS = {
    "region": "buttock_sit_bone",
    "onset": "gradual",
    "days_since_onset": 60,
    **{k: k == "can_walk_normally" for k in SCREENING_KEYS},
    "weekly_km_now": 20,
    "longest_run_30d_km": 8,
    "pain_rest": 1,
    "pain_during_run": 2,
    "baseline_morning_pain": 2,
}


def year_of_entries(rng: random.Random, runner: int) -> list[Entry]:
    entries: list[Entry] = []
    for day in range(DAYS):
        on = START + timedelta(days=day)
        entries.append(CheckIn(f"{runner}-c{day}", on, rng.choice([1, 2, 2, 2, 3])))
        if day % 2:
            entries.append(
                RunLog(
                    f"{runner}-r{day}",
                    on,
                    40,
                    6.0,
                    rng.randint(0, 4),
                    rng.randint(0, 3),
                    False,
                    False,
                )
            )
        else:
            entries.append(
                ExerciseLog(
                    f"{runner}-e{day}", on, "single_leg_bridge", 3, 10, None, 0.0, rng.randint(0, 4)
                )
            )
    return entries


def bench_engine(kb: KnowledgeBase, logs: list[list[Entry]]) -> list[list[dict[str, object]]]:
    answers = parse_answers(ANSWERS, "bench")
    state = initial_state(assess(answers, kb, START), answers, RunnerProfile(), kb)
    began = time.perf_counter()
    decisions = [replay(state, entries, kb) for entries in logs]
    elapsed = time.perf_counter() - began
    steps = sum(len(e) for e in logs)
    print(
        f"engine: replayed {len(logs):,} runners x {DAYS} days = {steps:,} entries in {elapsed:.1f} s "
        f"({steps / elapsed:,.0f} entries/s, {elapsed / len(logs) * 1000:.1f} ms a runner-year)"
    )
    return [[decision_to_json(d, kb) for d in runner] for runner in decisions]


def bench_database(
    name: str,
    url: str,
    kb: KnowledgeBase,
    logs: list[list[Entry]],
    decisions: list[list[dict[str, object]]],
) -> None:
    engine = make_engine(url)
    downgrade(engine)
    upgrade(engine)
    uow = SqlUnitOfWork(engine)
    now = datetime.now(UTC)
    episodes = [
        start_episode(
            f"runner-{i}-{uuid.uuid4().hex[:6]}",
            parse_answers(ANSWERS, "bench"),
            None,
            START,
            kb,
            uow,
            lambda: now,
        ).episode_id
        for i in range(len(logs))
    ]
    began = time.perf_counter()
    for episode_id, entries, payloads in zip(episodes, logs, decisions, strict=True):
        with uow:
            uow.logs.add_batch(episode_id, list(zip(entries, payloads, strict=True)), now)
            uow.commit()
    stored = time.perf_counter() - began
    began = time.perf_counter()
    reloaded = 0
    for episode_id in episodes:
        with uow:
            reloaded += len(uow.logs.entries(episode_id))
    loaded = time.perf_counter() - began
    total = sum(len(e) for e in logs)
    assert reloaded == total
    print(
        f"{name}: stored {total:,} entries with decisions in {stored:.1f} s ({total / stored:,.0f}/s, "
        f"one transaction a runner); reloaded them in {loaded:.1f} s ({total / loaded:,.0f}/s)"
    )
    downgrade(engine)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runners", type=int, default=1000)
    parser.add_argument(
        "--db-runners", type=int, default=None, help="runners stored (default: all)"
    )
    parser.add_argument(
        "--postgres", default="", help="postgresql+psycopg://... (a scratch database)"
    )
    args = parser.parse_args()
    kb = load_knowledge_base()
    rng = random.Random(2026)
    logs = [year_of_entries(rng, r) for r in range(args.runners)]
    decisions = bench_engine(kb, logs)
    stored = args.db_runners or args.runners
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        bench_database("sqlite", url, kb, logs[:stored], decisions[:stored])
    if args.postgres:
        bench_database("postgresql", args.postgres, kb, logs[:stored], decisions[:stored])


if __name__ == "__main__":
    main()
