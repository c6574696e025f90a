"""The runner's pages: today and logging, the plan, progress, calendar feed, pace, my data."""

from __future__ import annotations

import contextlib
import uuid
from datetime import UTC, date, datetime
from html import escape
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runrehab.adapters.ical import plan_to_ical
from runrehab.domain.errors import ConflictError, InvalidInputError, NotFoundError
from runrehab.domain.intake import CHECK_IN_FORM_SIGNS
from runrehab.domain.pace import RaceResult
from runrehab.schemas.dates import day_or_problem
from runrehab.schemas.log import parse_entry
from runrehab.schemas.numbers import decimal, form_numbers
from runrehab.schemas.race import parse_duration_s
from runrehab.services import accounts, pauses
from runrehab.services.accounts import Account
from runrehab.services.episodes import episode_of
from runrehab.services.progress import (
    current_plan,
    log_entry,
    loggable_exercises,
    stored_decision,
)
from runrehab.services.questionnaires import last_answers, record_response
from runrehab.services.race import record_race
from runrehab.services.reminders import set_daily_reminder
from runrehab.web import questionnaire_form, views
from runrehab.web.state import AppState, app_state, signed_in
from runrehab.web.templating import logged_response, page, refused

router = APIRouter(include_in_schema=False)
State = Annotated[AppState, Depends(app_state)]
Who = Annotated[Account, Depends(signed_in)]
CALENDAR_WEEKS = 12


def _needs_assessment(request: Request, state: AppState, who: Account) -> Response | None:
    if episode_of(who.runner_id, state.uow()) is None:
        return RedirectResponse("/assess", status_code=303)
    return None


@router.get("/today", response_class=HTMLResponse)
def today(
    request: Request,
    who: Who,
    state: State,
    on: str | None = None,
    entry: str | None = None,
    again: str | None = None,
) -> Response:
    """Today's plan. `entry` names an entry just logged without JavaScript: its decision is read
    back from the database (an unknown or another runner's id shows no decision); a query string
    that does not parse is ignored, never an error page."""
    if (redirect := _needs_assessment(request, state, who)) is not None:
        return redirect
    view = views.today(state, who, _day(on) or date.today())
    planned = sorted(  # strength work first: it is what the engine progresses
        (i for s in view["sessions"] for i in s["items"] if not i["optional"]),
        key=lambda i: _category(state, i["exercise"]) not in ("strength", "isometric"),
    )
    choices = [(i["exercise"], i["name"]) for i in planned] or [
        (e.id, e.name) for e in state.kb.exercises.values() if e.schedulable
    ]
    first = planned[0] if planned else {"sets": 1, "reps": 8}
    last = None
    if entry:
        last = stored_decision(views.episode_id(state, who), entry[:200], state.uow())
    if last is not None:
        last = last | {"duplicate": again == "1"}
    return page(
        request,
        "today.html",
        t=view,
        logged=last,
        exercise_choices=list(dict.fromkeys(choices)),
        default_sets=first["sets"],
        default_reps=first.get("reps") or "",
        warning_signs=_warning_signs(state),
    )


def _warning_signs(state: AppState) -> list[tuple[str, str]]:
    """(key, the screening question's words) for each warning sign the check-in form offers."""
    texts = {q.key: q.text for g in state.kb.questions for q in g.questions}
    return [(key, texts[key]) for key in CHECK_IN_FORM_SIGNS if key in texts]


def _day(text: str | None) -> date | None:
    """A `YYYY-MM-DD` day within the window a record can name, else None."""
    day = day_or_problem(text or "", "on")
    return day if isinstance(day, date) else None


def _category(state: AppState, exercise_id: str) -> str:
    """A library exercise's category; a coach's own exercise counts as strength work."""
    exercise = state.kb.exercises.get(exercise_id)
    return exercise.category if exercise else "strength"


async def _log(request: Request, state: AppState, who: Account, raw: dict[str, Any]) -> Response:
    raw = {k: v for k, v in raw.items() if v not in (None, "")}
    raw.setdefault("id", uuid.uuid4().hex)
    raw.setdefault("date", date.today().isoformat())
    try:
        episode = views.episode_id(state, who)
        loggable = loggable_exercises(episode, state.kb, state.uow())
        entry = parse_entry(raw, "entry", loggable, raw["id"])
        logged = log_entry(episode, entry, state.kb, state.uow(), state.clock)
    except (InvalidInputError, ConflictError) as exc:
        return _not_saved(request, exc)
    return logged_response(request, logged)


