"""The coach's tools beyond the roster: re-assessing a runner (with reusable templates) and
assigning outcome questionnaires on a schedule. Authorization is in the use cases."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runrehab.schemas.dates import parse_day
from runrehab.schemas.numbers import whole
from runrehab.services import assessment_templates as templates_service
from runrehab.services import assignments
from runrehab.services.accounts import Account
from runrehab.web.assessment_form import by_question, flatten, store_answer
from runrehab.web.errors import Refusal, refuse_as, unreadable_as
from runrehab.web.state import AppState, State, Who
from runrehab.web.templating import page

router = APIRouter(include_in_schema=False)


@router.get("/coach/templates", response_class=HTMLResponse)
def template_list(request: Request, who: Who, state: State) -> Response:
    listed = templates_service.templates(who, state.uow())
    return page(request, "coach_templates.html", templates=listed)


@router.post("/coach/templates/{template_id}/delete")
def delete_template(template_id: str, who: Who, state: State) -> Response:
    templates_service.delete_template(who, template_id, state.uow())
    return RedirectResponse("/coach/templates", status_code=303)


@router.get("/coach/runners/{runner_id}/assess", response_class=HTMLResponse)
def reassess_form(
    request: Request, runner_id: str, who: Who, state: State, template: str | None = None
) -> Response:
    answers = templates_service.prefilled(who, runner_id, template, state.uow(), date.today())
    return _form(request, state, who, runner_id, answers, template)


def _form(
    request: Request,
    state: AppState,
    who: Account,
    runner_id: str,
    answers: dict[str, Any],
    template: str | None,
    errors: list[str] | None = None,
) -> Response:
    return page(
        request,
        "coach_assess.html",
        422 if errors else 200,
        runner_id=runner_id,
        groups=state.kb.questions,
        answers_flat=flatten(answers),
        templates=templates_service.templates(who, state.uow()),
        chosen=template,
        errors=errors,
    )


@router.post("/coach/runners/{runner_id}/assess")
async def reassess(request: Request, runner_id: str, who: Who, state: State) -> Response:
    form = await request.form()
    raw: dict[str, Any] = {}
    errors: list[str] = []
    for group in state.kb.questions:
        for q in group.questions:
            store_answer(raw, q, [str(v) for v in form.getlist(q.key)], errors)
    save_as = str(form.get("save_as", "")).strip()[: templates_service.MAX_NAME]
    if errors:
        return _form(request, state, who, runner_id, raw, None, errors)
    refuse_as(
        request,
        Refusal(
            form=lambda exc: _form(
                request, state, who, runner_id, raw, None, by_question(state.kb, exc)
            )
        ),
    )
    templates_service.reassess(
        who, runner_id, raw, date.today(), state.kb, state.uow(), state.clock
    )
    if save_as:
        templates_service.save_template(who, save_as, raw, state.uow(), state.clock)
    return RedirectResponse(f"/coach/runners/{runner_id}", status_code=303)


@router.post("/coach/runners/{runner_id}/questionnaires")
def assign(
    request: Request,
    runner_id: str,
    who: Who,
    state: State,
    questionnaire: Annotated[str, Form(max_length=20)],
    every_days: Annotated[str, Form(max_length=3)],
    starts_on: Annotated[str | None, Form(max_length=10)] = None,
) -> Response:
    refuse_as(request, Refusal(heading="Not assigned", back=f"/coach/runners/{runner_id}"))
    with unreadable_as("give the start as a date and the interval in days"):
        start = parse_day(starts_on, "starts_on") if starts_on else date.today()
        days = whole(every_days)
        assignments.assign(
            who, runner_id, questionnaire, days, start, state.kb, state.uow(), state.clock
        )
    return RedirectResponse(
        f"/coach/runners/{runner_id}?done=assigned#questionnaires", status_code=303
    )


@router.post("/coach/runners/{runner_id}/questionnaires/{questionnaire}/stop")
def stop(runner_id: str, questionnaire: str, who: Who, state: State) -> Response:
    assignments.stop(who, runner_id, questionnaire, state.uow(), state.clock)
    return RedirectResponse(
        f"/coach/runners/{runner_id}?done=stopped#questionnaires", status_code=303
    )
