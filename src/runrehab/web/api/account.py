"""/api/v1 for the account: sign up by an e-mailed link, log in and out, reset a forgotten
password, signed-in devices, change the password, reminders, export and delete my data."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import Field

from runrehab.render.view_models.account import Device, Email, Export, Message
from runrehab.render.view_models.account import Reminders as ReminderState
from runrehab.services import account_data, accounts, sessions
from runrehab.services.reminders import set_daily_reminder
from runrehab.web import views
from runrehab.web.api.contract import NOT_FOUND, RATE_LIMITED, UNAUTHORIZED, ContractRoute
from runrehab.web.api.params import Strict, ThisSession
from runrehab.web.rate_limits import login_limited, rate_limited
from runrehab.web.state import State, Who, sign_in, sign_out

router = APIRouter(prefix="/api/v1", tags=["api"], route_class=ContractRoute)


class Credentials(Strict):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=200)


class Confirmation(Strict):
    token: str = Field(min_length=1, max_length=200)
    password: str = Field(
        min_length=1, max_length=200, description="chosen here, by whoever opened the link"
    )
    name: str = Field(
        default="", max_length=200, description="optional display name, shown to coaches"
    )


class DisplayName(Strict):
    name: str = Field(max_length=200, description="blank clears it")


class AddressOnly(Strict):
    """Sign-up and reset requests: the address, nothing that whoever asks could abuse."""

    email: str = Field(min_length=3, max_length=254)


class NewPassword(Strict):
    password: str = Field(min_length=1, max_length=200)


class PasswordChange(Strict):
    current_password: str = Field(min_length=1, max_length=200)
    new_password: str = Field(min_length=1, max_length=200)


CHECK_YOUR_EMAIL = (
    "check your e-mail: a link to finish signing up is on its way (if the address already has "
    "an account, the e-mail says so instead)"
)


@router.post("/users", status_code=202, response_model=Message, responses=RATE_LIMITED)
def sign_up(body: AddressOnly, request: Request, state: State) -> Response | Message:
    """The same answer for every address: the account is created by the e-mailed link, with a
    password chosen by whoever opens it (`users/confirmations`)."""
    limited = rate_limited(request, state, "signup")
    if limited is not None:
        return limited
    accounts.request_sign_up(body.email, state.settings.base_url, state.uow(), state.clock)
    return Message(detail=CHECK_YOUR_EMAIL)


@router.post("/users/confirmations", status_code=201)
def confirm_sign_up(body: Confirmation, request: Request, state: State) -> Email:
    """The token from the e-mailed link and the password chosen now: the account is created and
    signed in."""
    who = accounts.confirm_sign_up(
        body.token, body.password, state.hasher, state.uow(), state.clock, body.name
    )
    sign_in(request, who)
    return Email(email=who.email, name=who.display_name)


@router.post("/session", response_model=Email, responses=UNAUTHORIZED | RATE_LIMITED)
def log_in(body: Credentials, request: Request, state: State) -> Response | Email:
    limited = login_limited(request, state, body.email)
    if limited is not None:
        return limited
    who = accounts.authenticate(
        body.email, body.password, state.hasher, state.uow(), state.dummy_hash
    )
    if who is None:
        raise HTTPException(401, "email or password is wrong")
    sign_in(request, who)
    return Email(email=who.email)


@router.delete("/session", status_code=204, response_class=Response)
def log_out(request: Request) -> None:
    sign_out(request)


@router.post("/password-resets", status_code=202, response_model=Message, responses=RATE_LIMITED)
def ask_reset(body: AddressOnly, request: Request, state: State) -> Response | Message:
    limited = rate_limited(request, state, "reset")
    if limited is not None:
        return limited
    accounts.request_reset(body.email, state.settings.base_url, state.uow(), state.clock)
    return Message(detail="if the address has an account, a reset link is on its way")


@router.post("/password-resets/{token}")
def reset(token: str, body: NewPassword, request: Request, state: State) -> Email:
    who = accounts.reset_password(token, body.password, state.hasher, state.uow(), state.clock)
    sign_in(request, who)
    return Email(email=who.email)


@router.get("/sessions")
def devices(who: Who, session_id: ThisSession, state: State) -> list[Device]:
    """Where the account is signed in, the most recently used first."""
    return views.devices(state, who, session_id)


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


@router.get("/me")
def me(who: Who) -> Email:
    return Email(email=who.email, name=who.display_name)


@router.put("/me/name")
def rename(body: DisplayName, who: Who, state: State) -> Email:
    """The display name coaches see on their roster (the twin of the form on /data)."""
    return Email(email=who.email, name=accounts.rename(who, body.name, state.uow()))


class Reminders(Strict):
    daily: bool


@router.put("/me/reminders")
def reminders(body: Reminders, who: Who, state: State) -> ReminderState:
    set_daily_reminder(who.user_id, body.daily, state.uow())
    return ReminderState(daily=body.daily)


@router.get("/me/export", response_model=Export)
def export(who: Who, state: State) -> Export:
    return Export.model_validate(account_data.export(who.runner_id, who.email, state.uow()))


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
