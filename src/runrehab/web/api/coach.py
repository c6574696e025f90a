"""/api/v1 for coaches and for runners' side of coaching: roster, invites, a runner's file,
messages, notes; accepting an invite and revoking access. Authorization is in the use cases."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, ConfigDict, Field

from runrehab.domain.adaptation.overrides import Override
from runrehab.domain.errors import NotFoundError
from runrehab.schemas.dates import Day
from runrehab.services import coaching
from runrehab.services.accounts import Account
from runrehab.web import views
from runrehab.web.state import AppState, app_state, signed_in

router = APIRouter(prefix="/api/v1", tags=["coaching"])
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
def become_coach(body: CoachRequest, who: Who, state: State) -> dict[str, str]:
    coaching.become_coach(who, body.name, body.organisation, state.uow(), state.clock)
    return {"name": body.name}


@router.get("/coach/roster")
def roster(who: Who, state: State) -> list[dict[str, Any]]:
    return coaching.roster(who, date.today(), state.kb, state.uow())


@router.post("/coach/invites", status_code=201)
def invite(who: Who, state: State) -> dict[str, Any]:
    return {
        "code": coaching.invite(who, state.uow(), state.clock),
        "valid_days": coaching.INVITE_VALID_FOR.days,
    }


@router.get("/coach/runners/{runner_id}")
def runner_file(runner_id: str, who: Who, state: State) -> dict[str, Any]:
    file = coaching.runner_file(who, runner_id, state.kb, state.uow())
    file["plan"] = views.plan_of(state, file["episode_id"], date.today(), 2)
    file["progress"] = views.progress_of(state, file["episode_id"])
    file["timeline"] = views.timeline(
        state, file, coaching.read_thread(who, runner_id, who.user_id, state.uow(), state.clock)
    )
    return file


@router.get("/coach/runners/{runner_id}/messages")
def coach_thread(runner_id: str, who: Who, state: State) -> list[dict[str, Any]]:
    return coaching.read_thread(who, runner_id, who.user_id, state.uow(), state.clock)


@router.post("/coach/runners/{runner_id}/messages", status_code=201)
def coach_message(runner_id: str, body: Text, who: Who, state: State) -> Response:
    coaching.send(who, runner_id, who.user_id, body.body, state.uow(), state.clock)
    return Response(status_code=201)


class OverrideRequest(_Strict):
    kind: Literal[
        "dose",
        "swap",
        "stage",
        "pause_running",
        "resume_running",
        "add_exercise",
        "remove_exercise",
    ]
    values: dict[str, str | int | bool | float] = {}
    reason: str = Field(min_length=1, max_length=500)
    on: Day | None = None


@router.post("/coach/runners/{runner_id}/overrides", status_code=201)
def override(runner_id: str, body: OverrideRequest, who: Who, state: State) -> dict[str, int]:
    change = Override(body.on or date.today(), body.kind, body.values, body.reason, "")
    return {
        "version": coaching.override(who, runner_id, change, state.kb, state.uow(), state.clock)
    }


@router.post("/coach/runners/{runner_id}/notes", status_code=201)
def note(runner_id: str, body: Text, who: Who, state: State) -> Response:
    coaching.add_note(who, runner_id, body.body, state.uow(), state.clock)
    return Response(status_code=201)


@router.post("/coaching/accept", status_code=201)
def accept(body: Code, who: Who, state: State) -> dict[str, str]:
    return {"coach_id": coaching.accept(who, body.code, state.uow(), state.clock)}


@router.get("/coaching")
def my_coaches(who: Who, state: State) -> list[dict[str, Any]]:
    return coaching.coaches(who, state.uow())


@router.delete("/coaching/{coach_id}", status_code=204)
def revoke(coach_id: str, who: Who, state: State) -> Response:
    coaching.revoke(who, coach_id, state.uow(), state.clock)
    return Response(status_code=204)


@router.get("/coaching/{coach_id}/messages")
def runner_thread(coach_id: str, who: Who, state: State) -> list[dict[str, Any]]:
    return coaching.read_thread(who, who.runner_id, coach_id, state.uow(), state.clock)


@router.post("/coaching/{coach_id}/messages", status_code=201)
def runner_message(coach_id: str, body: Text, who: Who, state: State) -> Response:
    coaching.send(who, who.runner_id, coach_id, body.body, state.uow(), state.clock)
    return Response(status_code=201)


class CoachMember(_Strict):
    email: str = Field(min_length=3, max_length=254)
    name: str = Field(default="", max_length=200)


@router.get("/organisation/coaches")
def organisation_coaches(who: Who, state: State) -> list[dict[str, str]]:
    return coaching.organisation_coaches(who, state.uow())


@router.post("/organisation/coaches", status_code=201)
def add_organisation_coach(
    body: CoachMember, who: Who, state: State, response: Response
) -> dict[str, str]:
    """201 "added" for a new coach; 202 "offered" for a coach who works alone, who decides."""
    outcome = coaching.add_organisation_coach(who, body.email, body.name, state.uow())
    response.status_code = 201 if outcome == "added" else 202
    return {"status": outcome}


class OfferAnswer(_Strict):
    accept: bool


@router.get("/coach/organisation-offer")
def organisation_offer(who: Who, state: State) -> dict[str, str]:
    offer = coaching.organisation_offer(who, state.uow())
    if offer is None:
        raise NotFoundError("no offer")
    return offer


@router.put("/coach/organisation-offer", status_code=204)
def answer_organisation_offer(body: OfferAnswer, who: Who, state: State) -> Response:
    coaching.answer_organisation_offer(who, body.accept, state.uow())
    return Response(status_code=204)


@router.delete("/organisation/coaches/{coach_id}", status_code=204)
def remove_organisation_coach(coach_id: str, who: Who, state: State) -> Response:
    coaching.remove_organisation_coach(who, coach_id, state.uow())
    return Response(status_code=204)
