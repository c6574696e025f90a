"""Questionnaires a coach assigns to a runner on a schedule, and what the runner owes today."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from runrehab.domain.assignments import Assignment, schedule
from runrehab.domain.errors import InvalidInputError, NotFoundError, Problem
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.planning import QUESTIONNAIRE_EVERY
from runrehab.domain.records import StoredScore
from runrehab.services.accounts import Account
from runrehab.services.ports import Clock, UnitOfWork

EVERY_DAYS = (7, 14, 28, 42, 56, 84)
MAX_START_DAYS = 365


def assign(
    coach: Account,
    runner_id: str,
    questionnaire: str,
    every_days: int,
    starts_on: date,
    kb: KnowledgeBase,
    uow: UnitOfWork,
    clock: Clock,
) -> None:
    """Ask the runner for `questionnaire` every `every_days` from `starts_on` (replacing an
    earlier schedule of the same questionnaire)."""
    problems = []
    if questionnaire not in kb.questionnaires:
        problems.append(Problem("questionnaire", f"one of {', '.join(sorted(kb.questionnaires))}"))
    if every_days not in EVERY_DAYS:
        problems.append(Problem("every_days", f"one of {', '.join(map(str, EVERY_DAYS))}"))
    if abs((starts_on - clock().date()).days) > MAX_START_DAYS:
        problems.append(Problem("starts_on", f"within {MAX_START_DAYS} days of today"))
    if problems:
        raise InvalidInputError("assignment", problems)
    with uow:
        _check(coach, runner_id, uow)
        uow.episodes.lock_runner(runner_id)
        uow.workspace.assign(
            runner_id, coach.user_id, questionnaire, every_days, starts_on, clock()
        )
        uow.commit()


def stop(coach: Account, runner_id: str, questionnaire: str, uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        _check(coach, runner_id, uow)
        if not uow.workspace.end_assignment(runner_id, questionnaire, clock()):
            raise NotFoundError("no such schedule")
        uow.commit()


def schedules(
    runner_id: str, today: date, kb: KnowledgeBase, uow: UnitOfWork
) -> list[dict[str, Any]]:
    """Every questionnaire the runner's coaches assigned, with when it is (or was) due."""
    with uow:
        assigned = uow.workspace.assignments(runner_id)
        episode_id = uow.episodes.latest_for(runner_id)
        chain = uow.continuity.chain(episode_id) if episode_id else []
        scores = [s for each in chain for s in uow.questionnaires.scores(each)]
    return scheduled(assigned, scores, today, kb)


def scheduled(
    assigned: list[Assignment], scores: list[StoredScore], today: date, kb: KnowledgeBase
) -> list[dict[str, Any]]:
    """Each of the `assigned` schedules with when it is (or was) due, given the `scores` across
    re-assessments."""
    return [
        _shown(a, [s.on for s in scores if s.questionnaire == a.questionnaire], today, kb)
        for a in assigned
    ]


def plan_due(
    names: list[str],
    started_on: date | None,
    scores: list[StoredScore],
    today: date,
    kb: KnowledgeBase,
) -> list[dict[str, Any]]:
    """The plan's own questionnaires (`names`, every two weeks from `started_on`, the start of
    the chain's first episode; None: no episode) still waiting for an answer today: any answer
    across re-assessments (`scores`) from two days before a slot clears it until the next one."""
    if started_on is None:
        return []
    every = QUESTIONNAIRE_EVERY.days
    states = [
        schedule(
            Assignment(name, every, started_on),
            [s.on for s in scores if s.questionnaire == name],
            today,
        )
        for name in names
    ]
    return [
        {
            "date": s.due_on.isoformat(),
            "id": s.questionnaire,
            "name": kb.questionnaires[s.questionnaire].name,
        }
        for s in states
        if s.due_on is not None
    ]


def coach_view(
    coach: Account, runner_id: str, today: date, kb: KnowledgeBase, uow: UnitOfWork
) -> dict[str, Any]:
    """What the coach sees: the schedules and every response with its item answers."""
    with uow:
        _check(coach, runner_id, uow)
        episode_id = uow.episodes.latest_for(runner_id)
        chain = uow.continuity.chain(episode_id) if episode_id else []  # across re-assessments
        responses = [r for each in chain for r in uow.workspace.responses(each)]
    for response in responses:
        response["name"] = kb.questionnaires[response["questionnaire"]].name
    return {"schedules": schedules(runner_id, today, kb, uow), "responses": responses}


def _shown(a: Assignment, answered: list[date], today: date, kb: KnowledgeBase) -> dict[str, Any]:
    state = schedule(a, answered, today)
    shown = asdict(state) | {"name": kb.questionnaires[a.questionnaire].name}
    return shown | {k: shown[k].isoformat() for k in ("due_on", "next_on") if shown[k]}


def _check(coach: Account, runner_id: str, uow: UnitOfWork) -> None:
    if not uow.coaching.has_access(coach.user_id, runner_id):
        raise NotFoundError("no such runner")
