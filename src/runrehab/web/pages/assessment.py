"""The assessment as a mobile-first wizard: one group of questions per screen, no JavaScript needed.

Answers collect in the signed session cookie until the last step, then go through the same
schema as the API and the CLI, and the episode with its plan is saved.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runrehab.domain.intake import SCREENING_KEYS
from runrehab.domain.knowledge import QuestionGroup
from runrehab.domain.screening import certain_urgent_flags, open_facts
from runrehab.domain.verdicts import Verdict
from runrehab.schemas.answers import parse_answers, partial_facts
from runrehab.services.accounts import Account
from runrehab.services.episodes import RunnerId, start_episode
from runrehab.web import views
from runrehab.web.assessment_form import by_question, flatten, store_answer
from runrehab.web.errors import Refusal, refuse_as
from runrehab.web.state import AppState, State, Who
from runrehab.web.templating import page

router = APIRouter(include_in_schema=False)
SESSION_KEY = "assessment"


def _group(state: AppState, step: int) -> QuestionGroup | None:
    groups = state.kb.questions
    return groups[step - 1] if 1 <= step <= len(groups) else None


def _steps(state: AppState, raw: dict[str, Any]) -> list[int]:
    """The steps whose questions apply to the region answered so far: groups for other regions,
    such as the ankle fracture check, are skipped."""
    region = raw.get("region")
    return [n for n, g in enumerate(state.kb.questions, start=1) if g.asked_for(region)]


def _next_step(state: AppState, step: int, raw: dict[str, Any]) -> int | None:
    """The next step that applies; None after the last."""
    return next((n for n in _steps(state, raw) if n > step), None)


def _step_page(
    request: Request, state: AppState, step: int, errors: list[str] | None = None
) -> Response:
    group = _group(state, step)
    if group is None:
        return RedirectResponse("/assess/1", status_code=303)
    raw = request.session.get(SESSION_KEY, {})
    if not group.asked_for(raw.get("region")):
        following = _next_step(state, step, raw)
        return RedirectResponse(f"/assess/{following or 1}", status_code=303)
    answers = flatten(raw)
    steps = _steps(state, raw)
    earlier = [n for n in steps if n < step]
    return page(
        request,
        "assess_step.html",
        422 if errors else 200,
        step=step,
        position=steps.index(step) + 1,
        total=len(steps),
        previous=earlier[-1] if earlier else None,
        group=group,
        region=raw.get("region"),
        answers_flat=answers,
        errors=errors,
    )


@router.get("/assess", response_class=HTMLResponse)
def start(request: Request, who: Who) -> Response:
    request.session[SESSION_KEY] = {}
    return RedirectResponse("/assess/1", status_code=303)


@router.get("/assess/{step:int}", response_class=HTMLResponse)
def show_step(request: Request, step: int, who: Who, state: State) -> Response:
    return _step_page(request, state, step)


@router.post("/assess/{step:int}")
async def save_step(request: Request, step: int, who: Who, state: State) -> Response:
    group = _group(state, step)
    if group is None:
        return RedirectResponse("/assess/1", status_code=303)
    form = await request.form()
    raw: dict[str, Any] = dict(request.session.get(SESSION_KEY, {}))
    errors: list[str] = []
    region = form.get("region", raw.get("region"))
    for q in group.questions:
        values = [str(v) for v in form.getlist(q.key)] if q.asked_for(region) else []
        store_answer(raw, q, values, errors)  # a question not asked here keeps no answer
    request.session[SESSION_KEY] = raw
    if errors:
        return _step_page(request, state, step, errors)
    following = _next_step(state, step, raw)
    if following is not None and _urgent_now(state, step, raw):
        return _finish(request, who, state, _stopped_early(raw))
    if following is not None:
        return RedirectResponse(f"/assess/{following}", status_code=303)
    return _finish(request, who, state, raw)


def _urgent_now(state: AppState, step: int, raw: dict[str, Any]) -> bool:
    """Whether a same-day red flag is already certain, whatever the questions after `step`
    would be answered: then the wizard asks nothing more (no hop or jog test after saddle
    numbness) and goes straight to the result."""
    facts = partial_facts(raw, state.kb.dosage.single_run_cap)
    if facts is None:
        return False
    region = raw.get("region")
    unasked = (
        q.key
        for n in _steps(state, raw)
        if n > step
        for q in state.kb.questions[n - 1].questions_for(region)
    )
    return bool(certain_urgent_flags(facts, open_facts(unasked), state.kb))


def _stopped_early(raw: dict[str, Any]) -> dict[str, Any]:
    """The answers with every screening question not asked left unanswered (null), marked."""
    return {**dict.fromkeys(SCREENING_KEYS), **raw, "screen_stopped_early": True}


def _finish(request: Request, who: Account, state: AppState, raw: dict[str, Any]) -> Response:
    refuse_as(
        request,
        Refusal(form=lambda exc: _step_page(request, state, 1, by_question(state.kb, exc))),
    )
    answers = parse_answers(raw, "your answers")
    start_episode(
        RunnerId(who.runner_id), answers, None, date.today(), state.kb, state.uow(), state.clock
    )
    request.session.pop(SESSION_KEY, None)
    return RedirectResponse("/assess/result", status_code=303)


@router.get("/assess/result", response_class=HTMLResponse, name="assessment_result")
def result(request: Request, who: Who, state: State) -> Response:
    episode = views.episode_id(state, who)
    with state.uow() as uow:
        assessment = uow.episodes.assessment(episode)
        answers, _ = uow.episodes.raw(episode)
    assessment["verdict_allows_rehab"] = Verdict[assessment["verdict"]].allows_rehab
    return page(request, "assess_result.html", a=assessment, not_asked=_not_asked(state, answers))


def _not_asked(state: AppState, answers: dict[str, Any]) -> list[str]:
    """The screening questions the wizard skipped because an urgent red flag was already certain
    (the clinician will ask them); empty when the whole screen was answered."""
    if not answers.get("screen_stopped_early"):
        return []
    questions = [q for g in state.kb.questions for q in g.questions if q.key in SCREENING_KEYS]
    return [q.text for q in questions if answers.get(q.key) is None]
