"""What Today, Plan and Progress show, each read in one unit of work, a table at a time (the
number of statements is pinned by tests/web/test_page_queries.py, the same for a week of history
or a year): the engine state comes from `snapshots`, and the shaping is the pure half
of the use cases that read one thing (`plan_from`, `scheduled`, `unscored`, `overrides_listed`...),
given the values read here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from runrehab.domain.adaptation.overrides import Override
from runrehab.domain.adaptation.state import EngineState
from runrehab.domain.episode import Episode
from runrehab.domain.errors import NotFoundError
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.load import SPIKE_WINDOW, Run
from runrehab.domain.log import Entry
from runrehab.domain.plan import Plan
from runrehab.domain.records import PlanVersion, StoredScore
from runrehab.domain.referral import is_referred
from runrehab.services.activities import (
    AWAITING_DAYS,
    AWAITING_LISTED,
    AWAITING_PLAN_WEEKS,
    checked,
    unscored,
)
from runrehab.services.assignments import plan_due, scheduled
from runrehab.services.continuity import overrides_listed
from runrehab.services.ports import JSON, UnitOfWork
from runrehab.services.progress import plan_from
from runrehab.services.snapshots import engine_state, recent_and_state

NO_EPISODE = "no assessment yet: take the assessment first"
COACH_CHANGES_SHOWN = 3  # Today lists the coach's last few changes to the plan


@dataclass(frozen=True, slots=True)
class TodayPage:
    """What `render.view_models.log.today_view` takes besides the day and the knowledge base."""

    plan: Plan  # one week from the day
    last_decision: JSON | None  # the decision on the last entry of the log
    versions: list[PlanVersion]  # the coach's last changes to the plan, oldest first
    questionnaires_due: list[JSON]  # the plan's own, where no coach set a schedule
    questionnaires_assigned: list[JSON]
    unread_messages: int
    coaches: list[tuple[str, str]]  # (coach user id, display name)
    runs_awaiting: list[JSON]  # watch runs of the last week without pain scores
    race: tuple[float, float, date | None] | None  # (distance m, duration s, day) for the pace
    logged_today: list[
        Entry
    ]  # what the runner logged on the day, oldest first (cards show it done)


def today_page(runner_id: str, day: date, kb: KnowledgeBase, uow: UnitOfWork) -> TodayPage:
    """The runner's day on their latest episode; NotFoundError before their first assessment."""
    since = day - timedelta(days=AWAITING_DAYS)
    with uow:
        episode = _episode(uow, runner_id, None)
        chain = uow.continuity.chain(episode.id)
        overrides = _in_force(uow.continuity.overrides_of(chain))
        entries, state = recent_and_state(uow, episode, overrides, kb, since)
        pauses = uow.accounts.pauses(episode.id)
        imported = uow.activities.runs(runner_id, since=since - SPIKE_WINDOW)
        recent = uow.activities.listed(runner_id, AWAITING_LISTED, since=since)
        last = uow.logs.decision(entries[-1].id) if entries else None
        versions = uow.plans.recent_versions(episode.id, "coach", COACH_CHANGES_SHOWN)
        scores = _scores(uow, chain)
        started = uow.continuity.started(chain[:1]).get(chain[0])
        assigned = scheduled(uow.workspace.assignments(runner_id), scores, day, kb)
        unread = uow.coaching.unread_for_runner(runner_id)
        coaches = uow.coaching.coaches_of(runner_id)
        race = uow.accounts.race(runner_id)
    plan = plan_from(episode, state, imported, pauses, day, 1, kb)
    waiting = unscored(recent, {e.id for e in entries}, day)
    awaiting = (
        checked(
            waiting,
            plan_from(episode, state, imported, pauses, since, AWAITING_PLAN_WEEKS, kb),
            imported,
            kb,
        )
        if waiting
        else []
    )
    by_coach = {a["questionnaire"] for a in assigned}  # a coach's schedule replaces the plan's
    return TodayPage(
        plan=plan,
        last_decision=last[1] if last is not None else None,
        versions=versions,
        questionnaires_due=plan_due(
            sorted({name for _, name in plan.questionnaires} - by_coach), started, scores, day, kb
        ),
        questionnaires_assigned=assigned,
        unread_messages=unread,
        coaches=coaches,
        runs_awaiting=awaiting,
        race=race,
        logged_today=[e for e in entries if e.on == day],
    )


@dataclass(frozen=True, slots=True)
class PlanPage:
    """What `render.view_models.plan.plan_view` takes besides the knowledge base."""

    plan: Plan
    versions: list[PlanVersion]  # every version, across re-assessments
    paused: bool
    overrides: JSON  # in force and ended, as `continuity.overrides_listed` lists them
    criteria_met: tuple[str, ...]  # the current stage's criteria the engine finds met (rule ids)
    stage_held: bool  # a coach holds the runner at the current stage: criteria do not move them on


