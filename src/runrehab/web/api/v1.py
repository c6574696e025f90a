"""/api/v1: everything the pages do, as JSON, documented in /openapi.json.

Every endpoint works on the signed-in runner's own records: no endpoint takes a runner or episode
id, so one runner can never address another's data; client-chosen ids (log entries, questionnaire
responses) that belong to someone else are refused with 409, never revealed.
"""

from __future__ import annotations

import ipaddress
import uuid
from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request, Response
from limits import parse
from pydantic import BaseModel, ConfigDict, Field

from runrehab.domain.errors import NotFoundError
from runrehab.domain.pace import RaceResult
from runrehab.render.serialize import assessment_to_json
from runrehab.schemas.answers import AnswersModel
from runrehab.schemas.dates import Day, PastDay
from runrehab.schemas.log import CheckinModel, ExerciseModel, RunModel, to_entry
from runrehab.schemas.profile import ProfileModel
from runrehab.services import account_data, accounts, pauses, sessions
from runrehab.services.episodes import RunnerId, start_episode
from runrehab.services.progress import history, log_entry, loggable_exercises
from runrehab.services.questionnaires import record_response, scores
from runrehab.services.race import record_race
from runrehab.services.reminders import set_daily_reminder
from runrehab.web import views
from runrehab.web.api import bodies
from runrehab.web.api.contract import (
    NOT_FOUND,
    RATE_LIMITED,
    UNAUTHORIZED,
    ContractRoute,
)
from runrehab.web.security import too_many_requests
from runrehab.web.state import (
    AppState,
    app_state,
    sign_in,
    sign_out,
    signed_in,
    this_session,
)

router = APIRouter(prefix="/api/v1", tags=["api"], route_class=ContractRoute)
State = Annotated[AppState, Depends(app_state)]
Who = Annotated[accounts.Account, Depends(signed_in)]
ThisSession = Annotated[str, Depends(this_session)]
OnDay = Annotated[
    Day | None, Query(description="YYYY-MM-DD, from 1900-01-01 to a year from today; default today")
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Credentials(_Strict):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=200)


class Confirmation(_Strict):
    token: str = Field(min_length=1, max_length=200)
    password: str = Field(
        min_length=1, max_length=200, description="chosen here, by whoever opened the link"
    )


class AddressOnly(_Strict):
    """Sign-up and reset requests: the address, nothing that whoever asks could abuse."""

    email: str = Field(min_length=3, max_length=254)


class NewPassword(_Strict):
    password: str = Field(min_length=1, max_length=200)


class PasswordChange(_Strict):
    current_password: str = Field(min_length=1, max_length=200)
    new_password: str = Field(min_length=1, max_length=200)


class Device(BaseModel):
    id: str
    device: str = Field(description='the browser and system in words, e.g. "Chrome on Android"')
    signed_in_at: str = Field(description="ISO 8601, UTC")
    last_active_at: str = Field(description="ISO 8601, UTC; updated every few minutes of use")
    this_device: bool = Field(description="the session making this request")


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


CHECK_YOUR_EMAIL = (
    "check your e-mail: a link to finish signing up is on its way (if the address already has "
    "an account, the e-mail says so instead)"
)


@router.post("/users", status_code=202, response_model=bodies.Message, responses=RATE_LIMITED)
def sign_up(body: AddressOnly, request: Request, state: State) -> Response | bodies.Message:
    """The same answer for every address: the account is created by the e-mailed link, with a
    password chosen by whoever opens it (`users/confirmations`)."""
    limited = rate_limited(request, state, "signup")
    if limited is not None:
        return limited
    accounts.request_sign_up(body.email, state.settings.base_url, state.uow(), state.clock)
    return bodies.Message(detail=CHECK_YOUR_EMAIL)


@router.post("/users/confirmations", status_code=201)
def confirm_sign_up(body: Confirmation, request: Request, state: State) -> bodies.Email:
    """The token from the e-mailed link and the password chosen now: the account is created and
    signed in."""
    who = accounts.confirm_sign_up(
        body.token, body.password, state.hasher, state.uow(), state.clock
    )
    sign_in(request, who)
    return bodies.Email(email=who.email)


@router.post("/session", response_model=bodies.Email, responses=UNAUTHORIZED | RATE_LIMITED)
def log_in(body: Credentials, request: Request, state: State) -> Response | bodies.Email:
    limited = login_limited(request, state, body.email)
    if limited is not None:
        return limited
    who = accounts.authenticate(
        body.email, body.password, state.hasher, state.uow(), state.dummy_hash
    )
    if who is None:
        raise HTTPException(401, "email or password is wrong")
    sign_in(request, who)
    return bodies.Email(email=who.email)