def _not_saved(request: Request, exc: InvalidInputError | ConflictError) -> Response:
    """An entry refused: every problem with its field (422), or the conflict (409)."""
    errors = (
        [f"{p.where}: {p.reason}" for p in exc.problems]
        if isinstance(exc, InvalidInputError)
        else [str(exc)]
    )
    status = 422 if isinstance(exc, InvalidInputError) else 409
    if request.headers.get("HX-Request"):
        return HTMLResponse(
            "<div class='errors' role='alert'>" + "<br>".join(map(escape, errors)) + "</div>",
            status_code=status,
        )
    return refused(request, "Not saved", errors, "/today", status)


Field = Annotated[str | None, Form()]


@router.post("/log/exercise")
async def log_exercise(
    request: Request,
    who: Who,
    state: State,
    exercise: Annotated[str, Form()],
    sets: Field = None,
    reps: Field = None,
    hold_s: Field = None,
    load_kg: Field = None,
    pain: Field = None,
    id: Field = None,
) -> Response:
    numbers = {"sets": sets, "reps": reps, "hold_s": hold_s, "load_kg": load_kg, "pain": pain}
    try:
        read = form_numbers(numbers, decimals=frozenset({"load_kg"}))
    except InvalidInputError as exc:
        return _not_saved(request, exc)
    raw = {"type": "exercise", "exercise": exercise, "id": id, **read}
    return await _log(request, state, who, raw | {"load_kg": read["load_kg"] or 0.0})


@router.post("/log/run")
async def log_run(
    request: Request,
    who: Who,
    state: State,
    minutes: Field = None,
    distance_km: Field = None,
    pain_during: Field = None,
    pain_after: Field = None,
    hills: Field = None,
    speedwork: Field = None,
    id: Field = None,
) -> Response:
    numbers = {
        "minutes": minutes,
        "distance_km": distance_km,
        "pain_during": pain_during,
        "pain_after": pain_after,
    }
    try:
        read = form_numbers(numbers, decimals=frozenset({"distance_km"}))
    except InvalidInputError as exc:
        return _not_saved(request, exc)
    flags = {"hills": hills == "yes", "speedwork": speedwork == "yes"}
    return await _log(request, state, who, {"type": "run", "id": id, **read, **flags})


@router.post("/log/checkin")
async def log_checkin(
    request: Request,
    who: Who,
    state: State,
    monitoring_pain: Field = None,
    muscle_soreness: Field = None,
    stiffness_min: Field = None,
    sitting_tolerance_min: Field = None,
    drop_lunge_pain_free: Field = None,
    slow_jog_pain_free: Field = None,
    hamstring_curl_10rm_equal: Field = None,
    brisk_walk_30min_pain_free: Field = None,
    single_leg_squats_10_pain_free: Field = None,
    single_leg_calf_raises: Field = None,
    hop_pain: Field = None,
    red_flags: Annotated[list[str] | None, Form()] = None,
    id: Field = None,
) -> Response:
    tests = {
        name: True
        for name, value in (
            ("drop_lunge_pain_free", drop_lunge_pain_free),
            ("slow_jog_pain_free", slow_jog_pain_free),
            ("hamstring_curl_10rm_equal", hamstring_curl_10rm_equal),
            ("brisk_walk_30min_pain_free", brisk_walk_30min_pain_free),
            ("single_leg_squats_10_pain_free", single_leg_squats_10_pain_free),
        )
        if value == "yes"
    }
    numbers = {
        "monitoring_pain": monitoring_pain,
        "muscle_soreness": muscle_soreness,
        "stiffness_min": stiffness_min,
        "sitting_tolerance_min": sitting_tolerance_min,
        "single_leg_calf_raises": single_leg_calf_raises,
        "hop_pain": hop_pain,
    }
    try:
        read = form_numbers(numbers)
    except InvalidInputError as exc:
        return _not_saved(request, exc)
    raw = {"type": "checkin", "tests": tests, "red_flags": red_flags or [], "id": id, **read}
    return await _log(
        request, state, who, raw | {"muscle_soreness": read["muscle_soreness"] or None}
    )


@router.get("/plan", response_class=HTMLResponse)
def plan(request: Request, who: Who, state: State) -> Response:
    if (redirect := _needs_assessment(request, state, who)) is not None:
        return redirect
    return page(request, "plan.html", p=views.plan(state, who, date.today(), 4))


@router.post("/plan/pause")
def pause(
    who: Who, state: State, reason: Annotated[str, Form(min_length=1, max_length=200)]
) -> Response:
    with contextlib.suppress(ConflictError):  # already paused: the page shows it
        pauses.pause(views.episode_id(state, who), date.today(), reason, state.uow(), state.clock)
    return RedirectResponse("/plan", status_code=303)


