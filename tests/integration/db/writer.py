"""A process that logs entries as fast as it can and prints each id once its commit returned.
`test_crash_safety` kills it with SIGKILL mid-stream."""

from __future__ import annotations

import sys
from datetime import date, timedelta

from runrehab.adapters.db.engine import make_engine
from runrehab.adapters.db.uow import SqlUnitOfWork
from runrehab.domain.log import ExerciseLog
from runrehab.knowledge.loader import load_knowledge_base
from runrehab.services.progress import log_entry
from tests.integration.db.conftest import FakeClock


def main(url: str, episode_id: str) -> None:
    kb = load_knowledge_base()
    uow = SqlUnitOfWork(make_engine(url))
    clock = FakeClock()
    for n in range(100_000):
        entry = ExerciseLog(
            f"w-{n}",
            date(2026, 12, 1) + timedelta(days=n // 3),
            "glute_bridge",
            1,
            10,
            None,
            0.0,
            n % 5,
        )
        log_entry(episode_id, entry, kb, uow, clock)
        print(entry.id, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
