"""/api/v1 for the coach's tools: assessment templates, re-assessing a runner, questionnaire
schedules. Authorization is in the use cases."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, ConfigDict, Field

from runrehab.render.serialize import assessment_to_json
from runrehab.schemas.dates import Day
from runrehab.services import assessment_templates as templates_service
from runrehab.services import assignments
from runrehab.services.accounts import Account
from runrehab.web.api import bodies
from runrehab.web.api.contract import ContractRoute
from runrehab.web.api.v1 import OnDay
from runrehab.web.state import AppState, app_state, signed_in

router = APIRouter(prefix="/api/v1/coach", tags=["coaching"], route_class=ContractRoute)
State = Annotated[AppState, Depends(app_state)]
Who = Annotated[Account, Depends(signed_in)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class TemplateRequest(_Strict):
    name: str = Field(min_length=1, max_length=templates_service.MAX_NAME)
    answers: dict[str, Any]


class ReassessRequest(_Strict):
    answers: dict[str, Any]
    save_as: str | None = Field(default=None, min_length=1, max_length=templates_service.MAX_NAME)


class ScheduleRequest(_Strict):
    every_days: int
    starts_on: Day | None = None


@router.get("/templates", response_model=list[bodies.Template])
def templates(who: Who, state: State) -> list[dict[str, Any]]:
    return templates_service.templates(who, state.uow())


@router.post("/templates", status_code=201)
def save_template(body: TemplateRequest, who: Who, state: State) -> bodies.Id:
    template_id = templates_service.save_template(
        who, body.name, body.answers, state.uow(), state.clock
    )
    return bodies.Id(id=template_id)


@router.delete("/templates/{template_id}", status_code=204, response_class=Response)
def delete_template(template_id: str, who: Who, state: State) -> None:
    templates_service.delete_template(who, template_id, state.uow())


@router.get("/runners/{runner_id}/assessment")
def prefilled(
    runner_id: str, who: Who, state: State, template: str | None = None
) -> dict[str, Any]:
    """The answers a re-assessment starts from: the runner's last, a template over them, and
    the red-flag screening left out (it must be answered again)."""
    return templates_service.prefilled(who, runner_id, template, state.uow(), date.today())


@router.post(
    "/runners/{runner_id}/assessments", status_code=201, response_model=bodies.Reassessment
)
def reassess(
    runner_id: str,
    body: ReassessRequest,
    who: Who,
    state: State,
    on: OnDay = None,
) -> dict[str, Any]:
    started = templates_service.reassess(
        who, runner_id, body.answers, on or date.today(), state.kb, state.uow(), state.clock
    )
    result = assessment_to_json(started.assessment, state.kb)
    if body.save_as:
        result["template_id"] = templates_service.save_template(
            who, body.save_as, body.answers, state.uow(), state.clock
        )
    return result


@router.get("/runners/{runner_id}/questionnaires", response_model=bodies.CoachQuestionnaires)
def questionnaires(runner_id: str, who: Who, state: State) -> dict[str, Any]:
    return assignments.coach_view(who, runner_id, date.today(), state.kb, state.uow())


@router.put(
    "/runners/{runner_id}/questionnaires/{questionnaire}",
    response_model=bodies.CoachQuestionnaires,
)
def assign(
    runner_id: str, questionnaire: str, body: ScheduleRequest, who: Who, state: State
) -> dict[str, Any]:
    assignments.assign(
        who,
        runner_id,
        questionnaire,
        body.every_days,
        body.starts_on or date.today(),
        state.kb,
        state.uow(),
        state.clock,
    )
    return assignments.coach_view(who, runner_id, date.today(), state.kb, state.uow())


@router.delete(
    "/runners/{runner_id}/questionnaires/{questionnaire}", status_code=204, response_class=Response
)
def stop(runner_id: str, questionnaire: str, who: Who, state: State) -> None:
    assignments.stop(who, runner_id, questionnaire, state.uow(), state.clock)
