"""/api/v1 for the plan: the weeks ahead, pausing and resuming, the calendar address, the easy
pace and the race result."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import Field

from runrehab.domain.pace import RaceResult
from runrehab.render.view_models.plan import CalendarUrl, Pace, Plan, PlanDay
from runrehab.schemas.dates import Day, Month, PastDay
from runrehab.services import accounts, pauses
from runrehab.services.race import record_race
from runrehab.web import views
from runrehab.web.api.contract import ContractRoute
from runrehab.web.api.params import OnDay, Strict
from runrehab.web.state import State, Who

router = APIRouter(prefix="/api/v1", tags=["api"], route_class=ContractRoute)


class PauseRequest(Strict):
    reason: str = Field(min_length=1, max_length=200)


class RaceRequest(Strict):
    distance_m: float = Field(gt=0)
    duration_s: float = Field(gt=0)
    raced_on: PastDay | None = None


@router.get("/plan")
def plan(
    who: Who,
    state: State,
    on: OnDay = None,
    weeks: Annotated[int, Query(ge=1, le=26)] = 4,
    month: Annotated[
        Month | None, Query(description="YYYY-MM: the calendar's month; default that of `on`")
    ] = None,
) -> Plan:
    """The plan from `on`: `weeks` of sessions, its stages with the criteria met, its versions
    and the coach's overrides, and as a calendar (the week of `on`, and `month`)."""
    return views.plan(state, who, on or date.today(), weeks, month)


@router.get("/plan/day/{day}")
def plan_day(
    day: Annotated[Day, Path(description="YYYY-MM-DD")], who: Who, state: State
) -> PlanDay:
    """One day of the plan, from today to the plan's horizon (`horizon_end` in the plan), each
    session with its doses; 404 for a day outside it. A referred runner's day has no session."""
    return views.plan_day(state, who, date.today(), day)


@router.post("/plan/pause")
def pause(body: PauseRequest, who: Who, state: State, on: OnDay = None) -> Plan:
    pauses.pause(
        views.episode_id(state, who), on or date.today(), body.reason, state.uow(), state.clock
    )
    return views.plan(state, who, on or date.today(), 2)


@router.post("/plan/resume")
def resume(who: Who, state: State, on: OnDay = None) -> Plan:
    pauses.resume(views.episode_id(state, who), on or date.today(), state.uow(), state.clock)
    return views.plan(state, who, on or date.today(), 2)


@router.post("/calendar-token")
def calendar_token(who: Who, state: State) -> CalendarUrl:
    token = accounts.new_calendar_token(who.runner_id, state.uow(), state.clock)
    return CalendarUrl(url=f"{state.settings.base_url}/calendar/{token}.ics")


@router.get("/pace")
def pace(who: Who, state: State) -> Pace:
    return views.pace(state, who)


@router.put("/race-result")
def race_result(body: RaceRequest, who: Who, state: State) -> Pace:
    race = RaceResult(body.distance_m, body.duration_s)  # validates, or 422 with the reason
    record_race(who.runner_id, race, body.raced_on, state.uow())
    return views.pace(state, who)
