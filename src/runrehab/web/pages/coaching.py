"""The coach's roster and a runner's file; the runner's coaching page (invites, messages, revoking)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runrehab.domain.adaptation.overrides import Override, OverrideKind
from runrehab.domain.errors import ConflictError, ReferredError
from runrehab.domain.records import RosterSearch
from runrehab.render.view_models.coaching import timeline_page
from runrehab.schemas.numbers import whole
from runrehab.services import assignments, coaching, invitations
from runrehab.services.accounts import Account
from runrehab.web import views
from runrehab.web.errors import Refusal, found_or_none, reasons_only, refuse_as, unreadable_as
from runrehab.web.state import AppState, RosterAfter, State, Who
from runrehab.web.templating import page, templates

router = APIRouter(include_in_schema=False)
Body = Annotated[str, Form(min_length=1, max_length=coaching.MAX_MESSAGE)]
# The kinds the "Change the plan" form offers (adding or removing an exercise has a form of its own).
FORM_KINDS: dict[OverrideKind, str] = {
    "dose": "Set a dose",
    "swap": "Swap an exercise",
    "stage": "Set and hold the stage",
    "pause_running": "Pause running",
    "resume_running": "Resume running",
}


@router.get("/coach", response_class=HTMLResponse)
def roster(
    request: Request,
    who: Who,
    state: State,
    q: str | None = None,
    only: str | None = None,
    after: RosterAfter = None,
    code: str | None = None,
    invited: str | None = None,
) -> Response:
    invited_to = invitations.pending_for(who, state.uow())
    search = RosterSearch(
        q or None, (), only == "attention", None if after is None else coaching.cursor(after)
    )
    found = found_or_none(lambda: coaching.roster(who, date.today(), state.kb, state.uow(), search))
    if found is None:  # not a coach yet
        return page(
            request,
            "simple.html",
            heading="Become a coach",
            invitations=invited_to,
            back="/coach",
            paragraphs=[
                "Coach runners who invite you: see who needs attention, their plans and charts, "
                "and message them."
            ],
            form={
                "action": "/coach",
                "button": "Become a coach",
                "fields": [
                    {
                        "name": "name",
                        "label": "Your name as runners see it",
                        "type": "text",
                        "required": True,
                    },
                    {
                        "name": "organisation",
                        "label": "Clinic or business (optional: you become its admin)",
                        "type": "text",
                    },
                ],
            },
        )
    kept = {"q": q, "only": only}  # the next page keeps the filter
    following = {k: v for k, v in kept.items() if v} | {"after": found.next}
    return page(
        request,
        "coach_roster.html",
        rows=found.rows,
        next=None if found.next is None else f"/coach?{urlencode(following)}",
        first=None
        if after is None
        else f"/coach?{urlencode({k: v for k, v in kept.items() if v})}",
        q=q,
        only=only,
        code=code,
        invitations=invited_to,
        back="/coach",
        organisation_invitations=_organisation_invitations(who, state),
        invited=invited,
    )


def _organisation_invitations(who: Account, state: AppState) -> list[dict[str, Any]] | None:
    """The pending invitations of the organisation `who` administers; None for anyone else."""
    return found_or_none(lambda: invitations.organisation_invitations(who, state.uow()))


Back = Annotated[str, Form(max_length=20)]


def _back(target: str) -> str:
    """The page the answer was given on: the account page or the coach page."""
    return target if target in ("/data", "/coach") else "/coach"


@router.get("/coach/access-log", response_class=HTMLResponse)
def organisation_access_log(request: Request, who: Who, state: State) -> Response:
    """The clinic's access log, for its admin only (404 for anyone else)."""
    views = coaching.organisation_access_log(who, state.uow())
    return page(
        request, "coach_access_log.html", views=views, listed=coaching.LISTED, back="/coach"
    )


@router.post("/coach/invitations/{invitation_id}/accept")
def accept_invitation(
    request: Request, invitation_id: str, who: Who, state: State, back: Back = "/coach"
) -> Response:
    refuse_as(request, Refusal(heading="Not joined", back=_back(back), of=(ConflictError,)))
    invitations.accept(who, invitation_id, state.uow(), state.clock)
    return RedirectResponse("/coach", status_code=303)


