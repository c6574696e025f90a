"""/api/v1: everything the pages do, as JSON, documented in /openapi.json.

Every endpoint works on the signed-in runner's own records: no endpoint takes a runner or episode
id, so one runner can never address another's data; client-chosen ids (log entries, questionnaire
responses) that belong to someone else are refused with 409, never revealed.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse
from limits import parse
from pydantic import BaseModel, ConfigDict, Field

from runrehab.adapters.serialize import assessment_to_json
from runrehab.domain.errors import NotFoundError
from runrehab.domain.pace import RaceResult
from runrehab.schemas.answers import AnswersModel
from runrehab.schemas.dates import Day, PastDay
from runrehab.schemas.log import CheckinModel, ExerciseModel, RunModel, parse_entry
from runrehab.schemas.profile import ProfileModel
from runrehab.services import account_data, accounts, pauses
from runrehab.services.episodes import RunnerId, start_episode
from runrehab.services.progress import history, log_entry, loggable_exercises
from runrehab.services.questionnaires import record_response, scores
from runrehab.web import views
from runrehab.web.security import too_many_requests
from runrehab.web.state import AppState, app_state, signed_in

router = APIRouter(prefix="/api/v1", tags=["api"])
State = Annotated[AppState, Depends(app_state)]
Who = Annotated[accounts.Account, Depends(signed_in)]
OnDay = Annotated[
    Day | None, Query(description="YYYY-MM-DD, from 1900-01-01 to a year from today; default today")
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Credentials(_Strict):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=200)


class ResetRequest(_Strict):
    email: str = Field(min_length=3, max_length=254)


class NewPassword(_Strict):
    password: str = Field(min_length=1, max_length=200)


class AssessmentRequest(_Strict):
    answers: AnswersModel
    profile: ProfileModel | None = None


class PauseRequest(_Strict):
    reason: str = Field(min_length=1, max_length=200)


class RaceRequest(_Strict):
    distance_m: float = Field(gt=0)
    duration_s: float = Field(gt=0)
    raced_on: PastDay | None = None


Entry = Annotated[ExerciseModel | RunModel | CheckinModel, Field(discriminator="type")]


def _login(request: Request, who: accounts.Account) -> None:
    request.session.clear()
    request.session["user_id"] = who.user_id


@router.post("/users", status_code=201)
def sign_up(body: Credentials, request: Request, state: State) -> dict[str, str]:
    who = accounts.sign_up(body.email, body.password, state.hasher, state.uow(), state.clock)
    _login(request, who)
    return {"email": who.email}


@router.post("/session")
def log_in(body: Credentials, request: Request, state: State) -> Response:
    limited = rate_limited(request, state)
    if limited is not None:
        return limited
    who = accounts.authenticate(
        body.email, body.password, state.hasher, state.uow(), state.dummy_hash
    )
    if who is None:
        return JSONResponse({"detail": "email or password is wrong"}, status_code=401)
    _login(request, who)
    return JSONResponse({"email": who.email})


def rate_limited(request: Request, state: AppState) -> Response | None:
    """Login attempts per client address, as configured (default 10 a minute)."""
    limiter = state.limiter
    key = f"login:{request.client.host if request.client else 'unknown'}"
    if not limiter.limiter.hit(parse(state.settings.login_rate_limit), key):
        return too_many_requests()
    return None


@router.delete("/session", status_code=204)
def log_out(request: Request) -> Response:
    request.session.clear()
    return Response(status_code=204)


@router.post("/password-resets", status_code=202)
def ask_reset(body: ResetRequest, state: State) -> dict[str, str]:
    url = f"{state.settings.base_url}/reset/{{token}}"
    accounts.request_reset(body.email, url, state.mailer, state.uow(), state.clock)
    return {"detail": "if the address has an account, a reset link is on its way"}


@router.post("/password-resets/{token}")
def reset(token: str, body: NewPassword, request: Request, state: State) -> dict[str, str]:
    who = accounts.reset_password(token, body.password, state.hasher, state.uow(), state.clock)
    _login(request, who)
    return {"email": who.email}


@router.get("/health")
def health() -> dict[str, str]:
    """A trivial endpoint: the framework's own ceiling in the benchmark, and a liveness check."""
    return {"status": "ok"}


@router.get("/me")
def me(who: Who) -> dict[str, str]:
    return {"email": who.email}


@router.post("/assessments", status_code=201)
def assess(body: AssessmentRequest, who: Who, state: State, on: OnDay = None) -> dict[str, Any]:
    profile = body.profile.model_dump(mode="json") if body.profile else {}
    started = start_episode(
        RunnerId(who.runner_id),
        body.answers.model_dump(mode="json"),
        profile,
        on or date.today(),
        state.kb,
        state.uow(),
        state.clock,
    )
    return assessment_to_json(started.assessment, state.kb)


@router.get("/today")
def today(who: Who, state: State, on: OnDay = None) -> dict[str, Any]:
    return views.today(state, who, on or date.today())


