"""The rules of `start_episode`, on the in-memory unit of work: what one assessment stores, the
profile a re-assessment keeps, and nothing stored when it fails half-way.
tests/integration/db/test_logging.py and tests/web/test_reassessment.py check it on a database."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.log import ExerciseLog
from runrehab.domain.profile import RunnerProfile
from runrehab.domain.records import PlanVersion
from runrehab.schemas.answers import answers_to_json, parse_answers
from runrehab.services.episodes import RunnerId, start_episode
from runrehab.services.progress import log_entry
from tests.conftest import raw_answers
from tests.fakes import FakeClock, FakePlans, FakeUnitOfWork

START = date(2026, 12, 1)
ANSWERS = parse_answers(
    raw_answers(weekly_km_now=20, pain_during_run=2, baseline_morning_pain=2), "answers"
)
BANDS = RunnerProfile(equipment="bands")


def test_an_assessment_stores_the_episode_plan_version_one_and_the_status_at_once(
    uow: FakeUnitOfWork, kb: KnowledgeBase, clock: FakeClock
) -> None:
    started = start_episode("ana", ANSWERS, BANDS, START, kb, uow, clock)
    stored = uow.committed.episodes[started.episode_id]
    assert uow.commits == 1
    assert stored.answers == answers_to_json(ANSWERS)
    assert stored.profile == {"equipment": "bands"}
    assert stored.verdict == started.assessment.verdict.name
    assert stored.assessment["verdict"] == stored.verdict
    assert stored.previous_episode_id is None
    [(episode_id, first, sessions, entry_id)] = uow.committed.versions
    assert (episode_id, first.version, first.author, entry_id) == (
        started.episode_id,
        1,
        "engine",
        None,
    )
    assert first.reason == "Initial plan from the assessment."
    assert len(sessions) == len(started.plan.sessions) == 6 * 7
    status = uow.committed.statuses[stored.runner_id]
    assert (status.episode_id, status.stage) == (started.episode_id, first.stage)


def test_a_runner_named_twice_is_one_runner(
    uow: FakeUnitOfWork, kb: KnowledgeBase, clock: FakeClock
) -> None:
    first = start_episode("ana", ANSWERS, None, START, kb, uow, clock)
    again = start_episode("ana", ANSWERS, None, START + timedelta(days=7), kb, uow, clock)
    assert list(uow.committed.runners.values()) == ["ana"]
    assert uow.committed.episodes[again.episode_id].previous_episode_id == first.episode_id


def test_without_a_profile_the_first_episode_has_the_default_and_a_reassessment_the_last(
    uow: FakeUnitOfWork, kb: KnowledgeBase, clock: FakeClock
) -> None:
    first = start_episode("ana", ANSWERS, None, START, kb, uow, clock)
    assert uow.committed.episodes[first.episode_id].profile == {}
    runner = uow.committed.episodes[first.episode_id].runner_id
    with_bands = start_episode(RunnerId(runner), ANSWERS, BANDS, START, kb, uow, clock)
    kept = start_episode(RunnerId(runner), ANSWERS, None, START, kb, uow, clock)
    assert uow.episodes.get(with_bands.episode_id).profile == BANDS
    assert uow.episodes.get(kept.episode_id).profile == BANDS


def test_a_reassessment_carries_the_progress_over_and_says_so(
    uow: FakeUnitOfWork, kb: KnowledgeBase, clock: FakeClock
) -> None:
    first = start_episode("ana", ANSWERS, BANDS, START, kb, uow, clock).episode_id
    for day in range(3):
        bridge = ExerciseLog(
            f"b-{day}", START + timedelta(days=day), "single_leg_bridge", 1, 6, None, 0.0, 2
        )
        log_entry(first, bridge, kb, uow, clock)
    on = START + timedelta(days=7)
    again = start_episode("ana", ANSWERS, None, on, kb, uow, clock, by_coach="Sam")
    stored = uow.committed.episodes[again.episode_id]
    assert stored.previous_episode_id == first
    assert stored.carried is not None
    assert stored.carried["doses"]["single_leg_bridge"]["step"] > 0
    version = _versions(uow, again.episode_id)[0]
    assert version.author == "coach"
    assert version.reason.startswith(f"Re-assessed on {on.isoformat()} by Sam")
    assert version.changes[0]["reassessed"] is True


def test_an_assessment_that_fails_half_way_stores_nothing(
    uow: FakeUnitOfWork, kb: KnowledgeBase, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: Any, **__: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(FakePlans, "add_version", broken)
    with pytest.raises(OSError, match="disk full"):
        start_episode("ana", ANSWERS, BANDS, START, kb, uow, clock)
    assert uow.committed.runners == {}
    assert uow.committed.episodes == {}
    assert uow.commits == 0


def _versions(uow: FakeUnitOfWork, episode_id: str) -> list[PlanVersion]:
    return [v for ep, v, _, _ in uow.committed.versions if ep == episode_id]
