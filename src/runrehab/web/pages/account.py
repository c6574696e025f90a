"""Sign up, log in, log out, reset a forgotten password; the account page (signed-in devices,
change password, daily reminders, download or delete my data). The JSON twin is
`web/api/account.py`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runrehab.domain.errors import InvalidInputError, RunrehabError
from runrehab.services import accounts, coaching, invitations, sessions
from runrehab.services.reminders import set_daily_reminder
from runrehab.web import views
from runrehab.web.errors import Refusal, reasons_only, refuse_as
from runrehab.web.rate_limits import login_limited, rate_limited
from runrehab.web.state import (
    AppState,
    State,
    Who,
    current,
    sign_in,
    sign_out,
    this_session,
)
from runrehab.web.templating import page

router = APIRouter(include_in_schema=False)
ThisSession = Annotated[str, Depends(this_session)]
Text = Annotated[str, Form(max_length=254)]
Password = Annotated[str, Form(max_length=200)]
Name = Annotated[str, Form(max_length=200)]
SENT_TO = "signup_sent_to"  # the address the last sign-up from this browser was sent to
MESSAGES = {
    "password": "Password changed. Every other device was signed out; this one stays.",
    "name": "Name saved.",
}


def _safe_next(target: str | None) -> str:
    return target if target and target.startswith("/") and not target.startswith("//") else "/today"


def _signed_in(request: Request, who: accounts.Account, target: str) -> Response:
    sign_in(request, who)
    return RedirectResponse(target, status_code=303)


@router.get("/more", response_class=HTMLResponse)
def more(request: Request, who: Who) -> Response:
    """Every place the tab bar has no tab for, one tap away (the tab bar's fifth tab)."""
    return page(request, "more.html", account=who)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    if who := current(request):
        return RedirectResponse("/coach" if who.coach_only else "/today", status_code=303)
    return page(request, "home.html")


def _form(
    request: Request,
    heading: str,
    action: str,
    button: str,
    status_code: int = 200,
    **extra: object,
) -> Response:
    return page(
        request,
        "auth.html",
        status_code=status_code,
        heading=heading,
        action=action,
        button=button,
        with_email=extra.pop("with_email", True),
        with_name=extra.pop("with_name", False),
        with_password=extra.pop("with_password", True),
        **extra,
    )


@router.get("/signup", response_class=HTMLResponse)
def signup_form(request: Request) -> Response:
    return _form(
        request,
        "Create your account",
        "/signup",
        "E-mail me a link",
        with_password=False,
        message="We e-mail you a link; you choose your password on the page it opens.",
        links=[("/login", "Already have an account? Log in")],
    )


@router.post("/signup")
def signup(request: Request, state: State, email: Text) -> Response:
    """The same page for every address: the account is created by the e-mailed link."""
    limited = rate_limited(request, state, "signup")
    if limited is not None:
        return limited
    refuse_as(request, Refusal(form=lambda exc: _signup_refused(request, email, exc)))
    accounts.request_sign_up(email, state.settings.base_url, state.uow(), state.clock)
    request.session[SENT_TO] = accounts.normalise_email(email)
    return RedirectResponse("/signup/sent", status_code=303)  # Back and reload ask nothing again


def _signup_refused(request: Request, email: str, exc: RunrehabError) -> Response:
    return _form(
        request,
        "Create your account",
        "/signup",
        "E-mail me a link",
        422,
        email=email,
        with_password=False,
        errors=reasons_only(exc),
        links=[("/login", "Log in instead")],
    )


@router.get("/signup/sent", response_class=HTMLResponse)
def signup_sent(request: Request) -> Response:
    address = request.session.get(SENT_TO)
    if not isinstance(address, str):
        return RedirectResponse("/signup", status_code=303)
    return page(
        request,
        "simple.html",
        heading="Check your e-mail",
        paragraphs=[
            f"We sent a link to {address}. Open it within 24 hours, in "
            "this browser if you can, to finish creating your account.",
            "If the address already has an account, the e-mail says so instead: then log in, or "
            "reset the password.",
            "Nothing there after a few minutes? Look in the spam folder, or sign up again.",
        ],
        links=[("/login", "Log in"), ("/signup", "Sign up again")],
    )


@router.get("/signup/confirm/{token}", response_class=HTMLResponse)
def confirm_form(request: Request, state: State, token: str) -> Response:
    """A form, not an action: mail scanners that open links create nothing, and the password is
    chosen here by whoever reads the mailbox."""
    if not accounts.sign_up_link_open(token, state.uow(), state.clock):
        return _dead_link(request, ["This link is invalid, used or expired: sign up again."])
    return _confirm_form(request, token)


def _confirm_form(
    request: Request, token: str, status_code: int = 200, **extra: object
) -> Response:
    return _form(
        request,
        "Finish creating your account",
        f"/signup/confirm/{token}",
        "Create my account",
        status_code,
        with_email=False,
        with_name=True,
        password_label="Choose a password",
        autocomplete="new-password",
        **extra,
    )


def _dead_link(request: Request, reasons: list[str]) -> Response:
    return page(
        request,
        "simple.html",
        422,
        heading="This link does not work",
        paragraphs=reasons,
        links=[("/signup", "Sign up again"), ("/login", "Log in")],
    )


@router.post("/signup/confirm/{token}")
def confirm(
    request: Request, state: State, token: str, password: Password, name: Name = ""
) -> Response:
    """Signed in, then on to the assessment, as sign-up did before addresses were confirmed."""
    refuse_as(request, Refusal(form=lambda exc: _confirm_refused(request, token, exc, name)))
    who = accounts.confirm_sign_up(token, password, state.hasher, state.uow(), state.clock, name)
    return _signed_in(request, who, "/assess/1")


def _confirm_refused(request: Request, token: str, exc: RunrehabError, name: str) -> Response:
    """The form again for a password or name refused (the link is still good: try again); else
    the link is dead, and says why."""
    assert isinstance(exc, InvalidInputError)
    if any(p.where in ("password", "name") for p in exc.problems):
        return _confirm_form(request, token, 422, errors=reasons_only(exc), display_name=name)
    return _dead_link(request, [p.reason.capitalize() + "." for p in exc.problems])


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> Response:
    return _form(
        request,
        "Log in",
        "/login",
        "Log in",
        next=_safe_next(next),
        links=[("/reset", "Forgot your password?"), ("/signup", "Create an account")],
    )


@router.post("/login")
def login(
    request: Request,
    state: State,
    email: Text,
    password: Annotated[str, Form(max_length=200)],
    next: Annotated[str | None, Form()] = None,
) -> Response:
    limited = login_limited(request, state, email)
    if limited is not None:
        return limited
    who = accounts.authenticate(email, password, state.hasher, state.uow(), state.dummy_hash)
    if who is None:
        return _form(
            request,
            "Log in",
            "/login",
            "Log in",
            401,
            email=email,
            next=_safe_next(next),
            errors=["The email or password is wrong."],
            links=[("/reset", "Forgot your password?")],
        )
    target = _safe_next(next) if next else accounts.home(who, state.uow())
    return _signed_in(request, who, target)


@router.post("/logout")
def logout(request: Request) -> Response:
    """Signed out, and this browser told to forget what it kept of the runner (the offline copies
    of Today and Log, the entries waiting to be sent): a shared phone keeps no one's health data.
    offline.js clears the same from the page, where the header is not honoured (plain HTTP)."""
    sign_out(request)
    forget = {"Clear-Site-Data": '"cache", "storage"'}
    return RedirectResponse("/", status_code=303, headers=forget)


RESET_SENT = (
    "If that address has an account, a reset link is on its way. It works once, for an hour."
)


@router.get("/reset", response_class=HTMLResponse)
def reset_form(request: Request, sent: bool = False) -> Response:
    """`?sent=1`: the answer to a request, on a page of its own (Back and reload send nothing)."""
    return _form(
        request,
        "Reset your password",
        "/reset",
        "Email me a link",
        with_password=False,
        message=RESET_SENT if sent else None,
    )


@router.post("/reset")
def reset_request(request: Request, state: State, email: Text) -> Response:
    limited = rate_limited(request, state, "reset")
    if limited is not None:
        return limited
    accounts.request_reset(email, state.settings.base_url, state.uow(), state.clock)
    return RedirectResponse("/reset?sent=1", status_code=303)


@router.get("/reset/{token}", response_class=HTMLResponse)
def new_password_form(request: Request, token: str) -> Response:
    return _form(
        request,
        "Choose a new password",
        f"/reset/{token}",
        "Save password",
        with_email=False,
        password_label="New password",
        autocomplete="new-password",
    )


@router.post("/reset/{token}")
def new_password(
    request: Request, state: State, token: str, password: Annotated[str, Form(max_length=200)]
) -> Response:
    refuse_as(request, Refusal(form=lambda exc: _new_password_refused(request, token, exc)))
    who = accounts.reset_password(token, password, state.hasher, state.uow(), state.clock)
    return _signed_in(request, who, "/today")


def _new_password_refused(request: Request, token: str, exc: RunrehabError) -> Response:
    return _form(
        request,
        "Choose a new password",
        f"/reset/{token}",
        "Save password",
        422,
        with_email=False,
        errors=reasons_only(exc),
        autocomplete="new-password",
    )


@router.get("/data", response_class=HTMLResponse)
def account_page(
    request: Request, who: Who, mine: ThisSession, state: State, done: str | None = None
) -> Response:
    """The account: signed-in devices, change password, reminders, download or delete."""
    return _account(request, who, mine, state, message=MESSAGES.get(done or ""))


def _account(
    request: Request,
    who: accounts.Account,
    mine: str,
    state: AppState,
    status_code: int = 200,
    **extra: object,
) -> Response:
    with state.uow() as uow:
        daily = any(runner == who.runner_id for runner, _ in uow.accounts.reminder_targets())
    return page(
        request,
        "account.html",
        status_code,
        devices=views.devices(state, who, mine),
        invitations=invitations.pending_for(who, state.uow()),
        access=coaching.my_access_log(who, state.uow()),
        back="/data",
        reminders=daily,
        min_password=accounts.MIN_PASSWORD,
        **extra,
    )


@router.post("/sessions/{session_id}/end")
def end_device(
    request: Request, session_id: str, who: Who, mine: ThisSession, state: State
) -> Response:
    sessions.end_one(who.user_id, session_id, state.uow())
    if session_id == mine:
        request.session.clear()
        return RedirectResponse("/", status_code=303)
    return RedirectResponse("/data#devices", status_code=303)


@router.post("/sessions/end-others")
def end_other_devices(who: Who, mine: ThisSession, state: State) -> Response:
    sessions.end_others(who.user_id, mine, state.uow())
    return RedirectResponse("/data#devices", status_code=303)


@router.post("/password")
def change_password(
    request: Request,
    who: Who,
    mine: ThisSession,
    state: State,
    current_password: Password,
    new_password: Password,
) -> Response:
    limited = login_limited(request, state, who.email)
    if limited is not None:
        return limited
    refuse_as(
        request,
        Refusal(
            form=lambda exc: _account(request, who, mine, state, 422, errors=reasons_only(exc))
        ),
    )
    accounts.change_password(
        who.user_id, current_password, new_password, mine, state.hasher, state.uow()
    )
    return RedirectResponse("/data?done=password", status_code=303)


@router.post("/name")
def rename(
    request: Request, who: Who, mine: ThisSession, state: State, name: Name = ""
) -> Response:
    """The display name coaches see on their roster; blank clears it."""
    refuse_as(
        request,
        Refusal(
            form=lambda exc: _account(request, who, mine, state, 422, errors=reasons_only(exc))
        ),
    )
    accounts.rename(who, name, state.uow())
    return RedirectResponse("/data?done=name", status_code=303)


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
