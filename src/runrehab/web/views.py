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
from runrehab.render.dates import day_words
from runrehab.render.plan_calendar import HORIZON_WEEKS, Horizon, last_day, week_of
from runrehab.render.view_models.account import Device, device_view
from runrehab.render.view_models.coaching import TimelineEvent, timeline_view
from runrehab.render.view_models.log import Coach, Today, today_view
from runrehab.render.view_models.plan import (
    Pace,
    Plan,
    PlanDay,
    pace_view,
    plan_day_view,
    plan_view,
)
from runrehab.render.view_models.progress import (
    Progress,
    RaisedFlag,
    Scored,
    chart_events,
    chart_words,
    stage_view,
    week_view,
)
from runrehab.services.accounts import Account
from runrehab.services.charts import progress_series, questionnaire_trends
from runrehab.services.continuity import history_across, reassessments, scores_across
from runrehab.services.episodes import episode_of
from runrehab.services.pages import (
    NO_EPISODE,
    PlanPage,
    ProgressPage,
    plan_alone,
    plan_page,
    progress_page,
    today_page,
)
from runrehab.services.sessions import of_account
from runrehab.web.state import AppState

NEXT_SESSION_SEARCH = timedelta(days=14)  # how far a rest day looks for the next session


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
        return _pace(uow.accounts.race(who.runner_id))


def today(state: AppState, who: Account, day: date) -> Today:
    read = today_page(who.runner_id, day, state.kb, state.uow())
    return today_view(
        day,
        read.plan,
        state.kb,
        last_decision=read.last_decision,
        versions=read.versions,
        questionnaires_due=read.questionnaires_due,
        questionnaires_assigned=read.questionnaires_assigned,
        unread_messages=read.unread_messages,
        coaches=[Coach(id=i, name=n) for i, n in read.coaches],
        runs_awaiting=read.runs_awaiting,
        pace=_pace(read.race),
        logged_today=read.logged_today,
    )


def plan(state: AppState, who: Account, day: date, weeks: int, month: date | None = None) -> Plan:
    """The plan from `day`: `weeks` of sessions listed, and as a calendar (`day`'s week, and
    `month`, by default `day`'s: NotFoundError for a month without a day in the horizon)."""
    shown = _month_shown(day, month)
    read = plan_page(
        day, _covering(day, weeks, shown), state.kb, state.uow(), runner_id=who.runner_id
    )
    return _plan(read, state, weeks, shown)


def plan_of(state: AppState, episode: str, day: date, weeks: int) -> Plan:
    shown = _month_shown(day, None)
    read = plan_page(day, _covering(day, weeks, shown), state.kb, state.uow(), episode_id=episode)
    return _plan(read, state, weeks, shown)


def plan_day(state: AppState, who: Account, today: date, day: date) -> PlanDay:
    """`day` of the plan as it stands `today`; NotFoundError outside the horizon."""
    horizon = Horizon.from_day(today)
    if day not in horizon:
        raise NotFoundError(_outside(horizon, day))
    weeks = horizon.weeks_to(day + NEXT_SESSION_SEARCH)
    return plan_day_view(plan_alone(today, weeks, state.kb, state.uow(), who.runner_id), day)


def progress(state: AppState, who: Account) -> Progress:
    day = date.today()
    return _progress(progress_page(day, state.kb, state.uow(), runner_id=who.runner_id), state, day)


def progress_of(state: AppState, episode: str) -> Progress:
    day = date.today()
    return _progress(progress_page(day, state.kb, state.uow(), episode_id=episode), state, day)


def week_days(start: date) -> list[date]:
    return [start + timedelta(days=i) for i in range(7)]


def _pace(race: tuple[float, float, date | None] | None) -> Pace:
    return pace_view(
        rehab_easy_pace(RaceResult(race[0], race[1]) if race else None), race is not None
    )


def _plan(read: PlanPage, state: AppState, weeks: int, month: date) -> Plan:
    return plan_view(
        read.plan,
        state.kb,
        read.versions,
        read.paused,
        read.overrides,
        weeks=weeks,
        month=month,
        criteria_met=read.criteria_met,
        stage_held=read.stage_held,
    )


def _month_shown(day: date, month: date | None) -> date:
    """The first day of `month` (of `day`'s by default), when it has a day in the horizon."""
    shown = (month or day).replace(day=1)
    months = Horizon.from_day(day).months()
    if shown not in months:
        raise NotFoundError(
            f"Your plan shows {months[0]:%B %Y} to {months[-1]:%B %Y}; {shown:%B %Y} is not in it."
        )
    return shown


def _covering(day: date, weeks: int, month: date) -> int:
    """Weeks of plan from `day` for `weeks` listed, `day`'s week and `month` (up to the horizon)."""
    return max(weeks, Horizon.from_day(day).weeks_to(max(last_day(month), week_of(day)[-1])))


def _outside(horizon: Horizon, day: date) -> str:
    if day < horizon.first:
        return (
            f"{day_words(day)} has passed: the plan shows today and the {HORIZON_WEEKS} weeks "
            "ahead. What you did that day is in your log."
        )
    return (
        f"Your plan shows the days up to {day_words(horizon.last)}; {day_words(day)} is further "
        "ahead, and fills in as you get closer."
    )


def _progress(read: ProgressPage, state: AppState, day: date) -> Progress:
    """This week, and the charts' numbers and events across re-assessments, each
    re-assessment marked (`reassessed`)."""
    series = progress_series(read.entries, read.scores, state.kb.dosage.exercise_pain_limit)
    events = chart_events(read.versions, {s.number: s.name for s in read.plan.stages})
    tolerance = state.kb.adaptation.morning_trend_tolerance
    series["week"] = week_view(read.entries, read.plan, day, tolerance)
    series["events"] = events
    series["chart_words"] = chart_words(series, events)
    series["trends"] = questionnaire_trends(read.scores, state.kb)
    series["reassessed"] = reassessments([v for v, _ in read.versions])
    series["stage"] = stage_view(read.plan)
    return Progress.model_validate(series)


def timeline(
    state: AppState, file: dict[str, Any], thread: list[dict[str, Any]]
) -> list[TimelineEvent]:
    """Everything about a runner in one list, newest first (the coach's view), across
    re-assessments."""
    past = history_across(file["episode_id"], state.uow())
    marked = {m["says"] for m in reassessments(past.versions)}
    names = {e.id: e.name for e in state.kb.exercises.values()} | {
        c["id"]: c["name"] for c in file["custom_exercises"]
    }
    return timeline_view(
        past.entries, past.decisions, past.versions, marked, thread, file["notes"], names
    )


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
