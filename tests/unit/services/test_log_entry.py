"""The rules of `log_entry`, on the in-memory unit of work: idempotency, nothing stored for bad
input, backdating, one cut per flare-up, and the plan version made from the decision itself.
tests/integration/db/test_logging.py checks the same use case on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from runrehab.domain.adaptation.engine import DecisionKind
from runrehab.domain.adaptation.overrides import Override
from runrehab.domain.errors import ConflictError, InvalidInputError, NotFoundError
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.log import CheckIn, ExerciseLog, RunLog
from runrehab.domain.profile import RunnerProfile
from runrehab.schemas.answers import parse_answers
from runrehab.services.episodes import start_episode
from runrehab.services.progress import log_entry
from tests.conftest import LOGGING_RUNNER as RUNNER
from tests.fakes import FakeClock, FakeUnitOfWork, with_coach

START = date(2026, 12, 1)


@pytest.fixture
def episode(uow: FakeUnitOfWork, kb: KnowledgeBase, clock: FakeClock) -> str:
    answers = parse_answers(RUNNER, "answers")
    bands = RunnerProfile(equipment="bands")
    return start_episode("ana", answers, bands, START, kb, uow, clock).episode_id


def _bridge(entry_id: str, on: date, reps: int = 6, pain: int = 2) -> ExerciseLog:
    return ExerciseLog(entry_id, on, "single_leg_bridge", 1, reps, None, 0.0, pain)


def _painful_run(entry_id: str, on: date) -> RunLog:
    return RunLog(entry_id, on, 40, 6.0, 6, 5, False, False)


def test_an_entry_is_stored_with_its_decision_in_one_commit(
    uow: FakeUnitOfWork, episode: str, kb: KnowledgeBase, clock: FakeClock
) -> None:
    commits = uow.commits
    logged = log_entry(episode, _bridge("e-1", START), kb, uow, clock)
    assert uow.commits == commits + 1
    assert [e.id for _, e in uow.committed.entries] == ["e-1"]
    assert uow.committed.decisions["e-1"] == (episode, logged.stored)
    assert logged.decision is not None
    assert logged.stored["decision"] == logged.decision.kind.value == "progress"


def test_the_same_entry_sent_twice_is_stored_once_with_the_same_decision(
    uow: FakeUnitOfWork, episode: str, kb: KnowledgeBase, clock: FakeClock
) -> None:
    first = log_entry(episode, _bridge("e-1", START), kb, uow, clock)
    versions = len(uow.committed.versions)
    again = log_entry(episode, _bridge("e-1", START), kb, uow, clock)
    assert (first.duplicate, again.duplicate) == (False, True)
    assert again.stored == first.stored
    assert again.decision is None  # nothing was decided again
    assert len(uow.committed.entries) == 1
    assert len(uow.committed.decisions) == 1
    assert len(uow.committed.versions) == versions


def test_the_same_id_with_other_values_is_refused_and_stores_nothing(
    uow: FakeUnitOfWork, episode: str, kb: KnowledgeBase, clock: FakeClock
) -> None:
    log_entry(episode, _bridge("e-1", START), kb, uow, clock)
    before = uow.committed
    with pytest.raises(ConflictError, match="different values"):
        log_entry(episode, _bridge("e-1", START, reps=10), kb, uow, clock)
    assert uow.committed is before


def test_an_id_used_by_another_episode_is_refused_without_showing_its_decision(
    uow: FakeUnitOfWork, episode: str, kb: KnowledgeBase, clock: FakeClock
) -> None:
    log_entry(episode, _bridge("e-1", START), kb, uow, clock)
    other = start_episode(
        "bo", parse_answers(RUNNER, "answers"), None, START, kb, uow, clock
    ).episode_id
    with pytest.raises(ConflictError, match="already in use"):
        log_entry(other, _bridge("e-1", START), kb, uow, clock)
    assert [ep for ep, _ in uow.committed.entries] == [episode]


def test_logging_to_an_unknown_episode_stores_nothing(
    uow: FakeUnitOfWork, kb: KnowledgeBase, clock: FakeClock
) -> None:
    with pytest.raises(NotFoundError):
        log_entry("nope", _bridge("e-1", START), kb, uow, clock)
    assert uow.committed.entries == []
    assert uow.commits == 0


def test_a_coach_exercise_not_in_the_plan_that_day_is_refused_and_stores_nothing(
    uow: FakeUnitOfWork, episode: str, kb: KnowledgeBase, clock: FakeClock
) -> None:
    own = ExerciseLog("x-1", START, "coach-own-wall-sit", 1, 6, None, 0.0, 2)
    with pytest.raises(InvalidInputError) as refused:
        log_entry(episode, own, kb, uow, clock)
    assert [p.where for p in refused.value.problems] == ["exercise"]
    assert uow.committed.entries == []
    assert uow.committed.decisions == {}


def test_a_decision_that_changes_the_plan_makes_a_version_from_the_decision(
    uow: FakeUnitOfWork, episode: str, kb: KnowledgeBase, clock: FakeClock
) -> None:
    progressed = log_entry(episode, _bridge("e-1", START), kb, uow, clock)
    held = log_entry(episode, CheckIn("c-1", START + timedelta(days=1), 2), kb, uow, clock)
    assert progressed.decision is not None
    assert held.decision is not None
    assert (progressed.decision.kind, progressed.decision.plan_version) == (
        DecisionKind.PROGRESS,
        2,
    )
    assert (held.decision.kind, held.decision.plan_version) == (DecisionKind.HOLD, 2)
    episode_id, version, sessions, entry_id = uow.committed.versions[-1]
    assert (episode_id, version.version, version.author, entry_id) == (episode, 2, "engine", "e-1")
    assert version.reason == " ".join(r.says for r in progressed.decision.reasons)
    assert "goes up one step" in version.reason
    assert version.changes == progressed.stored["changes"]
    assert version.changes[0]["reps"] == 8
    assert sessions
    assert all(s["date"] >= START.isoformat() for s in sessions)


def test_a_backdated_entry_lands_in_date_order_and_is_decided_as_of_its_day(
    kb: KnowledgeBase, clock: FakeClock
) -> None:
    alone = FakeUnitOfWork()
    answers = parse_answers(RUNNER, "answers")
    only = start_episode("ana", answers, None, START, kb, alone, clock).episode_id
    as_of_then = log_entry(only, _bridge("early", START), kb, alone, clock).stored

    uow = FakeUnitOfWork()
    episode = start_episode("ana", answers, None, START, kb, uow, clock).episode_id
    log_entry(episode, _bridge("late", START + timedelta(days=3), pain=6), kb, uow, clock)
    backdated = log_entry(episode, _bridge("early", START), kb, uow, clock).stored

    assert [e.id for e in uow.logs.entries(episode)] == ["early", "late"]
    numbered = {"plan_version"}  # versions are numbered in the order they were made
    assert {k: v for k, v in backdated.items() if k not in numbered} == {
        k: v for k, v in as_of_then.items() if k not in numbered
    }


def test_the_runners_status_after_a_backdated_entry_counts_the_later_ones_too(
    uow: FakeUnitOfWork, episode: str, kb: KnowledgeBase, clock: FakeClock
) -> None:
    later = START + timedelta(days=3)
    log_entry(episode, _bridge("late", later), kb, uow, clock)
    log_entry(episode, CheckIn("early", START, 2), kb, uow, clock)
    status = uow.committed.statuses[uow.committed.episodes[episode].runner_id]
    assert status.last_activity_on == later
    assert status.last_checkin_on == START


def test_one_flare_up_cuts_running_once(
    uow: FakeUnitOfWork, episode: str, kb: KnowledgeBase, clock: FakeClock
) -> None:
    first = log_entry(episode, _painful_run("r-1", START), kb, uow, clock)
    second = log_entry(episode, _painful_run("r-2", START + timedelta(days=1)), kb, uow, clock)
    assert first.decision is not None
    assert second.decision is not None
    assert first.decision.kind is DecisionKind.REGRESS
    assert [c.target for c in first.decision.changes] == ["running"]
    assert second.decision.kind is DecisionKind.HOLD
    assert second.decision.changes == ()
    assert "flare_same_event" in {r.rule for r in second.decision.reasons}


def test_a_referral_alerts_each_coach_once(
    uow: FakeUnitOfWork, episode: str, kb: KnowledgeBase, clock: FakeClock
) -> None:
    runner = uow.committed.episodes[episode].runner_id
    with_coach(uow, runner, "ana@example.com", "coach@example.com")
    entries = [
        _painful_run("r-1", START),
        _bridge("b-1", START + timedelta(days=1), pain=6),
        _bridge("b-2", START + timedelta(days=2), pain=6),
    ]
    decided = [log_entry(episode, e, kb, uow, clock).decision for e in entries]
    assert [d.kind for d in decided if d] == [
        DecisionKind.REGRESS,
        DecisionKind.REGRESS,
        DecisionKind.REFER,
    ]
    assert list(uow.committed.outbox) == ["alert:b-2:coach@example.com"]
    assert "ana@example.com" in uow.committed.outbox["alert:b-2:coach@example.com"].subject


def test_a_backdated_entry_is_decided_without_a_coach_override_made_after_its_day(
    uow: FakeUnitOfWork, episode: str, kb: KnowledgeBase, clock: FakeClock
) -> None:
    paused = Override(START + timedelta(days=5), "pause_running", {}, "a race", "Coach")
    uow.add_override(episode, paused)
    backdated = log_entry(episode, _painful_run("r-1", START), kb, uow, clock)
    assert backdated.decision is not None
    assert backdated.decision.kind is DecisionKind.REGRESS
    assert [c.target for c in backdated.decision.changes] == ["running"]
