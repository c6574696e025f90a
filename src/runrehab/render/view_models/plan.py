"""The plan: its weeks as a week strip and a month calendar, one day of it, its stages, versions
and coach overrides; the easy pace and its zones; the calendar address."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from pydantic import Field

from runrehab.domain import pace as domain_pace
from runrehab.domain import plan as domain_plan
from runrehab.domain import records
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.pace import PaceAdvice
from runrehab.domain.referral import REFERRAL_VERDICTS
from runrehab.render.plan_calendar import Horizon, month_grid, next_month, week_of
from runrehab.render.serialize import plan_to_json, rules_in, session_to_json
from runrehab.render.view_models.common import NOTE_RULES, Education, Object, Reason, ViewModel


class PlannedQuestionnaire(ViewModel):
    date: str
    id: str
    name: str


class PlanVersion(ViewModel):
    version: int
    effective_on: str
    author: str
    reason: str
    reason_rules: list[Reason] = Field(
        description="the rules `reason` quotes, in order, each with its evidence label"
    )
    stage: int | None
    changes: list[Object] | Object


class CalendarDay(ViewModel):
    date: str
    kinds: list[str] = Field(
        description="its sessions' kinds in order ('strength', 'run', 'mobility', 'rest'); "
        "empty for a day outside the plan's horizon"
    )
    today: bool
    opens: bool = Field(description="inside the plan's horizon: `/plan/day/{date}` shows it")


class Month(ViewModel):
    month: str = Field(description="YYYY-MM")
    name: str = Field(description="in words, e.g. 'December 2026'")
    previous: str | None = Field(
        description="the month before (YYYY-MM) when it has a day in the horizon, else null"
    )
    next: str | None = Field(
        description="the month after (YYYY-MM) when it has a day in the horizon, else null"
    )
    weeks: list[list[CalendarDay | None]] = Field(
        description="Monday first; null for the days of the months around it"
    )


class Plan(ViewModel):
    condition: str | None
    verdict: str
    start: str
    weeks: int
    knowledge_version: str
    notes: list[str]
    note_rules: list[list[Reason]] = Field(description=NOTE_RULES)
    education: list[Education]
    stages: list[Object]
    sessions: list[Object]
    questionnaires: list[PlannedQuestionnaire]
    return_to_run: list[Reason]
    monitoring_task: str | None
    versions: list[PlanVersion]
    paused: bool
    overrides: Overrides
    criteria_met: list[str] = Field(
        description="the current stage's `advance_rules` (rule ids) that the facts the runner "
        "reported meet, as the engine checks them at a check-in: a fact never reported meets none"
    )
    stage_held: bool = Field(
        description="a coach holds the runner at the current stage: its criteria, met or not, "
        "do not move them on until the coach lets go"
    )
    horizon_end: str = Field(
        description="the last day shown day by day (`/plan/day/{date}`): the plan runs from the "
        "day asked for (today by default) to here"
    )
    week: list[CalendarDay] = Field(description="the day's week, Monday to Sunday")
    month: Month


class PlanDay(ViewModel):
    """One day of the plan, read-only: its sessions with their doses, or why there is none."""

    date: str
    today: bool
    condition: str | None
    verdict: str
    referred: bool = Field(
        description="a clinician must see the runner first: no session is shown on any day"
    )
    sessions: list[Object] = Field(description="as in the plan's `sessions`")
    next_session: str | None = Field(
        description="on a day with nothing to do (rest, or the plan paused): the next day with "
        "a session, when the horizon has one"
    )
    previous_day: str | None = Field(description="the day before, when the plan shows it")
    next_day: str | None = Field(description="the day after, when the plan shows it")


class Overrides(ViewModel):
    """A coach's changes to the plan: those in force, and those that ended."""

    in_force: list[Object]
    ended: list[Object]


class PaceRange(ViewModel):
    fast_s_per_km: int
    slow_s_per_km: int
    text: str


class PaceZone(PaceRange):
    name: str
    why: str


class Pace(ViewModel):
    from_race: bool
    easy_pace: PaceRange | None
    vdot: float | None
    why: str
    zones: list[PaceZone]


class CalendarUrl(ViewModel):
    url: str = Field(description="the runner's private iCalendar feed")


