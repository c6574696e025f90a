"""/api/v1 for runs from the watch: import files, list them, answer "was it a run?" for a file that
named no sport, score one, read the training load."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Response, UploadFile
from pydantic import BaseModel, ConfigDict, Field

from runrehab.render.view_models.activities import (
    Activity,
    AwaitingRun,
    ImportReport,
    ListedActivity,
    Load,
)
from runrehab.render.view_models.log import Logged
from runrehab.services import activities
from runrehab.services.training_load import training_load
from runrehab.web import views
from runrehab.web.api.contract import ContractRoute
from runrehab.web.imports import import_uploads
from runrehab.web.state import State, Who

router = APIRouter(prefix="/api/v1", tags=["activities"], route_class=ContractRoute)


class PainScores(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    pain_during: int = Field(ge=0, le=10)
    pain_after: int = Field(ge=0, le=10)


class SportAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    run: bool = Field(description="true: it was a run (counted); false: it was not (left out)")


@router.post("/activities", status_code=201, response_model=ImportReport)
def upload(
    who: Who,
    state: State,
    files: Annotated[list[UploadFile], File(description="FIT, GPX, TCX (or .gz) or a .zip")],
) -> ImportReport:
    """Import: every file reported as imported, a duplicate (with why) or not readable (why)."""
    return ImportReport.model_validate(import_uploads(state, who.runner_id, files).as_json())


@router.get("/activities", response_model=list[ListedActivity])
def listed(who: Who, state: State, limit: int = 100) -> list[ListedActivity]:
    rows = activities.activities(who.runner_id, state.uow(), limit=max(1, min(limit, 1000)))
    return [ListedActivity.model_validate(_without_histogram(r)) for r in rows]


@router.get("/activities/awaiting-pain", response_model=list[AwaitingRun])
def awaiting(who: Who, state: State) -> list[AwaitingRun]:
    episode = views.episode_id(state, who)
    runs = activities.awaiting_pain(who.runner_id, episode, date.today(), state.kb, state.uow())
    return [AwaitingRun.model_validate(r) for r in runs]


@router.post("/activities/{activity_id}/sport", response_model=Activity)
def confirm_sport(activity_id: str, body: SportAnswer, who: Who, state: State) -> Activity:
    """The runner's answer for an activity whose sport was guessed; the same answer again changes
    nothing. 404 for an activity that is not the runner's, 422 for one whose file named its sport."""
    row = activities.confirm_sport(who.runner_id, activity_id, body.run, state.uow())
    return Activity.model_validate(_without_histogram(row))


def _without_histogram(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "pace_histogram"}


@router.post(
    "/activities/{activity_id}/pain",
    status_code=201,
    response_model=Logged,
    responses={200: {"model": Logged, "description": "Scored before: kept once."}},
)
def score(activity_id: str, body: PainScores, who: Who, state: State, response: Response) -> Logged:
    logged = activities.score_run(
        who.runner_id,
        views.episode_id(state, who),
        activity_id,
        (body.pain_during, body.pain_after),
        state.kb,
        state.uow(),
        state.clock,
    )
    response.status_code = 200 if logged.duplicate else 201
    return Logged.model_validate(logged.stored | {"duplicate": logged.duplicate})


@router.get("/load", response_model=Load)
def load(who: Who, state: State) -> Load:
    episode = views.episode_id(state, who)
    return Load.model_validate(
        training_load(who.runner_id, episode, date.today(), state.kb, state.uow())
    )
