"""Logging against a real database: atomic, idempotent, and the plan changes with reasons."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine

from runrehab.adapters.db.uow import SqlUnitOfWork
from runrehab.domain.errors import NotFoundError
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.log import CheckIn, ExerciseLog, RunLog
from runrehab.domain.profile import RunnerProfile
from runrehab.schemas.answers import parse_answers
from runrehab.services.episodes import current_episode, start_episode
from runrehab.services.progress import current_plan, history, log_entry
from tests.conftest import LOGGING_RUNNER as RUNNER
from tests.integration.db.conftest import FakeClock, count

START = date(2026, 12, 1)
BANDS = RunnerProfile(equipment="bands")


def _episode(uow: SqlUnitOfWork, kb: KnowledgeBase, clock: FakeClock, **changes: Any) -> str:
    answers = parse_answers({**RUNNER, **changes}, "answers")
    return start_episode("ana", answers, BANDS, START, kb, uow, clock).episode_id


def _bridge(entry_id: str, on: date, reps: int = 6, pain: int = 2) -> ExerciseLog:
    return ExerciseLog(entry_id, on, "single_leg_bridge", 1, reps, None, 0.0, pain)


def test_an_assessment_is_stored_with_plan_version_one(
    uow: SqlUnitOfWork, engine: Engine, kb: KnowledgeBase, clock: FakeClock
) -> None:
    episode_id = _episode(uow, kb, clock)
    assert current_episode("ana", uow) == episode_id
    versions = history(episode_id, uow).versions
    assert [(v.version, v.author) for v in versions] == [(1, "engine")]
    assert count(engine, "planned_sessions") == 6 * 7  # one session a day, six weeks


def test_the_same_entry_sent_twice_is_stored_once_with_the_same_decision(
    uow: SqlUnitOfWork, engine: Engine, kb: KnowledgeBase, clock: FakeClock
) -> None:
    episode_id = _episode(uow, kb, clock)
    first = log_entry(episode_id, _bridge("e-1", START), kb, uow, clock)
    again = log_entry(episode_id, _bridge("e-1", START), kb, uow, clock)
    assert (first.duplicate, again.duplicate) == (False, True)
    assert again.stored == first.stored
    assert count(engine, "exercise_logs") == 1
    assert count(engine, "decisions") == 1


def test_a_decision_that_changes_the_plan_records_a_version_with_why_and_by_whom(
    uow: SqlUnitOfWork, kb: KnowledgeBase, clock: FakeClock
) -> None:
    episode_id = _episode(uow, kb, clock)
    progressed = log_entry(episode_id, _bridge("e-1", START), kb, uow, clock).stored
    held = log_entry(
        episode_id, CheckIn("c-1", START + timedelta(days=1), 2), kb, uow, clock
    ).stored
    assert progressed["decision"] == "progress"
    assert progressed["plan_version"] == 2
    assert held["decision"] == "hold"
    assert held["plan_version"] == 2
    latest = history(episode_id, uow).versions[-1]
    assert (latest.version, latest.author) == (2, "engine")
    assert "goes up one step" in latest.reason
    assert latest.changes[0]["reps"] == 8


def test_the_current_plan_follows_what_was_logged(
    uow: SqlUnitOfWork, kb: KnowledgeBase, clock: FakeClock
) -> None:
    episode_id = _episode(uow, kb, clock)
    log_entry(episode_id, _bridge("e-1", START), kb, uow, clock)
    log_entry(
        episode_id,
        CheckIn(  # stage 2 moves on once its last new exercise (week 3) has had a week
            "c-1",
            START + timedelta(days=21),
            2,
            pain_rest=0,
            tests=_tests(drop_lunge_pain_free=True),
        ),
        kb,
        uow,
        clock,
    )
    plan = current_plan(episode_id, START + timedelta(days=22), 1, kb, uow)
    assert {s.stage for s in plan.sessions} == {3}
    bridges = [i for s in plan.sessions for i in s.items if i.exercise == "single_leg_bridge"]
    assert (bridges[0].sets, bridges[0].reps) == (1, 8)


def test_a_flare_cuts_running_in_the_stored_plan(
    uow: SqlUnitOfWork, kb: KnowledgeBase, clock: FakeClock
) -> None:
    episode_id = _episode(uow, kb, clock)
    before = current_plan(episode_id, START, 1, kb, uow)
    log_entry(episode_id, RunLog("r-1", START, 40, 6.0, 6, 5, False, False), kb, uow, clock)
    after = current_plan(episode_id, START + timedelta(days=1), 1, kb, uow)
    km_before = sum(s.run.distance_km or 0 for s in before.runs if s.run)
    km_after = sum(s.run.distance_km or 0 for s in after.runs if s.run)
    assert km_after < km_before
    assert not any(s.run and (s.run.hills or s.run.speedwork) for s in after.runs)


def test_entries_replay_in_date_order_whatever_order_they_arrive(
    uow: SqlUnitOfWork, kb: KnowledgeBase, clock: FakeClock
) -> None:
    episode_id = _episode(uow, kb, clock)
    log_entry(episode_id, _bridge("late", START + timedelta(days=3)), kb, uow, clock)
    log_entry(episode_id, _bridge("early", START), kb, uow, clock)
    assert [e.id for e in history(episode_id, uow).entries] == ["early", "late"]


def test_logging_to_an_unknown_episode_changes_nothing(
    uow: SqlUnitOfWork, engine: Engine, kb: KnowledgeBase, clock: FakeClock
) -> None:
    with pytest.raises(NotFoundError):
        log_entry("nope", _bridge("e-1", START), kb, uow, clock)
    assert count(engine, "exercise_logs") == 0


def test_no_episode_yet_says_to_assess_first(uow: SqlUnitOfWork) -> None:
    with pytest.raises(NotFoundError, match="runrehab assess"):
        current_episode("nobody", uow)


def _tests(**values: bool):  # type: ignore[no-untyped-def]
    from runrehab.domain.intake import ReadinessTests

    return ReadinessTests(**values)


def test_a_batch_of_entries_is_stored_with_decisions_in_one_go(
    uow: SqlUnitOfWork, engine: Engine, kb: KnowledgeBase, clock: FakeClock
) -> None:
    episode_id = _episode(uow, kb, clock)
    batch = [
        (_bridge(f"b-{n}", START + timedelta(days=n)), {"decision": "hold", "plan_version": 1})
        for n in range(5)
    ]
    with uow:
        uow.logs.add_batch(episode_id, batch, clock())
        uow.commit()
    assert [e.id for e in history(episode_id, uow).entries] == [f"b-{n}" for n in range(5)]
    assert count(engine, "decisions") == 5
