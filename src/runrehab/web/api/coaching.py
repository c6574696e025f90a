"""/api/v1 for coaches and for runners' side of coaching: roster, invites, a runner's file,
messages, notes; accepting an invite and revoking access; an organisation's invitations to
coaches, and the invited account's answer; who has seen a runner's record (the runner's own log,
the organisation admin's). Authorization is in the use cases."""

from __future__ import annotations

from datetime import date
from typing import Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Response
from pydantic import Field

from runrehab.domain.adaptation.overrides import Override, OverrideKind
from runrehab.domain.records import RosterSearch
from runrehab.render.view_models.account import AccessLog, AccessView
from runrehab.render.view_models.coaching import (
    CoachId,
    Invitation,
    Invite,
    Invited,
    MyCoach,
    Name,
    OrganisationCoach,
    RosterRow,
    RunnerFile,
    SentInvitation,
    ThreadMessage,
    Version,
)
from runrehab.schemas.dates import Day
from runrehab.services import coaching, invitations
from runrehab.web import views
from runrehab.web.api.contract import RATE_LIMITED, ContractRoute
from runrehab.web.api.params import Strict
from runrehab.web.state import RosterAfter, State, Who

router = APIRouter(prefix="/api/v1", tags=["coaching"], route_class=ContractRoute)


class CoachRequest(Strict):
    name: str = Field(min_length=1, max_length=200)
    organisation: str | None = Field(default=None, max_length=200)


class Code(Strict):
    code: str = Field(min_length=4, max_length=64)


class Text(Strict):
    body: str = Field(min_length=1, max_length=coaching.MAX_MESSAGE)


@router.post("/coach", status_code=201)
def become_coach(body: CoachRequest, who: Who, state: State) -> Name:
    coaching.become_coach(who, body.name, body.organisation, state.uow(), state.clock)
    return Name(name=body.name)


@router.get("/coach/roster", response_model=list[RosterRow])
def roster(
    who: Who,
    state: State,
    response: Response,
    after: RosterAfter = None,
    only: Literal["attention"] | None = None,
) -> list[RosterRow]:
    """A page of the roster, most in need of attention first (`only=attention`: only the runners
    who reach a triage threshold); a `Link: <...>; rel="next"` header names the next page while
    there is one."""
    search = RosterSearch(
        needs_attention=only == "attention",
        after=None if after is None else coaching.cursor(after),
    )
    page = coaching.roster(who, date.today(), state.kb, state.uow(), search)
    if page.next is not None:
        kept = {"after": page.next, **({"only": only} if only else {})}
        response.headers["Link"] = f'</api/v1/coach/roster?{urlencode(kept)}>; rel="next"'
    return [RosterRow.model_validate(r) for r in page.rows]


@router.post("/coach/invites", status_code=201)
def invite(who: Who, state: State) -> Invite:
    return Invite(
        code=coaching.invite(who, state.uow(), state.clock),
        valid_days=coaching.INVITE_VALID_FOR.days,
    )


@router.get("/coach/runners/{runner_id}")
def runner_file(runner_id: str, who: Who, state: State) -> RunnerFile:
    file = coaching.runner_file(who, runner_id, state.kb, state.uow(), state.clock)
    thread = coaching.read_thread(
        who, runner_id, who.user_id, state.uow(), state.clock, recorded=False
    )
    return RunnerFile(
        **file,
        plan=views.plan_of(state, file["episode_id"], date.today(), 2),
        progress=views.progress_of(state, file["episode_id"]),
        timeline=views.timeline(state, file, thread),
    )


@router.get("/coach/runners/{runner_id}/messages", response_model=list[ThreadMessage])
def coach_thread(runner_id: str, who: Who, state: State) -> list[ThreadMessage]:
    thread = coaching.read_thread(who, runner_id, who.user_id, state.uow(), state.clock)
    return [ThreadMessage.model_validate(m) for m in thread]


@router.post("/coach/runners/{runner_id}/messages", status_code=201, response_class=Response)
def coach_message(runner_id: str, body: Text, who: Who, state: State) -> None:
    coaching.send(who, runner_id, who.user_id, body.body, state.uow(), state.clock)


class OverrideRequest(Strict):
    kind: OverrideKind
    values: dict[str, str | int | bool | float] = {}  # noqa: RUF012 (pydantic copies it per body)
    reason: str = Field(min_length=1, max_length=500)
    on: Day | None = None


