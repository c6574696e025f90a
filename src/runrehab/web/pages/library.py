"""The exercise library with illustrations, and the education cards: public pages."""

from __future__ import annotations

from functools import cache

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from runrehab.adapters.illustration_files import load_illustrations
from runrehab.domain.errors import NotFoundError
from runrehab.render.describe import dose_range
from runrehab.render.illustrations import render_svg
from runrehab.web.state import State
from runrehab.web.templating import page

router = APIRouter(include_in_schema=False)


@cache
def _svg(exercise_id: str) -> str:
    return render_svg(load_illustrations()[exercise_id], "both")


@router.get("/exercises", response_class=HTMLResponse)
def exercises(request: Request, state: State) -> Response:
    listed = sorted(state.kb.exercises.values(), key=lambda e: (e.category, e.name))
    return page(request, "exercises.html", exercises=listed)


@router.get("/exercises/{exercise_id}.svg")
def illustration(exercise_id: str, state: State) -> Response:
    if exercise_id not in state.kb.exercises:
        raise NotFoundError(f"no exercise {exercise_id!r}")
    return Response(
        _svg(exercise_id),
        media_type="image/svg+xml",
        headers={"Cache-Control": "public, max-age=3600"},
    )


@router.get("/exercises/{exercise_id}", response_class=HTMLResponse)
def exercise(request: Request, exercise_id: str, state: State) -> Response:
    ex = state.kb.exercises.get(exercise_id)
    if ex is None:
        raise NotFoundError(f"no exercise {exercise_id!r}")
    dose = dose_range(ex.dose) if ex.schedulable else None
    citation = state.kb.citations[ex.citation].text if ex.citation else None
    return page(request, "exercise.html", ex=ex, dose=dose, citation=citation)


@router.get("/learn/{card_id}", response_class=HTMLResponse)
def learn(request: Request, card_id: str, state: State) -> Response:
    card = state.kb.education.get(card_id)
    if card is None:
        raise NotFoundError(f"no card {card_id!r}")
    sources = [f"Source: {state.kb.citations[c].text}" for c in card.citations]
    return page(request, "simple.html", heading=card.title, paragraphs=[*card.body, *sources])