def rate_limited(request: Request, state: AppState, action: str = "login") -> Response | None:
    """Attempts per client: logging in and changing a password (password guessing,
    `RUNREHAB_LOGIN_RATE_LIMIT`), signing up and asking for a reset (mail floods,
    `RUNREHAB_MAIL_RATE_LIMIT`, each action counted apart). A client is its address, or for IPv6
    its /64 network: whoever holds one address of a /64 usually holds all 2^64 of them. The limit
    is the same whatever address is typed, so it tells nothing about accounts."""
    settings = state.settings
    limit = settings.login_rate_limit if action == "login" else settings.mail_rate_limit
    return _hit(request, state, limit, f"{action}:{_client(request)}")


def login_limited(request: Request, state: AppState, email: str) -> Response | None:
    """`rate_limited` for a login, then the same limit per account address typed: guesses spread
    over many client addresses still stop. Counted from the text alone, whether an account has
    that address or not, so the answer tells nothing about which addresses have one."""
    limited = rate_limited(request, state)
    if limited is not None:
        return limited
    account = accounts.normalise_email(email)
    return _hit(request, state, state.settings.login_rate_limit, f"login-account:{account}")


def _hit(request: Request, state: AppState, limit: str, key: str) -> Response | None:
    if not state.limiter.limiter.hit(parse(limit), key):
        return too_many_requests(api=request.url.path.startswith("/api/"))
    return None


def _client(request: Request) -> str:
    """The client address, an IPv6 one as its /64 network (IPv4 inside IPv6 as the IPv4)."""
    host = request.client.host if request.client else "unknown"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host  # no address (a test client, a socket path): counted by its name
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


@router.delete("/session", status_code=204, response_class=Response)
def log_out(request: Request) -> None:
    sign_out(request)


@router.post(
    "/password-resets", status_code=202, response_model=bodies.Message, responses=RATE_LIMITED
)
def ask_reset(body: AddressOnly, request: Request, state: State) -> Response | bodies.Message:
    limited = rate_limited(request, state, "reset")
    if limited is not None:
        return limited
    accounts.request_reset(body.email, state.settings.base_url, state.uow(), state.clock)
    return bodies.Message(detail="if the address has an account, a reset link is on its way")


@router.post("/password-resets/{token}")
def reset(token: str, body: NewPassword, request: Request, state: State) -> bodies.Email:
    who = accounts.reset_password(token, body.password, state.hasher, state.uow(), state.clock)
    sign_in(request, who)
    return bodies.Email(email=who.email)


@router.get("/sessions")
def devices(who: Who, session_id: ThisSession, state: State) -> list[Device]:
    """Where the account is signed in, the most recently used first."""
    return [Device(**d) for d in views.devices(state, who, session_id)]


@router.delete(
    "/sessions/{session_id}", status_code=204, response_class=Response, responses=NOT_FOUND
)
def end_device(
    session_id: str, request: Request, who: Who, mine: ThisSession, state: State
) -> None:
    """Sign out one of the account's sessions (this one too, if named); 404 for any id that is
    not one of the account's own."""
    sessions.end_one(who.user_id, session_id, state.uow())
    if session_id == mine:
        request.session.clear()


@router.delete("/sessions", status_code=204, response_class=Response)
def end_other_devices(who: Who, session_id: ThisSession, state: State) -> None:
    """Sign out every other session of the account; this one stays."""
    sessions.end_others(who.user_id, session_id, state.uow())


@router.put("/me/password", status_code=204, response_class=Response, responses=RATE_LIMITED)
def change_password(
    body: PasswordChange, request: Request, who: Who, session_id: ThisSession, state: State
) -> Response:
    """Needs the current password (a wrong one is 422 and changes nothing; attempts count
    against the login limits, the account's included); every other session of the account
    ends."""
    limited = login_limited(request, state, who.email)
    if limited is not None:
        return limited
    accounts.change_password(
        who.user_id, body.current_password, body.new_password, session_id, state.hasher, state.uow()
    )
    return Response(status_code=204)


@router.get("/health")
def health() -> bodies.Health:
    """A trivial endpoint: the framework's own ceiling in the benchmark, and a liveness check."""
    return bodies.Health(status="ok")


@router.get("/me")
def me(who: Who) -> bodies.Email:
    return bodies.Email(email=who.email)


@router.post("/assessments", status_code=201, response_model=bodies.Assessment)
def assess(body: AssessmentRequest, who: Who, state: State, on: OnDay = None) -> dict[str, Any]:
    started = start_episode(
        RunnerId(who.runner_id),
        body.answers.to_domain(),
        body.profile.to_domain() if body.profile else None,
        on or date.today(),
        state.kb,
        state.uow(),
        state.clock,
    )
    return assessment_to_json(started.assessment, state.kb)


@router.get("/today", response_model=bodies.Today)
def today(who: Who, state: State, on: OnDay = None) -> dict[str, Any]:
    return views.today(state, who, on or date.today())


