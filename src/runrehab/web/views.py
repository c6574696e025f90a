"""What a page and its JSON twin both show, read through the unit of work and returned as the
typed view models of `render/view_models/` (the shaping lives there), so the page and the API get
the same checked values."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from runrehab.domain.errors import NotFoundError
from runrehab.domain.pace import RaceResult, rehab_easy_pace
from runrehab.domain.questionnaires import score
from runrehab.domain.records import StoredScore
from runrehab.render.view_models.account import Device, device_view
from runrehab.render.view_models.coaching import TimelineEvent, timeline_view
from runrehab.render.view_models.log import Coach, Today, today_view
from runrehab.render.view_models.plan import Pace, Plan, pace_view, plan_view
from runrehab.render.view_models.progress import Progress, RaisedFlag, Scored, stage_view
from runrehab.services.accounts import Account
from runrehab.services.activities import awaiting_pain
from runrehab.services.assignments import plan_due, schedules
from runrehab.services.charts import progress_series, questionnaire_trends
from runrehab.services.continuity import (
    history_across,
    overrides_listed,
    reassessments,
    scores_across,
)
from runrehab.services.episodes import episode_of
from runrehab.services.progress import current_plan, history
from runrehab.services.sessions import of_account
from runrehab.web.state import AppState

NO_EPISODE = "no assessment yet: take the assessment first"


def devices(state: AppState, who: Account, this_session: str | None) -> list[Device]:
    """The account's signed-in devices, the most recently used first."""
    return [device_view(login, this_session) for login in of_account(who.user_id, state.uow())]


def episode_id(state: AppState, who: Account) -> str:
    found = episode_of(who.runner_id, state.uow())
    if found is None:
        raise NotFoundError(NO_EPISODE)
    return found


def pace(state: AppState, who: Account) -> Pace:
    with state.uow() as uow:
        race = uow.accounts.race(who.runner_id)
    return pace_view(
        rehab_easy_pace(RaceResult(race[0], race[1]) if race else None), race is not None
    )


def today(state: AppState, who: Account, day: date) -> Today:
    episode = episode_id(state, who)
    plan = current_plan(episode, day, 1, state.kb, state.uow())
    past = history(episode, state.uow())
    assigned = schedules(who.runner_id, day, state.kb, state.uow())
    by_coach = {a["questionnaire"] for a in assigned}
    return today_view(
        day,
        plan,
        state.kb,
        last_decision=past.decisions.get(past.entries[-1].id) if past.entries else None,
        versions=past.versions,
        questionnaires_due=plan_due(  # the plan's default, unless a coach set a schedule
            who.runner_id,
            sorted({name for _, name in plan.questionnaires} - by_coach),
            day,
            state.kb,
            state.uow(),
        ),
        questionnaires_assigned=assigned,
        unread_messages=_unread(state, who),
        coaches=_coaches(state, who),
        runs_awaiting=awaiting_pain(who.runner_id, episode, day, state.kb, state.uow()),
        pace=pace(state, who),
    )


def plan(state: AppState, who: Account, day: date, weeks: int) -> Plan:
    return plan_of(state, episode_id(state, who), day, weeks)


def plan_of(state: AppState, episode: str, day: date, weeks: int) -> Plan:
    plan_now = current_plan(episode, day, weeks, state.kb, state.uow())
    versions = history_across(episode, state.uow()).versions
    with state.uow() as uow:
        pauses = uow.accounts.pauses(episode)
    paused = any(end is None for _, end, _ in pauses)
    overrides = overrides_listed(episode, state.kb, state.uow())  # in force, and ended
    return plan_view(plan_now, state.kb, versions, paused, overrides)


def progress(state: AppState, who: Account) -> Progress:
    return progress_of(state, episode_id(state, who))


def progress_of(state: AppState, episode: str) -> Progress:
    """The charts' numbers across re-assessments, each re-assessment marked (`reassessed`)."""
    past = history_across(episode, state.uow())
    scores = scores_across(episode, state.uow())
    series = progress_series(past.entries, scores, state.kb.dosage.exercise_pain_limit)
    series["trends"] = questionnaire_trends(scores, state.kb)
    series["reassessed"] = reassessments(past)
    series["stage"] = stage_view(current_plan(episode, date.today(), 1, state.kb, state.uow()))
    return Progress.model_validate(series)


def week_days(start: date) -> list[date]:
    return [start + timedelta(days=i) for i in range(7)]


def _coaches(state: AppState, who: Account) -> list[Coach]:
    with state.uow() as uow:
        return [Coach(id=i, name=n) for i, n in uow.coaching.coaches_of(who.runner_id)]


def _unread(state: AppState, who: Account) -> int:
    with state.uow() as uow:
        return uow.coaching.unread_for_runner(who.runner_id)


def timeline(
    state: AppState, file: dict[str, Any], thread: list[dict[str, Any]]
) -> list[TimelineEvent]:
    """Everything about a runner in one list, newest first (the coach's view), across
    re-assessments."""
    past = history_across(file["episode_id"], state.uow())
    marked = {m["says"] for m in reassessments(past)}
    return timeline_view(past.entries, past.decisions, past.versions, marked, thread, file["notes"])


def scored(
    state: AppState, episode: str, name: str, answers: dict[str, Any], stored: StoredScore
) -> Scored:
    """A response's score with its minimal important change, the change since the response
    before read against it, and any published flag it raises (OSTRC-O2 substantial problem)."""
    q = state.kb.questionnaires[name]
    [trend] = questionnaire_trends(
        [s for s in scores_across(episode, state.uow()) if s.questionnaire == name], state.kb
    )
    raised = set(score(q, answers, name).flags)
    return Scored(
        questionnaire=name,
        score=stored.score,
        provisional=stored.provisional,
        mcid=q.mcid,
        higher_is_better=q.higher_is_better,
        interpretation=trend["interpretation"],
        words=trend["words"],
        flags=[RaisedFlag(id=f.id, text=f.text) for f in q.flags if f.id in raised],
    )
