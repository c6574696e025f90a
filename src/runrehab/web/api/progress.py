"""/api/v1 for progress: the charts' data, outcome questionnaires answered and their scores."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body

from runrehab.render.view_models.progress import DatedScore, Progress, Scored
from runrehab.services.questionnaires import record_response, scores
from runrehab.web import views
from runrehab.web.api.contract import ContractRoute
from runrehab.web.api.params import OnDay
from runrehab.web.state import State, Who

router = APIRouter(prefix="/api/v1", tags=["api"], route_class=ContractRoute)


@router.get("/progress")
def progress(who: Who, state: State) -> Progress:
    return views.progress(state, who)


@router.post("/questionnaires/{questionnaire}", status_code=201, response_model=Scored)
def questionnaire(
    questionnaire: str,
    body: Annotated[dict[str, Any], Body()],
    who: Who,
    state: State,
    on: OnDay = None,
) -> Scored:
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


@router.get("/questionnaires", response_model=list[DatedScore])
def questionnaire_scores(who: Who, state: State) -> list[DatedScore]:
    return [
        DatedScore(
            questionnaire=s.questionnaire,
            date=s.on.isoformat(),
            score=s.score,
            provisional=s.provisional,
        )
        for s in scores(views.episode_id(state, who), state.uow())
    ]