@router.post("/coach/runners/{runner_id}/overrides", status_code=201)
def override(runner_id: str, body: OverrideRequest, who: Who, state: State) -> Version:
    change = Override(body.on or date.today(), body.kind, body.values, body.reason, "")
    return Version(
        version=coaching.override(who, runner_id, change, state.kb, state.uow(), state.clock)
    )


@router.post("/coach/runners/{runner_id}/notes", status_code=201, response_class=Response)
def note(runner_id: str, body: Text, who: Who, state: State) -> None:
    coaching.add_note(who, runner_id, body.body, state.uow(), state.clock)


@router.post("/coaching/accept", status_code=201)
def accept(body: Code, who: Who, state: State) -> CoachId:
    return CoachId(coach_id=coaching.accept(who, body.code, state.uow(), state.clock))


@router.get("/coaching", response_model=list[MyCoach])
def my_coaches(who: Who, state: State) -> list[MyCoach]:
    return [MyCoach.model_validate(c) for c in coaching.coaches(who, state.uow())]


@router.delete("/coaching/{coach_id}", status_code=204, response_class=Response)
def revoke(coach_id: str, who: Who, state: State) -> None:
    coaching.revoke(who, coach_id, state.uow(), state.clock)


@router.get("/coaching/{coach_id}/messages", response_model=list[ThreadMessage])
def runner_thread(coach_id: str, who: Who, state: State) -> list[ThreadMessage]:
    thread = coaching.read_thread(who, who.runner_id, coach_id, state.uow(), state.clock)
    return [ThreadMessage.model_validate(m) for m in thread]


@router.post("/coaching/{coach_id}/messages", status_code=201, response_class=Response)
def runner_message(coach_id: str, body: Text, who: Who, state: State) -> None:
    coaching.send(who, who.runner_id, coach_id, body.body, state.uow(), state.clock)


class CoachMember(Strict):
    email: str = Field(min_length=3, max_length=254)
    name: str = Field(default="", max_length=200)


@router.get("/organisation/coaches", response_model=list[OrganisationCoach])
def organisation_coaches(who: Who, state: State) -> list[OrganisationCoach]:
    return [OrganisationCoach(**c) for c in coaching.organisation_coaches(who, state.uow())]


@router.post("/organisation/invitations", status_code=202, responses=RATE_LIMITED)
def invite_coach(body: CoachMember, who: Who, state: State) -> Invited:
    """The same answer whatever the address: the invited account decides (it is never added)."""
    invitations.invite(
        who, body.email, body.name, state.settings.base_url, state.uow(), state.clock
    )
    return Invited(status="invited")


@router.get("/organisation/invitations")
def organisation_invitations(who: Who, state: State) -> list[SentInvitation]:
    """The organisation's pending invitations, by the address the admin typed."""
    return [SentInvitation(**i) for i in invitations.organisation_invitations(who, state.uow())]


@router.delete(
    "/organisation/invitations/{invitation_id}", status_code=204, response_class=Response
)
def withdraw_invitation(invitation_id: str, who: Who, state: State) -> None:
    invitations.withdraw(who, invitation_id, state.uow(), state.clock)


@router.get("/me/invitations")
def my_invitations(who: Who, state: State) -> list[Invitation]:
    """Organisations that invite the signed-in account's address to coach with them."""
    return [Invitation(**i) for i in invitations.pending_for(who, state.uow())]


@router.post("/me/invitations/{invitation_id}/accept", status_code=204, response_class=Response)
def accept_invitation(invitation_id: str, who: Who, state: State) -> None:
    invitations.accept(who, invitation_id, state.uow(), state.clock)


@router.post("/me/invitations/{invitation_id}/decline", status_code=204, response_class=Response)
def decline_invitation(invitation_id: str, who: Who, state: State) -> None:
    invitations.decline(who, invitation_id, state.uow(), state.clock)


@router.delete("/organisation/coaches/{coach_id}", status_code=204, response_class=Response)
def remove_organisation_coach(coach_id: str, who: Who, state: State) -> None:
    coaching.remove_organisation_coach(who, coach_id, state.uow())


@router.get("/me/access-log")
def my_access_log(who: Who, state: State) -> AccessLog:
    """Who has seen the signed-in runner's record (the last 50 views, newest first), and the
    consents they gave coaches."""
    return AccessLog.model_validate(coaching.my_access_log(who, state.uow()))


@router.get("/organisation/access-log", response_model=list[AccessView])
def organisation_access_log(who: Who, state: State) -> list[AccessView]:
    """The last 50 views of runners' records by the organisation's coaches, newest first; 404
    for anyone but the organisation's admin."""
    return [AccessView(**v) for v in coaching.organisation_access_log(who, state.uow())]