def plan_page(
    day: date,
    weeks: int,
    kb: KnowledgeBase,
    uow: UnitOfWork,
    *,
    runner_id: str = "",
    episode_id: str | None = None,
) -> PlanPage:
    """`weeks` of plan from `day`: of the runner's latest episode, or of `episode_id` (a coach
    looking at a runner); NotFoundError when there is none."""
    with uow:
        episode = _episode(uow, runner_id, episode_id)
        chain = uow.continuity.chain(episode.id)
        overrides = uow.continuity.overrides_of(chain)
        read = _plan_read(uow, episode, _in_force(overrides), kb, day)
        versions = [v for each in chain for v in uow.plans.versions(each)]
        status = uow.status.get(episode.runner_id)
    referred = status is not None and is_referred(status.verdict, status.red_flag)
    state = read.state
    return PlanPage(
        plan=read.plan(episode, day, weeks, kb),
        versions=versions,
        paused=any(end is None for _, end, _ in read.pauses),
        overrides=overrides_listed(overrides, referred, kb),
        criteria_met=_criteria_met(state, kb),
        stage_held=state.stage_held,
    )


def plan_alone(day: date, weeks: int, kb: KnowledgeBase, uow: UnitOfWork, runner_id: str) -> Plan:
    """`weeks` of the runner's plan from `day` and nothing else (a day's page): read as
    `plan_page` reads it, without the plan's versions and the overrides' listing."""
    with uow:
        episode = _episode(uow, runner_id, None)
        overrides = _in_force(uow.continuity.overrides_of(uow.continuity.chain(episode.id)))
        read = _plan_read(uow, episode, overrides, kb, day)
    return read.plan(episode, day, weeks, kb)


@dataclass(frozen=True, slots=True)
class _PlanRead:
    """What a plan is built from besides the episode: the engine's state, the pauses, the watch's
    runs of the spike window."""

    state: EngineState
    pauses: list[tuple[date, date | None, str]]
    imported: list[Run]

    def plan(self, episode: Episode, day: date, weeks: int, kb: KnowledgeBase) -> Plan:
        return plan_from(episode, self.state, self.imported, self.pauses, day, weeks, kb)


def _plan_read(
    uow: UnitOfWork, episode: Episode, overrides: list[Override], kb: KnowledgeBase, day: date
) -> _PlanRead:
    _, state = recent_and_state(uow, episode, overrides, kb, day)
    pauses = uow.accounts.pauses(episode.id)
    imported = uow.activities.runs(episode.runner_id, since=day - SPIKE_WINDOW)
    return _PlanRead(state, pauses, imported)


def _criteria_met(state: EngineState, kb: KnowledgeBase) -> tuple[str, ...]:
    """The current stage's criteria met by the readiness facts the engine holds, as it checks
    them at a check-in; none while the runner is referred (no stage is followed then)."""
    protocol = kb.protocols.get(state.protocol) if state.protocol else None
    if protocol is None or state.referred or not 0 < state.stage <= len(protocol.stages):
        return ()
    return tuple(rule.id for rule in protocol.stages[state.stage - 1].criteria_met(state.readiness))


@dataclass(frozen=True, slots=True)
class ProgressPage:
    """What the progress charts are drawn from, across re-assessments, oldest first."""

    entries: list[Entry]
    scores: list[StoredScore]
    # every plan version, with the decision that made it when that was a setback (a flare-up)
    versions: list[tuple[PlanVersion, JSON | None]]
    plan: Plan  # a week from this week's Monday: its sessions, and the current stage


def progress_page(
    day: date,
    kb: KnowledgeBase,
    uow: UnitOfWork,
    *,
    runner_id: str = "",
    episode_id: str | None = None,
) -> ProgressPage:
    """The log, scores and plan versions of the runner's latest episode (or of `episode_id`)
    and the ones it continues, and the plan of `day`'s week; NotFoundError when there is none."""
    monday = day - timedelta(days=day.weekday())
    with uow:
        episode = _episode(uow, runner_id, episode_id)
        chain = uow.continuity.chain(episode.id)
        logs = {each: uow.logs.entries(each) for each in chain}
        overrides = _in_force(uow.continuity.overrides_of(chain))
        state = engine_state(uow, episode, logs[episode.id], overrides, kb)
        imported = uow.activities.runs(episode.runner_id, since=monday - SPIKE_WINDOW)
        versions = uow.plans.versions_across(chain)
        scores = _scores(uow, chain)
    return ProgressPage(
        entries=[e for each in chain for e in logs[each]],
        scores=scores,
        versions=versions,
        # from Monday, or the assessment when later; pauses are left in (they leave stages alone)
        plan=plan_from(episode, state, imported, (), max(monday, episode.started_on), 1, kb),
    )


def _episode(uow: UnitOfWork, runner_id: str, episode_id: str | None) -> Episode:
    found = uow.episodes.get(episode_id) if episode_id else uow.episodes.latest(runner_id)
    if found is None:
        raise NotFoundError(NO_EPISODE)
    return found


def _in_force(overrides: Sequence[tuple[Override, date | None, str]]) -> list[Override]:
    return [o for o, ended_on, _ in overrides if ended_on is None]


def _scores(uow: UnitOfWork, chain: list[str]) -> list[StoredScore]:
    return [s for each in chain for s in uow.questionnaires.scores(each)]
