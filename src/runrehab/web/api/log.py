"""/api/v1 for today and logging: the day's sessions, an entry logged (idempotent by its id)
with its decision, the history."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Body, Response
from pydantic import Field

from runrehab.render.view_models.log import History, HistoryEntry, Logged, Today
from runrehab.schemas.log import CheckinModel, ExerciseModel, RunModel, to_entry
from runrehab.services import account_data
from runrehab.services.progress import history, log_entry, loggable_exercises
from runrehab.web import views
from runrehab.web.api.contract import ContractRoute
from runrehab.web.api.params import OnDay
from runrehab.web.state import State, Who

router = APIRouter(prefix="/api/v1", tags=["api"], route_class=ContractRoute)


Entry = Annotated[ExerciseModel | RunModel | CheckinModel, Field(discriminator="type")]


@router.get("/today")
def today(who: Who, state: State, on: OnDay = None) -> Today:
    return views.today(state, who, on or date.today())


@router.post(
    "/entries",
    status_code=201,
    response_model=Logged,
    responses={200: {"model": Logged, "description": "The same entry again: kept once."}},
)
def log(body: Annotated[Entry, Body()], who: Who, state: State, response: Response) -> Logged:
    episode = views.episode_id(state, who)
    loggable = loggable_exercises(episode, state.kb, state.uow())
    entry = to_entry(body, "entry", loggable, body.id or uuid.uuid4().hex)
    logged = log_entry(episode, entry, state.kb, state.uow(), state.clock)
    response.status_code = 200 if logged.duplicate else 201
    return Logged.model_validate(logged.stored | {"duplicate": logged.duplicate})


@router.get("/history", response_model=History)
def past(who: Who, state: State) -> History:
    episode = views.episode_id(state, who)
    data = history(episode, state.uow())
    return History(
        entries=[
            HistoryEntry.model_validate(
                account_data._entry(e) | {"decision": data.decisions.get(e.id)}
            )
            for e in data.entries
        ]
    )