@router.post("/plan/resume")
def resume(who: Who, state: State) -> Response:
    with contextlib.suppress(ConflictError):  # not paused: the page shows it
        pauses.resume(views.episode_id(state, who), date.today(), state.uow(), state.clock)
    return RedirectResponse("/plan", status_code=303)


@router.get("/progress", response_class=HTMLResponse)
def progress(request: Request, who: Who, state: State) -> Response:
    if (redirect := _needs_assessment(request, state, who)) is not None:
        return redirect
    return page(request, "progress.html", s=views.progress(state, who))


@router.get("/calendar", response_class=HTMLResponse)
def calendar(request: Request, who: Who, state: State) -> Response:
    """The calendar page; it takes nothing from the query string, so no link can make it show
    someone's text as "your private calendar address"."""
    return _calendar(request, who, state, None)


def _calendar(request: Request, who: Account, state: AppState, url: str | None) -> Response:
    """The page, with the address just made (only ever by `new_calendar`, once)."""
    with state.uow() as uow:
        has_feed = uow.accounts.has_calendar(who.runner_id)
    paragraphs = [
        "Subscribe to your plan in any calendar app (Google, Apple, Outlook). Updates replace events "
        "instead of duplicating them. Keep the address private; making a new one stops the old one."
    ]
    if url:
        paragraphs.append(f"Your private calendar address: {url}")
    elif has_feed:
        paragraphs.append(
            "You have a calendar address. For safety it is only shown once; make a new one if you lost it."
        )
    return page(
        request,
        "simple.html",
        heading="Calendar",
        paragraphs=paragraphs,
        form={"action": "/calendar/new", "button": "Make a new private address", "fields": []},
    )


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
    paragraphs = [advice["why"]]
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
        zones=advice["zones"],
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
    try:
        race = RaceResult(decimal(distance_km) * 1000, parse_duration_s(time))
    except ValueError:
        return pace(
            request,
            who,
            state,
            errors=["Enter the distance in km and the time as h:mm:ss or mm:ss."],
        )
    except InvalidInputError as exc:
        return pace(request, who, state, errors=[p.reason for p in exc.problems])
    record_race(who.runner_id, race, None, state.uow())
    return RedirectResponse("/pace", status_code=303)


@router.post("/reminders")
def reminders(who: Who, state: State, daily: Annotated[str | None, Form()] = None) -> Response:
    set_daily_reminder(who.user_id, daily == "yes", state.uow())
    return RedirectResponse("/data", status_code=303)


@router.post("/data/delete")
def delete(request: Request, who: Who, state: State, confirm: Annotated[str, Form()]) -> Response:
    if confirm.strip() != "DELETE":
        return RedirectResponse("/data", status_code=303)
    accounts.delete_account(who.runner_id, state.uow())
    request.session.clear()
    return RedirectResponse("/", status_code=303)


@router.get("/questionnaires/{name}", response_class=HTMLResponse)
def questionnaire(request: Request, name: str, who: Who, state: State) -> Response:
    q = state.kb.questionnaires.get(name)
    if q is None:
        raise NotFoundError(f"no questionnaire {name!r}")
    episode = episode_of(who.runner_id, state.uow())
    previous = last_answers(episode, name, state.uow()) if episode else None
    return page(
        request,
        "questionnaire.html",
        q=q,
        fields=questionnaire_form.fields(q, previous),
        action=f"/questionnaires/{name}",
        response_id=uuid.uuid4().hex,  # one response: sending the page twice stores it once
    )


@router.post("/questionnaires/{name}")
async def answer_questionnaire(request: Request, name: str, who: Who, state: State) -> Response:
    q = state.kb.questionnaires.get(name)
    if q is None:
        raise NotFoundError(f"no questionnaire {name!r}")
    form = {k: str(v) for k, v in (await request.form()).items()}
    response_id = (form.get("response_id") or uuid.uuid4().hex)[:64]
    episode = views.episode_id(state, who)
    try:
        answers = questionnaire_form.answers(q, form)
        stored = record_response(
            episode, response_id, name, answers, date.today(), state.kb, state.uow(), state.clock
        )
    except InvalidInputError as exc:
        return page(
            request,
            "simple.html",
            422,
            heading="Not saved",
            paragraphs=[f"{p.where}: {p.reason}" for p in exc.problems],
        )
    shown = views.scored(state, episode, name, answers, stored)
    return page(
        request,
        "simple.html",
        heading="Saved",
        paragraphs=[shown["words"]] + [f["text"] for f in shown["flags"]],
        links=[("/progress", "See the trend")],
    )
