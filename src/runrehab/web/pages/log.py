"""Today and logging: the day's sessions, and the exercise, run and check-in forms (htmx gets
the decision in place). The JSON twin is `web/api/log.py`."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from runrehab.domain.errors import ConflictError, InvalidInputError
from runrehab.domain.intake import CHECK_IN_FORM_SIGNS
from runrehab.render.view_models.log import Decision, Today
from runrehab.schemas.dates import day_or_problem
from runrehab.schemas.log import parse_entry
from runrehab.schemas.numbers import form_numbers
from runrehab.services.accounts import Account
from runrehab.services.progress import log_entry, loggable_exercises, stored_decision
from runrehab.web import views
from runrehab.web.errors import Refusal, refuse_as
from runrehab.web.state import AppState, State, Who
from runrehab.web.templating import form_key, logged_response, needs_assessment, page

router = APIRouter(include_in_schema=False)
NOT_SAVED = Refusal(back="/today", of=(InvalidInputError, ConflictError))  # an entry refused


@router.get("/today", response_class=HTMLResponse)
def today(
    request: Request,
    who: Who,
    state: State,
    on: str | None = None,
    entry: str | None = None,
    again: str | None = None,
) -> Response:
    """Today's session as cards. `entry` names an entry just logged without JavaScript: its
    decision is read back from the database (an unknown or another runner's id shows no
    decision); a query string that does not parse is ignored, never an error page."""
    if (redirect := needs_assessment(state, who)) is not None:
        return redirect
    view = views.today(state, who, _day(on) or date.today())
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
        last_by_exercise=_last_on_its_card(view),
        warning_signs=_warning_signs(state),
    )


def _last_on_its_card(view: Today) -> dict[str, Decision]:
    """The log's last decision, on the card of the exercise it was about, when that entry is the
    day's last (so a reload shows "Next time: ..." where the runner logged it)."""
    last, done = view.last_decision, view.done_today
    if last is None or last.date != view.date or not done or done[-1].exercise is None:
        return {}
    return {done[-1].exercise: last}


@router.get("/log", response_class=HTMLResponse)
def log_page(request: Request, who: Who, state: State) -> Response:
    """Log anything: any exercise (today's planned ones first), a run, the check-in."""
    if (redirect := needs_assessment(state, who)) is not None:
        return redirect
    view = views.today(state, who, date.today())
    planned = sorted(  # strength work first: it is what the engine progresses
        (i for s in view.sessions for i in s["items"] if not i["optional"]),
        key=lambda i: _category(state, i["exercise"]) not in ("strength", "isometric"),
    )
    choices = [(i["exercise"], i["name"]) for i in planned] or [
        (e.id, e.name) for e in state.kb.exercises.values() if e.schedulable
    ]
    first = planned[0] if planned else {"sets": 1, "reps": 8}
    return page(
        request,
        "log.html",
        t=view,
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
    episode = views.episode_id(state, who)
    loggable = loggable_exercises(episode, state.kb, state.uow())
    entry = parse_entry(raw, "entry", loggable, raw["id"])
    logged = log_entry(episode, entry, state.kb, state.uow(), state.clock)
    return logged_response(request, logged, form_key(await request.form()))


Field = Annotated[str | None, Form()]
# The day the entry is for; the server's today when the form sends none. offline.js sends the
# runner's own day with each entry, so one kept on the phone and sent after midnight keeps its day
# (and a retry of it is the same entry).
LoggedOn = Annotated[str | None, Form(alias="date")]


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
    day: LoggedOn = None,
) -> Response:
    refuse_as(request, NOT_SAVED)
    numbers = {"sets": sets, "reps": reps, "hold_s": hold_s, "load_kg": load_kg, "pain": pain}
    read = form_numbers(numbers, decimals=frozenset({"load_kg"}))
    raw = {"type": "exercise", "exercise": exercise, "id": id, "date": day, **read}
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
    day: LoggedOn = None,
) -> Response:
    refuse_as(request, NOT_SAVED)
    numbers = {
        "minutes": minutes,
        "distance_km": distance_km,
        "pain_during": pain_during,
        "pain_after": pain_after,
    }
    read = form_numbers(numbers, decimals=frozenset({"distance_km"}))
    flags = {"hills": hills == "yes", "speedwork": speedwork == "yes"}
    raw = {"type": "run", "id": id, "date": day, **read, **flags}
    return await _log(request, state, who, raw)


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
    day: LoggedOn = None,
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
    refuse_as(request, NOT_SAVED)
    read = form_numbers(numbers)
    raw = {"type": "checkin", "tests": tests, "red_flags": red_flags or [], "id": id, "date": day}
    return await _log(
        request, state, who, raw | read | {"muscle_soreness": read["muscle_soreness"] or None}
    )