@router.post("/coach/invitations/{invitation_id}/decline")
def decline_invitation(
    invitation_id: str, who: Who, state: State, back: Back = "/coach"
) -> Response:
    invitations.decline(who, invitation_id, state.uow(), state.clock)
    return RedirectResponse(_back(back), status_code=303)


@router.post("/organisation/invitations")
def invite_coach(
    request: Request,
    who: Who,
    state: State,
    email: Annotated[str, Form(max_length=254)],
    name: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    refuse_as(request, Refusal(heading="Not sent", back="/coach", reasons=reasons_only))
    invitations.invite(who, email, name, state.settings.base_url, state.uow(), state.clock)
    return roster(request, who, state, invited=email.strip())


@router.post("/organisation/invitations/{invitation_id}/withdraw")
def withdraw_invitation(invitation_id: str, who: Who, state: State) -> Response:
    invitations.withdraw(who, invitation_id, state.uow(), state.clock)
    return RedirectResponse("/coach", status_code=303)


@router.post("/coach")
def become_coach(
    who: Who,
    state: State,
    name: Annotated[str, Form(max_length=200)],
    organisation: Annotated[str | None, Form(max_length=200)] = None,
) -> Response:
    coaching.become_coach(who, name, organisation or None, state.uow(), state.clock)
    return RedirectResponse("/coach", status_code=303)


@router.post("/coach/invites")
def new_invite(request: Request, who: Who, state: State) -> Response:
    return roster(request, who, state, code=coaching.invite(who, state.uow(), state.clock))


# What each action on the runner's file changed and when it applies, said after the redirect
# (by a fixed key, so the page never echoes what a link carries).
DONE = {
    "note": "Note saved. Only coaches see it.",
    "override": "It applies from today: the runner's plan shows it now.",  # after the change
    "assigned": "Questionnaire assigned. The runner sees it on Today from its start date.",
    "stopped": "Questionnaire stopped. The runner is no longer asked for it.",
}


@router.get("/coach/runners/{runner_id}", response_class=HTMLResponse)
def runner_file(
    request: Request,
    runner_id: str,
    who: Who,
    state: State,
    before: date | None = None,
    done: str | None = None,
) -> Response:
    """The runner's file; `before` pages the timeline back (the "Earlier" link), `done`
    confirms the action just taken."""
    file = coaching.runner_file(who, runner_id, state.kb, state.uow(), state.clock)
    file["plan"] = views.plan_of(state, file["episode_id"], date.today(), 2)
    file["progress"] = views.progress_of(state, file["episode_id"])
    thread = coaching.read_thread(
        who, runner_id, who.user_id, state.uow(), state.clock, recorded=False
    )
    file["timeline"] = views.timeline(state, file, thread)
    file["questionnaires"] = assignments.coach_view(
        who, runner_id, date.today(), state.kb, state.uow()
    )
    exercises = sorted((e.name, e.id) for e in state.kb.exercises.values() if e.schedulable)
    return page(
        request,
        "coach_runner.html",
        f=file,
        timeline=timeline_page(file["timeline"], before),
        done=done if done in DONE else None,
        said=DONE.get(done or ""),
        thread=thread,
        email=file["email"],
        exercises=exercises,
        override_kinds=FORM_KINDS.items(),
        questionnaire_choices=[(q.id, q.name) for q in state.kb.questionnaires.values()],
        every_days=assignments.EVERY_DAYS,
    )


@router.post("/coach/runners/{runner_id}/messages")
def coach_message(request: Request, runner_id: str, who: Who, state: State, body: Body) -> Response:
    coaching.send(who, runner_id, who.user_id, body, state.uow(), state.clock)
    if request.headers.get("HX-Request"):
        thread = coaching.read_thread(who, runner_id, who.user_id, state.uow(), state.clock)
        return templates.TemplateResponse(request, "thread.html", {"thread": thread})
    return RedirectResponse(f"/coach/runners/{runner_id}", status_code=303)


def _override_values(kind: str, form: dict[str, str]) -> dict[str, object]:
    """The override's values from the form; ValueError when a number is not one."""
    if kind == "dose":
        return {"exercise": form.get("exercise"), "step": whole(form.get("step", ""))}
    if kind == "swap":
        return {"from": form.get("from"), "to": form.get("to")}
    if kind == "stage":
        return {"stage": whole(form.get("stage", "")), "hold": True}
    if kind == "remove_exercise":
        return {"id": form.get("id")}
    if kind == "add_exercise":
        measure = "hold_s" if form.get("measure") == "hold_s" else "reps"
        return {
            "name": form.get("name", ""),
            "instructions": form.get("instructions", ""),
            "session": form.get("session"),
            "sets": whole(form.get("sets", "")),
            measure: whole(form.get("amount", "")),
            "per_side": form.get("per_side") == "yes",
        }
    return {}


@router.post("/coach/runners/{runner_id}/overrides")
async def override(request: Request, runner_id: str, who: Who, state: State) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}
    kind, reason = form.get("kind", ""), form.get("reason", "")[:500]
    back = f"/coach/runners/{runner_id}"
    refuse_as(
        request,
        Refusal(
            heading="Not changed: a clinician sees this runner first",
            back=back,
            links=((f"{back}#messages", "Message the runner"), (f"{back}#notes", "Add a note")),
            of=(ReferredError,),
        ),
        Refusal(heading="Not changed", back=back, reasons=reasons_only),
    )
    with unreadable_as("numbers only"):
        coaching.override(
            who,
            runner_id,
            Override(date.today(), kind, _override_values(kind, form), reason, ""),
            state.kb,
            state.uow(),
            state.clock,
        )
    return RedirectResponse(f"/coach/runners/{runner_id}?done=override#changes", status_code=303)


