"""A process killed mid-write never loses an entry that was already saved (a real SIGKILL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, text

from runrehab.adapters.db.uow import SqlUnitOfWork
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.log import CheckIn
from runrehab.schemas.answers import parse_answers
from runrehab.services.episodes import start_episode
from runrehab.services.progress import history, log_entry
from tests.conftest import raw_answers
from tests.integration.db.conftest import FakeClock

ROOT = Path(__file__).parents[3]
SAVED_BEFORE_KILL = 25


def test_killing_a_writer_keeps_every_committed_entry(
    uow: SqlUnitOfWork, engine: Engine, db_url: str, kb: KnowledgeBase, clock: FakeClock
) -> None:
    runner = raw_answers(weekly_km_now=20, pain_during_run=2, baseline_morning_pain=2)
    answers = parse_answers(runner, "answers")
    episode_id = start_episode("kim", answers, None, date(2026, 12, 1), kb, uow, clock).episode_id
    with subprocess.Popen(
        [sys.executable, "-m", "tests.integration.db.writer", db_url, episode_id],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ) as writer:
        assert writer.stdout is not None
        committed = [writer.stdout.readline().strip() for _ in range(SAVED_BEFORE_KILL)]
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    assert all(committed), "the writer stopped before it was killed"

    stored = {e.id for e in history(episode_id, uow).entries}
    assert set(committed) <= stored
    with engine.connect() as connection:
        decided = set(connection.execute(text("SELECT entry_id FROM decisions")).scalars())
        if engine.dialect.name == "sqlite":
            assert connection.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
    assert decided == stored  # an entry and its decision are saved together or not at all
    after = log_entry(episode_id, CheckIn("after-kill", date(2027, 6, 1), 1), kb, uow, clock)
    assert after.duplicate is False
