"""Start an injury episode: assess, store the answers, the assessment and plan version 1; a
re-assessment continues the runner's previous episode."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from runrehab.domain.adaptation.engine import replay_with_state
from runrehab.domain.adaptation.overrides import Override
from runrehab.domain.adaptation.reassessment import (
    continuation,
    ended_text,
    resumed,
    starting_state,
)
from runrehab.domain.adaptation.state import CarriedProgress, EngineState, initial_state
from runrehab.domain.assessment import Assessment, assess
from runrehab.domain.episode import Episode
from runrehab.domain.errors import NotFoundError
from runrehab.domain.intake import IntakeAnswers
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.plan import Plan
from runrehab.domain.planning import build_plan
from runrehab.domain.profile import RunnerProfile
from runrehab.domain.records import NewEpisode, PlanVersion
from runrehab.render.serialize import assessment_to_json, carried_to_json, plan_to_json
from runrehab.schemas.answers import answers_to_json
from runrehab.schemas.profile import profile_to_json
from runrehab.services.coaching import describe_override
from runrehab.services.ports import Clock, EngineUnitOfWork, UnitOfWork
from runrehab.services.status import continued, starting_status

PLAN_WEEKS = 6


@dataclass(frozen=True, slots=True)
class EpisodeStarted:
    episode_id: str
    assessment: Assessment
    plan: Plan


def start_episode(
    runner: str | RunnerId,
    answers: IntakeAnswers,
    profile: RunnerProfile | None,
    on: date,
    kb: KnowledgeBase,
    uow: EngineUnitOfWork,
    clock: Clock,
    by_coach: str | None = None,
) -> EpisodeStarted:
    """A new episode from the answers; `by_coach` names the coach who re-assessed the runner.
    `profile` None keeps the runner's previous profile (the default one for a first episode).

    A runner assessed before is re-assessed: the new episode continues their latest one,
    carrying the progress over or saying why the stage changed, and ending each coach override
    that no longer applies with the reason (`reassessment`)."""
    assessment = assess(answers, kb, on)
    shown = assessment_to_json(assessment, kb)
    now = clock()
    with uow:
        runner_id = runner.id if isinstance(runner, RunnerId) else _named_runner(runner, uow, now)
        uow.episodes.lock_runner(runner_id)
        previous_id = uow.episodes.latest_for(runner_id)
        previous = uow.episodes.get(previous_id) if previous_id else None
        if profile is None:  # the runner's days and equipment stay
            profile = previous.profile if previous else RunnerProfile()
        fresh = initial_state(assessment, answers, profile, kb)
        follows = _continuation(previous, assessment, fresh, kb, uow) if previous else None
        episode_id = uuid.uuid4().hex
        uow.episodes.add(
            NewEpisode(
                id=episode_id,
                runner_id=runner_id,
                started_on=on,
                answers=answers_to_json(answers),
                profile=profile_to_json(profile),
                assessment=shown,
                verdict=assessment.verdict.name,
                condition_id=assessment.condition,
                knowledge_version=kb.version,
                created_at=now,
                previous_episode_id=previous_id,
                carried=carried_to_json(follows.carried) if follows else None,
            )
        )
        for override_id, why in follows.ended if follows else ():
            uow.continuity.end_override(override_id, on, why)
        state = replay_with_state(
            resumed(fresh, follows.carried if follows else None),
            [],
            kb,
            uow.coaching.overrides(episode_id),
        )[0]
        plan = build_plan(assessment, answers, profile, kb, on, PLAN_WEEKS, progress=state)
        first = PlanVersion(
            1,
            now,
            on,
            "coach" if by_coach else "engine",
            _first_reason(on, by_coach, follows),
            state.stage if assessment.start_stage else None,
            _first_changes(on, by_coach, follows),
        )
        uow.plans.add_version(episode_id, first, plan_to_json(plan, kb)["sessions"])
        status = starting_status(runner_id, episode_id, assessment, plan, now)
        before = uow.status.get(runner_id) if previous else None
        if before is not None and before.episode_id == previous_id:  # the history goes on
            status = continued(status, before)
        uow.status.put(replace(status, stage=first.stage))
        uow.commit()
    return EpisodeStarted(episode_id, assessment, plan)


@dataclass(frozen=True, slots=True)
class _Follows:
    """How a re-assessment continues the runner's previous episode (see `reassessment`)."""

    carried: CarriedProgress | None
    stage_note: str
    ended: tuple[tuple[int, str], ...]  # (override id, why it ended)
    ended_texts: tuple[str, ...]
    kept: int  # overrides still in force


def _continuation(
    previous: Episode,
    assessment: Assessment,
    fresh: EngineState,
    kb: KnowledgeBase,
    uow: EngineUnitOfWork,
) -> _Follows:
    in_force = uow.continuity.overrides_in_force(previous.id)
    overrides = [o for _, o in in_force]
    reached = replay_with_state(
        starting_state(previous, kb), uow.logs.entries(previous.id), kb, overrides
    )[0]
    follows = continuation(reached, overrides, assessment, fresh, kb)
    ended = tuple((in_force[i][0], why) for i, why in follows.ended)
    texts = tuple(
        f"{overrides[i].by}'s change ({describe_change(overrides[i], kb)}) "
        f"{ended_text(assessment.assessed_on, why)}"
        for i, why in follows.ended
    )
    return _Follows(follows.carried, follows.stage_note, ended, texts, len(in_force) - len(ended))


def describe_change(o: Override, kb: KnowledgeBase) -> str:
    if o.kind == "remove_exercise":
        return "one of the coach's own exercises removed"
    return describe_override(o, kb)


def _first_reason(on: date, by_coach: str | None, follows: _Follows | None) -> str:
    if follows is None:
        if by_coach:
            return f"{by_coach} assessed you; a plan starts from this assessment."
        return "Initial plan from the assessment."
    who = by_coach or "you"
    kept = (
        f" The coach's {follows.kept} change{'s' if follows.kept != 1 else ''} to the plan "
        "still appl" + ("y." if follows.kept != 1 else "ies.")
        if follows.kept
        else ""
    )
    ended = "".join(f" {t}." for t in follows.ended_texts)
    return f"Re-assessed on {on.isoformat()} by {who}: {follows.stage_note}.{kept}{ended}"


def _first_changes(
    on: date, by_coach: str | None, follows: _Follows | None
) -> list[dict[str, Any]]:
    """A re-assessment's first plan version says so, for the timeline and the charts' marker."""
    if follows is None:
        return []
    return [
        {
            "reassessed": True,
            "on": on.isoformat(),
            "by": by_coach or "the runner",
            "stage": follows.stage_note,
            "ended": list(follows.ended_texts),
        }
    ]


@dataclass(frozen=True, slots=True)
class RunnerId:
    """An existing runner, by id (the web app's signed-in runner); a plain str is a name."""

    id: str


def _named_runner(name: str, uow: EngineUnitOfWork, now: datetime) -> str:
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
        raise NotFoundError(
            f"no saved assessment for {runner!r} yet: run `runrehab assess` (it asks the questions "
            "and saves), or save an answers file with `runrehab assess --answers FILE --save` "
            "(without --save, `assess --answers` only shows the result)"
        )
    return episode_id