@router.post("/coach/runners/{runner_id}/notes")
def note(runner_id: str, who: Who, state: State, body: Body) -> Response:
    coaching.add_note(who, runner_id, body, state.uow(), state.clock)
    return RedirectResponse(f"/coach/runners/{runner_id}?done=note#notes", status_code=303)


@router.get("/coaching", response_class=HTMLResponse)
def my_coaches(
    request: Request, who: Who, state: State, errors: list[str] | None = None
) -> Response:
    coaches = coaching.coaches(who, state.uow())
    for c in coaches:  # shown, so read: the unread count on Today clears
        c["thread"] = coaching.read_thread(
            who, who.runner_id, c["coach_id"], state.uow(), state.clock
        )
    return page(
        request,
        "coaching.html",
        422 if errors else 200,
        coaches=coaches,
        errors=errors,
        terms_version=coaching.TERMS_VERSION,
    )


@router.get("/coaching/{coach_id}/thread", response_class=HTMLResponse)
def runner_thread(request: Request, coach_id: str, who: Who, state: State) -> Response:
    """The thread alone, for htmx to refresh in place."""
    thread = coaching.read_thread(who, who.runner_id, coach_id, state.uow(), state.clock)
    return templates.TemplateResponse(request, "thread.html", {"thread": thread})


@router.get("/coach/runners/{runner_id}/thread", response_class=HTMLResponse)
def coach_thread(request: Request, runner_id: str, who: Who, state: State) -> Response:
    thread = coaching.read_thread(who, runner_id, who.user_id, state.uow(), state.clock)
    return templates.TemplateResponse(request, "thread.html", {"thread": thread})


@router.post("/coaching/accept")
def accept(
    request: Request, who: Who, state: State, code: Annotated[str, Form(max_length=64)]
) -> Response:
    refuse_as(request, Refusal(form=lambda exc: my_coaches(request, who, state, reasons_only(exc))))
    coaching.accept(who, code, state.uow(), state.clock)
    return RedirectResponse("/coaching", status_code=303)


@router.post("/coaching/{coach_id}/revoke")
def revoke(coach_id: str, who: Who, state: State) -> Response:
    coaching.revoke(who, coach_id, state.uow(), state.clock)
    return RedirectResponse("/coaching", status_code=303)


@router.post("/coaching/{coach_id}/messages")
def runner_message(request: Request, coach_id: str, who: Who, state: State, body: Body) -> Response:
    coaching.send(who, who.runner_id, coach_id, body, state.uow(), state.clock)
    if request.headers.get("HX-Request"):
        return runner_thread(request, coach_id, who, state)
    return RedirectResponse("/coaching", status_code=303)
