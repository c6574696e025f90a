"""/api/v1 for coaches and for runners' side of coaching: roster, invites, a runner's file,
messages, notes; accepting an invite and revoking access; an organisation's invitations to
coaches, and the invited account's answer. Authorization is in the use cases."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, ConfigDict, Field

from runrehab.domain.adaptation.overrides import Override, OverrideKind
from runrehab.schemas.dates import Day
from runrehab.services import coaching, invitations
from runrehab.services.accounts import Account
from runrehab.web import views
from runrehab.web.api import bodies
from runrehab.web.api.contract import RATE_LIMITED, ContractRoute
from runrehab.web.state import AppState, app_state, signed_in

router = APIRouter(prefix="/api/v1", tags=["coaching"], route_class=ContractRoute)
State = Annotated[AppState, Depends(app_state)]
Who = Annotated[Account, Depends(signed_in)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class CoachRequest(_Strict):
    name: str = Field(min_length=1, max_length=200)
    organisation: str | None = Field(default=None, max_length=200)


class Code(_Strict):
    code: str = Field(min_length=4, max_length=64)


class Text(_Strict):
    body: str = Field(min_length=1, max_length=coaching.MAX_MESSAGE)


@router.post("/coach", status_code=201)
def become_coach(body: CoachRequest, who: Who, state: State) -> bodies.Name:
    coaching.become_coach(who, body.name, body.organisation, state.uow(), state.clock)
    return bodies.Name(name=body.name)


@router.get("/coach/roster", response_model=list[bodies.RosterRow])
def roster(who: Who, state: State) -> list[dict[str, Any]]:
    return coaching.roster(who, date.today(), state.kb, state.uow())


@router.post("/coach/invites", status_code=201)
def invite(who: Who, state: State) -> bodies.Invite:
    return bodies.Invite(
        code=coaching.invite(who, state.uow(), state.clock),
        valid_days=coaching.INVITE_VALID_FOR.days,
    )


@router.get("/coach/runners/{runner_id}", response_model=bodies.RunnerFile)
def runner_file(runner_id: str, who: Who, state: State) -> dict[str, Any]:
    file = coaching.runner_file(who, runner_id, state.kb, state.uow())
    file["plan"] = views.plan_of(state, file["episode_id"], date.today(), 2)
    file["progress"] = views.progress_of(state, file["episode_id"])
    file["timeline"] = views.timeline(
        state, file, coaching.read_thread(who, runner_id, who.user_id, state.uow(), state.clock)
    )
    return file


@router.get("/coach/runners/{runner_id}/messages", response_model=list[bodies.ThreadMessage])
def coach_thread(runner_id: str, who: Who, state: State) -> list[dict[str, Any]]:
    return coaching.read_thread(who, runner_id, who.user_id, state.uow(), state.clock)


@router.post("/coach/runners/{runner_id}/messages", status_code=201, response_class=Response)
def coach_message(runner_id: str, body: Text, who: Who, state: State) -> None:
    coaching.send(who, runner_id, who.user_id, body.body, state.uow(), state.clock)


class OverrideRequest(_Strict):
    kind: OverrideKind
    values: dict[str, str | int | bool | float] = {}
    reason: str = Field(min_length=1, max_length=500)
    on: Day | None = None


@router.post("/coach/runners/{runner_id}/overrides", status_code=201)
def override(runner_id: str, body: OverrideRequest, who: Who, state: State) -> bodies.Version:
    change = Override(body.on or date.today(), body.kind, body.values, body.reason, "")
    return bodies.Version(
        version=coaching.override(who, runner_id, change, state.kb, state.uow(), state.clock)
    )


@router.post("/coach/runners/{runner_id}/notes", status_code=201, response_class=Response)
def note(runner_id: str, body: Text, who: Who, state: State) -> None:
    coaching.add_note(who, runner_id, body.body, state.uow(), state.clock)


@router.post("/coaching/accept", status_code=201)
def accept(body: Code, who: Who, state: State) -> bodies.CoachId:
    return bodies.CoachId(coach_id=coaching.accept(who, body.code, state.uow(), state.clock))


@router.get("/coaching", response_model=list[bodies.MyCoach])
def my_coaches(who: Who, state: State) -> list[dict[str, Any]]:
    return coaching.coaches(who, state.uow())


@router.delete("/coaching/{coach_id}", status_code=204, response_class=Response)
def revoke(coach_id: str, who: Who, state: State) -> None:
    coaching.revoke(who, coach_id, state.uow(), state.clock)


@router.get("/coaching/{coach_id}/messages", response_model=list[bodies.ThreadMessage])
def runner_thread(coach_id: str, who: Who, state: State) -> list[dict[str, Any]]:
    return coaching.read_thread(who, who.runner_id, coach_id, state.uow(), state.clock)


@router.post("/coaching/{coach_id}/messages", status_code=201, response_class=Response)
def runner_message(coach_id: str, body: Text, who: Who, state: State) -> None:
    coaching.send(who, who.runner_id, coach_id, body.body, state.uow(), state.clock)


class CoachMember(_Strict):
    email: str = Field(min_length=3, max_length=254)
    name: str = Field(default="", max_length=200)


@router.get("/organisation/coaches", response_model=list[bodies.OrganisationCoach])
def organisation_coaches(who: Who, state: State) -> list[dict[str, str]]:
    return coaching.organisation_coaches(who, state.uow())


@router.post("/organisation/invitations", status_code=202, responses=RATE_LIMITED)
def invite_coach(body: CoachMember, who: Who, state: State) -> bodies.Invited:
    """The same answer whatever the address: the invited account decides (it is never added)."""
    invitations.invite(
        who, body.email, body.name, state.settings.base_url, state.uow(), state.clock
    )
    return bodies.Invited(status="invited")


@router.get("/organisation/invitations")
def organisation_invitations(who: Who, state: State) -> list[bodies.SentInvitation]:
    """The organisation's pending invitations, by the address the admin typed."""
    return [
        bodies.SentInvitation(**i) for i in invitations.organisation_invitations(who, state.uow())
    ]


@router.delete(
    "/organisation/invitations/{invitation_id}", status_code=204, response_class=Response
)
def withdraw_invitation(invitation_id: str, who: Who, state: State) -> None:
    invitations.withdraw(who, invitation_id, state.uow(), state.clock)


@router.get("/me/invitations")
def my_invitations(who: Who, state: State) -> list[bodies.Invitation]:
    """Organisations that invite the signed-in account's address to coach with them."""
    return [bodies.Invitation(**i) for i in invitations.pending_for(who, state.uow())]


@router.post("/me/invitations/{invitation_id}/accept", status_code=204, response_class=Response)
def accept_invitation(invitation_id: str, who: Who, state: State) -> None:
    invitations.accept(who, invitation_id, state.uow(), state.clock)


@router.post("/me/invitations/{invitation_id}/decline", status_code=204, response_class=Response)
def decline_invitation(invitation_id: str, who: Who, state: State) -> None:
    invitations.decline(who, invitation_id, state.uow(), state.clock)


@router.delete("/organisation/coaches/{coach_id}", status_code=204, response_class=Response)
def remove_organisation_coach(coach_id: str, who: Who, state: State) -> None:
    coaching.remove_organisation_coach(who, coach_id, state.uow())
