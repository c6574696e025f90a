"""The roster's read model is kept in the same transaction as each log entry and each import
(the watch spike by the engine's own 30-day rule), and migration 0017's backfill rebuilds it
from the stored rows (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import Engine, text

from runrehab.adapters.db.migrate import downgrade, upgrade
from runrehab.adapters.db.uow import SqlUnitOfWork
from runrehab.domain.activity import Activity, Decoded
from runrehab.domain.intake import IntakeAnswers
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.log import CheckIn, ExerciseLog, RunLog
from runrehab.domain.records import RunnerStatus
from runrehab.services.activities import import_decoded
from runrehab.services.episodes import RunnerId, start_episode
from runrehab.services.progress import log_entry
from tests.integration.db.conftest import FakeClock

TODAY = date.today()  # the backfill judges a watch spike against the day it runs
START = TODAY - timedelta(days=20)
RUNNER = "r1"


@pytest.fixture
def episode(
    uow: SqlUnitOfWork,
    clock: FakeClock,
    kb: KnowledgeBase,
    answers: Callable[..., IntakeAnswers],
) -> str:
    with uow:
        uow.episodes.add_runner(RUNNER, "ana", clock())
        uow.commit()
    return start_episode(RunnerId(RUNNER), answers(), None, START, kb, uow, clock).episode_id


def _status(uow: SqlUnitOfWork) -> RunnerStatus:
    with uow:
        status = uow.status.get(RUNNER)
    assert status is not None
    return status


def _exercise(n: int, on: date, pain: int = 1) -> ExerciseLog:
    return ExerciseLog(f"e{n}", on, "single_leg_bridge", 1, 6, None, 0.0, pain)


def _watch_run(n: int, on: date, km: float) -> Decoded:
    began = datetime.combine(on, time(7), tzinfo=UTC)
    run = Activity("running", began, km * 1000, km * 330, km * 340, 600, 150, 170, 40.0, 2)
    return Decoded(f"run-{n}.fit", f"{n:064x}", run, None)


def test_the_first_plans_days_are_the_status_from_the_start(
    uow: SqlUnitOfWork, episode: str
) -> None:
    with uow:
        sessions = uow.plans.sessions(episode, 1)
    days = {date.fromisoformat(s["date"]) for s in sessions if s["kind"] != "rest"}
    status = _status(uow)
    assert status.plan_from == START
    assert status.plan_days == sum(1 << (day - START).days for day in days)


def test_each_day_with_a_session_is_marked_by_its_entry_and_a_check_in_is_not(
    uow: SqlUnitOfWork, clock: FakeClock, kb: KnowledgeBase, episode: str
) -> None:
    log_entry(episode, _exercise(1, START + timedelta(days=2)), kb, uow, clock)
    log_entry(
        episode,
        RunLog("r1", START + timedelta(days=4), 20, 3.0, 1, 1, False, False),
        kb,
        uow,
        clock,
    )
    log_entry(episode, _exercise(2, START), kb, uow, clock)  # backdated: an older bit
    log_entry(episode, CheckIn("c1", START + timedelta(days=5), 1), kb, uow, clock)
    status = _status(uow)
    assert status.done_through == START + timedelta(days=4)
    assert status.done_days == 0b10101  # days 4, 2 and 0 before the last
    assert status.last_checkin_on == START + timedelta(days=5)


def test_an_imported_run_over_the_30_day_cap_flags_the_status_with_the_import(
    uow: SqlUnitOfWork, clock: FakeClock, kb: KnowledgeBase, episode: str
) -> None:
    files = [
        _watch_run(1, TODAY - timedelta(days=6), 5.0),
        _watch_run(2, TODAY - timedelta(days=2), 8.0),
    ]
    import_decoded(RUNNER, files, kb, uow, clock)
    assert _status(uow).watch_spike_on == TODAY - timedelta(days=2)  # 8 km > 5.5 km


def test_runs_within_the_cap_flag_nothing_and_a_logged_run_counts_in_the_30_days(
    uow: SqlUnitOfWork, clock: FakeClock, kb: KnowledgeBase, episode: str
) -> None:
    logged = RunLog("r1", TODAY - timedelta(days=8), 50, 10.0, 0, 0, False, False)
    log_entry(episode, logged, kb, uow, clock)
    files = [
        _watch_run(1, TODAY - timedelta(days=6), 5.0),
        _watch_run(2, TODAY - timedelta(days=2), 8.0),
    ]
    import_decoded(RUNNER, files, kb, uow, clock)
    assert _status(uow).watch_spike_on is None  # 8 km is under 11 km, 10% over the logged 10


def test_the_migration_backfills_what_the_use_cases_kept(
    engine: Engine, uow: SqlUnitOfWork, clock: FakeClock, kb: KnowledgeBase, episode: str
) -> None:
    log_entry(episode, _exercise(1, START + timedelta(days=3)), kb, uow, clock)
    log_entry(episode, _exercise(2, START + timedelta(days=9), pain=7), kb, uow, clock)
    log_entry(episode, CheckIn("c1", START + timedelta(days=9), 2), kb, uow, clock)
    files = [
        _watch_run(1, TODAY - timedelta(days=6), 5.0),
        _watch_run(2, TODAY - timedelta(days=2), 8.0),
    ]
    import_decoded(RUNNER, files, kb, uow, clock)
    kept, score = _status(uow), _standing(engine)
    assert score > 0  # the failed pain check
    downgrade(engine, "0015")
    upgrade(engine)
    assert replace(_status(uow), updated_at=kept.updated_at) == kept
    assert _standing(engine) == score


def _standing(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT attention FROM runner_status")).scalar_one())
