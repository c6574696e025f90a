"""Runs from the watch in the browser: upload files or an export (with a progress bar), see the
training load, answer "was it a run?" for a file that named no sport, and give an imported run its
pain scores so the plan adapts to it."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runrehab.domain.errors import InvalidInputError, RunrehabError
from runrehab.schemas.numbers import FormInt
from runrehab.services import activities
from runrehab.services.episodes import episode_of
from runrehab.services.training_load import training_load
from runrehab.web import views
from runrehab.web.errors import Refusal, refuse_as
from runrehab.web.imports import import_uploads
from runrehab.web.state import State, Who
from runrehab.web.templating import logged_response, page, templates

router = APIRouter(include_in_schema=False)
Pain = Annotated[FormInt, Form(ge=0, le=10)]


@router.get("/activities", response_class=HTMLResponse)
def activities_page(request: Request, who: Who, state: State) -> Response:
    episode = None if who.coach_only else episode_of(who.runner_id, state.uow())
    if episode is None:  # a page to go to, never episode_id's NotFoundError (a JSON 404)
        return RedirectResponse("/coach" if who.coach_only else "/assess", status_code=303)
    return page(
        request,
        "activities.html",
        load=training_load(who.runner_id, episode, date.today(), state.kb, state.uow()),
        listed=activities.activities(who.runner_id, state.uow(), limit=50),
        guesses=activities.unconfirmed(who.runner_id, state.uow()),
        report=None,
    )


@router.post("/activities/{activity_id}/sport")
def confirm_sport(
    request: Request,
    activity_id: str,
    who: Who,
    state: State,
    run: Annotated[Literal["yes", "no"], Form()],
) -> Response:
    """One tap: "Yes, it was a run" or "Not a run". htmx gets the answered line (and the
    `sport-answered` event, which refreshes the load note); without JavaScript, back to Runs."""
    answered = activities.confirm_sport(who.runner_id, activity_id, run == "yes", state.uow())
    if request.headers.get("HX-Request"):
        response = templates.TemplateResponse(request, "sport_answer.html", {"a": answered})
        response.headers["HX-Trigger"] = "sport-answered"
        return response
    return RedirectResponse("/activities#guesses", status_code=303)


@router.post("/activities")
def upload(
    request: Request,
    who: Who,
    state: State,
    files: Annotated[list[UploadFile], File(description="FIT, GPX, TCX (or .gz) or a .zip")],
) -> Response:
    refuse_as(request, Refusal(form=lambda exc: _report(request, _nothing_imported(exc), 422)))
    return _report(request, import_uploads(state, who.runner_id, files).as_json(), 200)


def _nothing_imported(exc: RunrehabError) -> dict[str, Any]:
    """The report when nothing was imported: each file with why."""
    assert isinstance(exc, InvalidInputError)
    failed = [{"file": p.where, "reason": p.reason} for p in exc.problems]
    return {"imported": [], "duplicates": [], "failed": failed}


def _report(request: Request, report: dict[str, Any], status: int) -> Response:
    """The import's report: for htmx the fragment, else the Runs page with it."""
    if request.headers.get("HX-Request"):
        return templates.TemplateResponse(
            request, "import_report.html", {"report": report}, status_code=status
        )
    return page(request, "activities.html", status, load=None, listed=[], report=report)


@router.post("/log/activity/{activity_id}")
def score(
    request: Request,
    activity_id: str,
    who: Who,
    state: State,
    pain_during: Pain,
    pain_after: Pain,
) -> Response:
    logged = activities.score_run(
        who.runner_id,
        views.episode_id(state, who),
        activity_id,
        (pain_during, pain_after),
        state.kb,
        state.uow(),
        state.clock,
    )
    return logged_response(request, logged)
