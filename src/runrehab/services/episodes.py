"""Start an injury episode: assess, store the answers, the assessment and plan version 1."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from runrehab.adapters.serialize import assessment_to_json, plan_to_json
from runrehab.domain.assessment import Assessment, assess
from runrehab.domain.errors import NotFoundError
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.plan import Plan
from runrehab.domain.planning import build_plan
from runrehab.domain.records import NewEpisode, PlanVersion
from runrehab.schemas.answers import AnswersModel, parse_answers
from runrehab.schemas.profile import parse_profile
from runrehab.schemas.validation import validate
from runrehab.services.ports import JSON, Clock, UnitOfWork
from runrehab.services.status import starting_status

PLAN_WEEKS = 6


@dataclass(frozen=True, slots=True)
class EpisodeStarted:
    episode_id: str
    assessment: Assessment
    plan: Plan


def start_episode(
    runner: str | RunnerId,
    raw_answers: JSON,
    raw_profile: JSON,
    on: date,
    kb: KnowledgeBase,
    uow: UnitOfWork,
    clock: Clock,
    by_coach: str | None = None,
) -> EpisodeStarted:
    """A new episode from the answers; `by_coach` names the coach who re-assessed the runner."""
    answers = parse_answers(raw_answers, "answers")
    profile = parse_profile(raw_profile, "profile")
    assessment = assess(answers, kb, on)
    plan = build_plan(assessment, answers, profile, kb, on, PLAN_WEEKS)
    now = clock()
    with uow:
        runner_id = runner.id if isinstance(runner, RunnerId) else _named_runner(runner, uow, now)
        episode_id = uuid.uuid4().hex
        uow.episodes.add(
            NewEpisode(
                id=episode_id,
                runner_id=runner_id,
                started_on=on,
                answers=validate(AnswersModel, raw_answers, "answers").model_dump(mode="json"),
                profile=raw_profile,
                assessment=assessment_to_json(assessment, kb),
                verdict=assessment.verdict.name,
                condition_id=assessment.condition,
                knowledge_version=kb.version,
                created_at=now,
            )
        )
        first = PlanVersion(
            1,
            now,
            on,
            "coach" if by_coach else "engine",
            f"{by_coach} re-assessed you; a new plan starts from this assessment."
            if by_coach
            else "Initial plan from the assessment.",
            assessment.start_stage,
            [],
        )
        uow.plans.add_version(episode_id, first, plan_to_json(plan, kb)["sessions"])
        uow.status.put(
            starting_status(runner_id, episode_id, assessment_to_json(assessment, kb), now)
        )
        uow.commit()
    return EpisodeStarted(episode_id, assessment, plan)


@dataclass(frozen=True, slots=True)
class RunnerId:
    """An existing runner, by id (the web app's signed-in runner); a plain str is a name."""

    id: str


def _named_runner(name: str, uow: UnitOfWork, now: datetime) -> str:
    runner_id = uow.episodes.runner_named(name)
    if runner_id is None:
        runner_id = uuid.uuid4().hex
        uow.episodes.add_runner(runner_id, name, now)
    return runner_id


def episode_of(runner_id: str, uow: UnitOfWork) -> str | None:
    """The runner's latest episode, if they have been assessed."""
    with uow:
        return uow.episodes.latest_for(runner_id)


def runner_named(runner: str, uow: UnitOfWork) -> str:
    """The id of the runner with this local name, or NotFoundError telling them to assess first."""
    with uow:
        runner_id = uow.episodes.runner_named(runner)
    if runner_id is None:
        raise NotFoundError(f"no runner named {runner!r}: run `runrehab assess` first")
    return runner_id


def current_episode(runner: str, uow: UnitOfWork) -> str:
    """The runner's latest episode id, or NotFoundError telling them to assess first."""
    with uow:
        runner_id = uow.episodes.runner_named(runner)
        episode_id = uow.episodes.latest_for(runner_id) if runner_id else None
    if episode_id is None:
        raise NotFoundError(f"no saved assessment for {runner!r} yet: run `runrehab assess` first")
    return episode_id