def pace_view(advice: PaceAdvice, from_race: bool) -> Pace:
    """The easy pace advice in whole seconds per km, each range with its words."""
    return Pace(
        from_race=from_race,
        easy_pace=None if advice.pace_range is None else _range(advice.pace_range),
        vdot=None if advice.vdot is None else round(advice.vdot, 1),
        why=advice.why,
        zones=[
            PaceZone(name=zone.name, **_range(zone.pace_range).model_dump(), why=zone.why)
            for zone in advice.zones
        ],
    )


def _range(pace_range: domain_pace.PaceRange) -> PaceRange:
    return PaceRange(
        fast_s_per_km=round(pace_range.fast_s_per_km),
        slow_s_per_km=round(pace_range.slow_s_per_km),
        text=pace_range.label(),
    )


def plan_view(
    plan: domain_plan.Plan,
    kb: KnowledgeBase,
    versions: Sequence[records.PlanVersion],
    paused: bool,
    overrides: Object,
    *,
    weeks: int,
    month: date,
    criteria_met: Sequence[str],
    stage_held: bool,
) -> Plan:
    """The plan with every version of it (`versions`, across re-assessments: what changed
    before one too), each reason with the rules it quotes, and the coach's overrides; its
    sessions for `weeks` from its first day, and as a calendar: the first day's week and
    `month` (the plan must reach the end of both, inside the horizon)."""
    end = plan.start + timedelta(weeks=weeks)
    kinds = _kinds(plan)
    return Plan.model_validate(
        plan_to_json(plan, kb)
        | {
            "weeks": weeks,
            "sessions": [session_to_json(s) for s in plan.sessions if s.date < end],
            "criteria_met": list(criteria_met),
            "stage_held": stage_held,
            "horizon_end": Horizon.from_day(plan.start).last.isoformat(),
            "week": [_day(d, plan.start, kinds) for d in week_of(plan.start)],
            "month": _month(month, plan.start, kinds),
            "versions": [
                PlanVersion(
                    version=v.version,
                    effective_on=v.effective_on.isoformat(),
                    author=v.author,
                    reason=v.reason,
                    reason_rules=rules_in(v.reason, kb, plan.condition),
                    stage=v.stage,
                    changes=v.changes,
                )
                for v in versions
            ],
            "paused": paused,
            "overrides": overrides,
        }
    )


def plan_day_view(plan: domain_plan.Plan, day: date) -> PlanDay:
    """`day` of the plan (which starts today and reaches past `day` to find the next session
    after a rest day). A referred runner's plan has no sessions, and the day says so."""
    horizon = Horizon.from_day(plan.start)
    referred = plan.verdict.name in REFERRAL_VERDICTS
    sessions = [s for s in plan.sessions if s.date == day]
    resting = all(s.kind == "rest" for s in sessions)
    following = (s.date for s in plan.sessions if s.date > day and s.kind != "rest")
    before, after = day - timedelta(days=1), day + timedelta(days=1)
    return PlanDay(
        date=day.isoformat(),
        today=day == plan.start,
        condition=plan.condition,
        verdict=plan.verdict.name,
        referred=referred,
        sessions=[] if referred else [session_to_json(s) for s in sessions],
        next_session=_iso(next(following, None)) if resting and not referred else None,
        previous_day=_iso(before) if before in horizon else None,
        next_day=_iso(after) if after in horizon else None,
    )


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _kinds(plan: domain_plan.Plan) -> dict[date, list[str]]:
    kinds: dict[date, list[str]] = {}
    for s in plan.sessions:
        kinds.setdefault(s.date, []).append(s.kind)
    return kinds


def _day(day: date, today: date, kinds: dict[date, list[str]]) -> CalendarDay:
    opens = day in Horizon.from_day(today)
    return CalendarDay(
        date=day.isoformat(),
        kinds=kinds.get(day, []) if opens else [],
        today=day == today,
        opens=opens,
    )


def _month(month: date, today: date, kinds: dict[date, list[str]]) -> Month:
    """`month`'s grid, with the months either side when they have a day in the horizon."""
    shown = Horizon.from_day(today).months()
    before = shown[shown.index(month) - 1] if month in shown[1:] else None
    after = next_month(month) if next_month(month) in shown else None
    return Month(
        month=f"{month:%Y-%m}",
        name=f"{month:%B %Y}",
        previous=None if before is None else f"{before:%Y-%m}",
        next=None if after is None else f"{after:%Y-%m}",
        weeks=[
            [None if d is None else _day(d, today, kinds) for d in week]
            for week in month_grid(month)
        ],
    )