@router.post(
    "/entries",
    status_code=201,
    response_model=bodies.Logged,
    responses={200: {"model": bodies.Logged, "description": "The same entry again: kept once."}},
)
def log(
    body: Annotated[Entry, Body()], who: Who, state: State, response: Response
) -> dict[str, Any]:
    episode = views.episode_id(state, who)
    loggable = loggable_exercises(episode, state.kb, state.uow())
    entry = to_entry(body, "entry", loggable, body.id or uuid.uuid4().hex)
    logged = log_entry(episode, entry, state.kb, state.uow(), state.clock)
    response.status_code = 200 if logged.duplicate else 201
    return logged.stored | {"duplicate": logged.duplicate}


@router.get("/history", response_model=bodies.History)
def past(who: Who, state: State) -> dict[str, Any]:
    episode = views.episode_id(state, who)
    data = history(episode, state.uow())
    return {
        "entries": [
            account_data._entry(e) | {"decision": data.decisions.get(e.id)} for e in data.entries
        ]
    }


@router.get("/plan", response_model=bodies.Plan)
def plan(
    who: Who, state: State, on: OnDay = None, weeks: Annotated[int, Query(ge=1, le=26)] = 4
) -> dict[str, Any]:
    return views.plan(state, who, on or date.today(), weeks)


@router.post("/plan/pause", response_model=bodies.Plan)
def pause(body: PauseRequest, who: Who, state: State, on: OnDay = None) -> dict[str, Any]:
    pauses.pause(
        views.episode_id(state, who), on or date.today(), body.reason, state.uow(), state.clock
    )
    return views.plan(state, who, on or date.today(), 2)


@router.post("/plan/resume", response_model=bodies.Plan)
def resume(who: Who, state: State, on: OnDay = None) -> dict[str, Any]:
    pauses.resume(views.episode_id(state, who), on or date.today(), state.uow(), state.clock)
    return views.plan(state, who, on or date.today(), 2)


@router.get("/progress", response_model=bodies.Progress)
def progress(who: Who, state: State) -> dict[str, Any]:
    return views.progress(state, who)


@router.get("/exercises", response_model=list[bodies.Exercise])
def exercises(state: State) -> list[dict[str, Any]]:
    return [_exercise(e.id, state) for e in state.kb.exercises.values()]


@router.get("/exercises/{exercise_id}", response_model=bodies.Exercise, responses=NOT_FOUND)
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
def calendar_token(who: Who, state: State) -> bodies.CalendarUrl:
    token = accounts.new_calendar_token(who.runner_id, state.uow(), state.clock)
    return bodies.CalendarUrl(url=f"{state.settings.base_url}/calendar/{token}.ics")


@router.get("/pace", response_model=bodies.Pace)
def pace(who: Who, state: State) -> dict[str, Any]:
    return views.pace(state, who)


@router.put("/race-result", response_model=bodies.Pace)
def race_result(body: RaceRequest, who: Who, state: State) -> dict[str, Any]:
    race = RaceResult(body.distance_m, body.duration_s)  # validates, or 422 with the reason
    record_race(who.runner_id, race, body.raced_on, state.uow())
    return views.pace(state, who)


@router.post("/questionnaires/{questionnaire}", status_code=201, response_model=bodies.Scored)
def questionnaire(
    questionnaire: str,
    body: Annotated[dict[str, Any], Body()],
    who: Who,
    state: State,
    on: OnDay = None,
) -> dict[str, Any]:
    response_id = str(body.pop("id", "") or uuid.uuid4().hex)
    episode = views.episode_id(state, who)
    stored = record_response(
        episode,
        response_id,
        questionnaire,
        body,
        on or date.today(),
        state.kb,
        state.uow(),
        state.clock,
    )
    return views.scored(state, episode, questionnaire, body, stored)


@router.get("/questionnaires", response_model=list[bodies.DatedScore])
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
def reminders(body: Reminders, who: Who, state: State) -> bodies.Reminders:
    set_daily_reminder(who.user_id, body.daily, state.uow())
    return bodies.Reminders(daily=body.daily)


@router.get("/me/export", response_model=bodies.Export)
def export(who: Who, state: State) -> dict[str, Any]:
    return account_data.export(who.runner_id, who.email, state.uow())


class CsvResponse(Response):
    media_type = "text/csv"


@router.get(
    "/me/export.csv",
    response_class=CsvResponse,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
)
def export_csv(who: Who, state: State) -> CsvResponse:
    """Every log entry as one row (spreadsheet-friendly), as a file to save."""
    text = account_data.export_csv(account_data.export(who.runner_id, who.email, state.uow()))
    return CsvResponse(
        text, headers={"Content-Disposition": 'attachment; filename="runrehab-log.csv"'}
    )


@router.delete("/me", status_code=204, response_class=Response)
def delete_me(request: Request, who: Who, state: State) -> None:
    accounts.delete_account(who.runner_id, state.uow())  # its sessions go with it
    request.session.clear()
