"""Progress: the charts, and the outcome questionnaires answered and scored. The JSON twin is
`web/api/progress.py`."""

from __future__ import annotations

import uuid
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from runrehab.domain.errors import NotFoundError
from runrehab.services.episodes import episode_of
from runrehab.services.questionnaires import last_answers, record_response
from runrehab.web import questionnaire_form, views
from runrehab.web.errors import Refusal, refuse_as
from runrehab.web.state import State, Who
from runrehab.web.templating import needs_assessment, page

router = APIRouter(include_in_schema=False)


@router.get("/progress", response_class=HTMLResponse)
def progress(request: Request, who: Who, state: State) -> Response:
    if (redirect := needs_assessment(state, who)) is not None:
        return redirect
    return page(request, "progress.html", s=views.progress(state, who))


@router.get("/questionnaires/{name}", response_class=HTMLResponse)
def questionnaire(request: Request, name: str, who: Who, state: State) -> Response:
    q = state.kb.questionnaires.get(name)
    if q is None:
        raise NotFoundError(f"no questionnaire {name!r}")
    episode = episode_of(who.runner_id, state.uow())
    previous = last_answers(episode, name, state.uow()) if episode else None
    return page(
        request,
        "questionnaire.html",
        q=q,
        fields=questionnaire_form.fields(q, previous),
        action=f"/questionnaires/{name}",
        response_id=uuid.uuid4().hex,  # one response: sending the page twice stores it once
    )


@router.post("/questionnaires/{name}")
async def answer_questionnaire(request: Request, name: str, who: Who, state: State) -> Response:
    q = state.kb.questionnaires.get(name)
    if q is None:
        raise NotFoundError(f"no questionnaire {name!r}")
    form = {k: str(v) for k, v in (await request.form()).items()}
    response_id = (form.get("response_id") or uuid.uuid4().hex)[:64]
    episode = views.episode_id(state, who)
    refuse_as(request, Refusal())  # every problem with its field, and no link
    answers = questionnaire_form.answers(q, form)
    stored = record_response(
        episode, response_id, name, answers, date.today(), state.kb, state.uow(), state.clock
    )
    shown = views.scored(state, episode, name, answers, stored)
    return page(
        request,
        "simple.html",
        heading="Saved",
        paragraphs=[shown.words] + [f.text for f in shown.flags],
        links=[("/progress", "See the trend")],
    )
