"""/api/v1 for the exercise library (public)."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter

from runrehab.domain.errors import NotFoundError
from runrehab.render.view_models.library import Exercise
from runrehab.web.api.contract import NOT_FOUND, ContractRoute
from runrehab.web.state import AppState, State

router = APIRouter(prefix="/api/v1", tags=["api"], route_class=ContractRoute)


@router.get("/exercises", response_model=list[Exercise])
def exercises(state: State) -> list[Exercise]:
    return [_exercise(e.id, state) for e in state.kb.exercises.values()]


@router.get("/exercises/{exercise_id}", response_model=Exercise, responses=NOT_FOUND)
def exercise(exercise_id: str, state: State) -> Exercise:
    if exercise_id not in state.kb.exercises:
        raise NotFoundError(f"no exercise {exercise_id!r}")
    return _exercise(exercise_id, state)


def _exercise(exercise_id: str, state: AppState) -> Exercise:
    ex = state.kb.exercises[exercise_id]
    data = asdict(ex)
    data["equipment"], data["stages"] = sorted(ex.equipment), sorted(ex.stages)
    data["illustration"] = f"/exercises/{exercise_id}.svg"
    return Exercise.model_validate(data)