@router.post("/entries")
def log(
    body: Annotated[Entry, Body()], who: Who, state: State, response: Response
) -> dict[str, Any]:
    raw = body.model_dump(mode="json")
    episode = views.episode_id(state, who)
    entry = parse_entry(
        raw | {"id": body.id or uuid.uuid4().hex},
        "entry",
        loggable_exercises(episode, state.kb, state.uow()),
        body.id or uuid.uuid4().hex,
    )
    logged = log_entry(episode, entry, state.kb, state.uow(), state.clock)
    response.status_code = 200 if logged.duplicate else 201
    return logged.decision | {"duplicate": logged.duplicate}


@router.get("/history")
def past(who: Who, state: State) -> dict[str, Any]:
    episode = views.episode_id(state, who)
    data = history(episode, state.uow())
    return {
        "entries": [
            account_data._entry(e) | {"decision": data.decisions.get(e.id)} for e in data.entries
        ]
    }


@router.get("/plan")
def plan(
    who: Who, state: State, on: OnDay = None, weeks: Annotated[int, Query(ge=1, le=26)] = 4
) -> dict[str, Any]:
    return views.plan(state, who, on or date.today(), weeks)


@router.post("/plan/pause")
def pause(body: PauseRequest, who: Who, state: State, on: OnDay = None) -> dict[str, Any]:
    pauses.pause(
        views.episode_id(state, who), on or date.today(), body.reason, state.uow(), state.clock
    )
    return views.plan(state, who, on or date.today(), 2)


@router.post("/plan/resume")
def resume(who: Who, state: State, on: OnDay = None) -> dict[str, Any]:
    pauses.resume(views.episode_id(state, who), on or date.today(), state.uow(), state.clock)
    return views.plan(state, who, on or date.today(), 2)


@router.get("/progress")
def progress(who: Who, state: State) -> dict[str, Any]:
    return views.progress(state, who)


@router.get("/exercises")
def exercises(state: State) -> list[dict[str, Any]]:
    return [_exercise(e.id, state) for e in state.kb.exercises.values()]


@router.get("/exercises/{exercise_id}")
def exercise(exercise_id: str, state: State) -> dict[str, Any]:
    if exercise_id not in state.kb.exercises:
        raise NotFoundError(f"no exercise {exercise_id!r}")
    return _exercise(exercise_id, state)


def _exercise(exercise_id: str, state: AppState) -> dict[str, Any]:
    ex = state.kb.exercises[exercise_id]
    data = asdict(ex)
    data["equipment"], data["stages"] = sorted(ex.equipment), sorted(ex.stages)
    data["illustration"] = f"/exercises/{exercise_id}.svg"
    return data


@router.post("/calendar-token")
def calendar_token(who: Who, state: State) -> dict[str, str]:
    token = accounts.new_calendar_token(who.runner_id, state.uow(), state.clock)
    return {"url": f"{state.settings.base_url}/calendar/{token}.ics"}


@router.get("/pace")
def pace(who: Who, state: State) -> dict[str, Any]:
    return views.pace(state, who)


@router.put("/race-result")
def race_result(body: RaceRequest, who: Who, state: State) -> dict[str, Any]:
    RaceResult(body.distance_m, body.duration_s)  # validates, or 422 with the reason
    with state.uow() as uow:
        uow.accounts.set_race(who.runner_id, body.distance_m, body.duration_s, body.raced_on)
        uow.commit()
    return views.pace(state, who)


@router.post("/questionnaires/{questionnaire}", status_code=201)
def questionnaire(
    questionnaire: str,
    body: Annotated[dict[str, Any], Body()],
    who: Who,
    state: State,
    on: OnDay = None,
) -> dict[str, Any]:
    response_id = str(body.pop("id", "") or uuid.uuid4().hex)
    stored = record_response(
        views.episode_id(state, who),
        response_id,
        questionnaire,
        body,
        on or date.today(),
        state.kb,
        state.uow(),
        state.clock,
    )
    return {
        "questionnaire": questionnaire,
        "score": stored.score,
        "provisional": stored.provisional,
    }


@router.get("/questionnaires")
def questionnaire_scores(who: Who, state: State) -> list[dict[str, Any]]:
    return [
        {
            "questionnaire": s.questionnaire,
            "date": s.on.isoformat(),
            "score": s.score,
            "provisional": s.provisional,
        }
        for s in scores(views.episode_id(state, who), state.uow())
    ]


class Reminders(_Strict):
    daily: bool


@router.put("/me/reminders")
def reminders(body: Reminders, who: Who, state: State) -> dict[str, bool]:
    with state.uow() as uow:
        uow.accounts.set_reminders(who.user_id, body.daily)
        uow.commit()
    return {"daily": body.daily}


@router.get("/me/export")
def export(who: Who, state: State) -> dict[str, Any]:
    return account_data.export(who.runner_id, who.email, state.uow())


@router.get("/me/export.csv", response_class=PlainTextResponse)
def export_csv(who: Who, state: State) -> Response:
    text = account_data.export_csv(account_data.export(who.runner_id, who.email, state.uow()))
    return Response(
        text,
        media_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="runrehab-log.csv"'},
    )


@router.delete("/me", status_code=204)
def delete_me(request: Request, who: Who, state: State) -> Response:
    accounts.delete_account(who.runner_id, state.uow())
    request.session.clear()
    return Response(status_code=204)
