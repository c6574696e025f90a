"""The plan: the weeks ahead as a week strip and a month calendar, each day's page, pausing and
resuming it, the calendar feed, the easy pace and the race result it comes from. The JSON twin
is `web/api/plan.py`."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runrehab.adapters.ical import plan_to_ical
from runrehab.domain.errors import ConflictError, NotFoundError
from runrehab.domain.pace import RaceResult
from runrehab.render.plan_calendar import HORIZON_WEEKS
from runrehab.schemas.dates import Month, parse_day
from runrehab.schemas.numbers import decimal
from runrehab.schemas.race import parse_duration_s
from runrehab.services import accounts, pauses
from runrehab.services.accounts import Account
from runrehab.services.episodes import episode_of
from runrehab.services.progress import current_plan
from runrehab.services.race import record_race
from runrehab.web import views
from runrehab.web.errors import Refusal, reasons_only, refuse_as, unreadable_as
from runrehab.web.state import AppState, State, Who
from runrehab.web.templating import needs_assessment, page

router = APIRouter(include_in_schema=False)
CALENDAR_WEEKS = HORIZON_WEEKS  # the weeks the plan's pages show day by day
PLAN_LINK = (("/plan", "Your plan"),)
BACK_TO_PLAN = Refusal(of=(ConflictError,), form=lambda _: RedirectResponse("/plan", 303))


@router.get("/plan", response_class=HTMLResponse)
def plan(request: Request, who: Who, state: State, month: Month | None = None) -> Response:
    if (redirect := needs_assessment(state, who)) is not None:
        return redirect
    shown = views.plan(state, who, date.today(), 4, month)
    return page(request, "plan.html", p=shown)


@router.get("/plan/day/{day}", response_class=HTMLResponse)
def plan_day(request: Request, day: str, who: Who, state: State) -> Response:
    """One day of the plan, read-only; today's links to Today to log it."""
    if (redirect := needs_assessment(state, who)) is not None:
        return redirect
    refuse_as(request, Refusal(heading="No such day", links=PLAN_LINK, reasons=reasons_only))
    shown = views.plan_day(state, who, date.today(), parse_day(day, "day"))
    return page(request, "plan_day.html", d=shown)


@router.post("/plan/pause")
def pause(
    request: Request,
    who: Who,
    state: State,
    reason: Annotated[str, Form(min_length=1, max_length=200)],
) -> Response:
    refuse_as(request, BACK_TO_PLAN)  # already paused: the page shows it
    pauses.pause(views.episode_id(state, who), date.today(), reason, state.uow(), state.clock)
    return RedirectResponse("/plan", status_code=303)


@router.post("/plan/resume")
def resume(request: Request, who: Who, state: State) -> Response:
    refuse_as(request, BACK_TO_PLAN)  # not paused: the page shows it
    pauses.resume(views.episode_id(state, who), date.today(), state.uow(), state.clock)
    return RedirectResponse("/plan", status_code=303)


@router.get("/calendar", response_class=HTMLResponse)
def calendar(request: Request, who: Who, state: State) -> Response:
    """The calendar page; it takes nothing from the query string, so no link can make it show
    someone's text as "your private calendar address"."""
    return _calendar(request, who, state, None)


def _calendar(request: Request, who: Account, state: AppState, url: str | None) -> Response:
    """The page, with the address just made (only ever by `new_calendar`, once)."""
    with state.uow() as uow:
        has_feed = uow.accounts.has_calendar(who.runner_id)
    return page(request, "calendar.html", url=url, has_feed=has_feed)


@router.post("/calendar/new")
def new_calendar(request: Request, who: Who, state: State) -> Response:
    token = accounts.new_calendar_token(who.runner_id, state.uow(), state.clock)
    return _calendar(request, who, state, f"{state.settings.base_url}/calendar/{token}.ics")


@router.get("/calendar/{token}.ics")
def calendar_feed(token: str, state: State) -> Response:
    runner_id = accounts.runner_for_calendar(token, state.uow())
    episode = episode_of(runner_id, state.uow()) if runner_id else None
    if episode is None:
        raise NotFoundError("no such calendar")
    plan_now = current_plan(episode, date.today(), CALENDAR_WEEKS, state.kb, state.uow())
    body = plan_to_ical(plan_now, episode, datetime.now(UTC))
    return Response(body, media_type="text/calendar; charset=utf-8")


@router.get("/pace", response_class=HTMLResponse)
def pace(request: Request, who: Who, state: State, errors: list[str] | None = None) -> Response:
    advice = views.pace(state, who)
    paragraphs = [advice.why]
    form = {
        "action": "/pace",
        "button": "Save race result",
        "fields": [
            {
                "name": "distance_km",
                "label": "Race distance, km",
                "type": "number",
                "required": True,
                "attrs": {"step": "any", "min": "1.5", "max": "42.7"},
                "hint": "e.g. 5, 10, 21.0975",
            },
            {
                "name": "time",
                "label": "Finish time",
                "type": "text",
                "required": True,
                "hint": "h:mm:ss or mm:ss, e.g. 1:45:00, 24:30",
                "attrs": {"pattern": "[0-9:]+", "inputmode": "numeric"},
            },
        ],
    }
    return page(
        request,
        "simple.html",
        422 if errors else 200,
        heading="Your easy pace",
        zones=advice.zones,
        paragraphs=paragraphs,
        form=form,
        errors=errors,
    )


@router.post("/pace")
def save_pace(
    request: Request,
    who: Who,
    state: State,
    distance_km: Annotated[str, Form()],
    time: Annotated[str, Form()],
) -> Response:
    refuse_as(request, Refusal(form=lambda exc: pace(request, who, state, reasons_only(exc))))
    with unreadable_as("Enter the distance in km and the time as h:mm:ss or mm:ss."):
        race = RaceResult(decimal(distance_km) * 1000, parse_duration_s(time))
    record_race(who.runner_id, race, None, state.uow())
    return RedirectResponse("/pace", status_code=303)
