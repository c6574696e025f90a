"""/api/v1 for the assessment: answers in, the verdict and the plan's first stage out."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter

from runrehab.render.serialize import assessment_to_json
from runrehab.render.view_models.assessment import Assessment
from runrehab.schemas.answers import AnswersModel
from runrehab.schemas.profile import ProfileModel
from runrehab.services.episodes import RunnerId, start_episode
from runrehab.web.api.contract import ContractRoute
from runrehab.web.api.params import OnDay, Strict
from runrehab.web.state import State, Who

router = APIRouter(prefix="/api/v1", tags=["api"], route_class=ContractRoute)


class AssessmentRequest(Strict):
    answers: AnswersModel
    profile: ProfileModel | None = None


@router.post("/assessments", status_code=201, response_model=Assessment)
def assess(body: AssessmentRequest, who: Who, state: State, on: OnDay = None) -> Assessment:
    started = start_episode(
        RunnerId(who.runner_id),
        body.answers.to_domain(),
        body.profile.to_domain() if body.profile else None,
        on or date.today(),
        state.kb,
        state.uow(),
        state.clock,
    )
    return Assessment.model_validate(assessment_to_json(started.assessment, state.kb))
