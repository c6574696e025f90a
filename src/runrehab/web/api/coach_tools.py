"""/api/v1 for the coach's tools: assessment templates, re-assessing a runner, questionnaire
schedules. Authorization is in the use cases."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Response
from pydantic import Field

from runrehab.render.serialize import assessment_to_json
from runrehab.render.view_models.assessment import Reassessment
from runrehab.render.view_models.coach_tools import CoachQuestionnaires, Id, Prefilled, Template
from runrehab.schemas.dates import Day
from runrehab.services import assessment_templates as templates_service
from runrehab.services import assignments
from runrehab.web.api.contract import ContractRoute
from runrehab.web.api.params import OnDay, Strict
from runrehab.web.state import State, Who

router = APIRouter(prefix="/api/v1/coach", tags=["coaching"], route_class=ContractRoute)


class TemplateRequest(Strict):
    name: str = Field(min_length=1, max_length=templates_service.MAX_NAME)
    answers: dict[str, Any]


class ReassessRequest(Strict):
    answers: dict[str, Any]
    save_as: str | None = Field(default=None, min_length=1, max_length=templates_service.MAX_NAME)


class ScheduleRequest(Strict):
    every_days: int
    starts_on: Day | None = None


@router.get("/templates", response_model=list[Template])
def templates(who: Who, state: State) -> list[Template]:
    return [Template.model_validate(t) for t in templates_service.templates(who, state.uow())]


@router.post("/templates", status_code=201)
def save_template(body: TemplateRequest, who: Who, state: State) -> Id:
    template_id = templates_service.save_template(
        who, body.name, body.answers, state.uow(), state.clock
    )
    return Id(id=template_id)


@router.delete("/templates/{template_id}", status_code=204, response_class=Response)
def delete_template(template_id: str, who: Who, state: State) -> None:
    templates_service.delete_template(who, template_id, state.uow())


@router.get("/runners/{runner_id}/assessment")
def prefilled(runner_id: str, who: Who, state: State, template: str | None = None) -> Prefilled:
    """The answers a re-assessment starts from: the runner's last, a template over them, and
    the red-flag screening left out (it must be answered again)."""
    return Prefilled(
        templates_service.prefilled(who, runner_id, template, state.uow(), date.today())
    )


@router.post("/runners/{runner_id}/assessments", status_code=201, response_model=Reassessment)
def reassess(
    runner_id: str,
    body: ReassessRequest,
    who: Who,
    state: State,
    on: OnDay = None,
) -> Reassessment:
    started = templates_service.reassess(
        who, runner_id, body.answers, on or date.today(), state.kb, state.uow(), state.clock
    )
    result = assessment_to_json(started.assessment, state.kb)
    if body.save_as:
        result["template_id"] = templates_service.save_template(
            who, body.save_as, body.answers, state.uow(), state.clock
        )
    return Reassessment.model_validate(result)


@router.get("/runners/{runner_id}/questionnaires", response_model=CoachQuestionnaires)
def questionnaires(runner_id: str, who: Who, state: State) -> CoachQuestionnaires:
    view = assignments.coach_view(who, runner_id, date.today(), state.kb, state.uow())
    return CoachQuestionnaires.model_validate(view)


@router.put(
    "/runners/{runner_id}/questionnaires/{questionnaire}",
    response_model=CoachQuestionnaires,
)
def assign(
    runner_id: str, questionnaire: str, body: ScheduleRequest, who: Who, state: State
) -> CoachQuestionnaires:
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
    return questionnaires(runner_id, who, state)


@router.delete(
    "/runners/{runner_id}/questionnaires/{questionnaire}", status_code=204, response_class=Response
)
def stop(runner_id: str, questionnaire: str, who: Who, state: State) -> None:
    assignments.stop(who, runner_id, questionnaire, state.uow(), state.clock)
