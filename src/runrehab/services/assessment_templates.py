"""A coach re-assesses a runner (at an appointment, say) and keeps reusable sets of answers.

Templates never hold the red-flag screening or personal facts: those are asked afresh every
time, so a template can speed an assessment up but never answer a safety question for anyone.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from runrehab.domain.errors import InvalidInputError, NotFoundError, Problem
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.schemas.answers import NOT_IN_TEMPLATES, parse_answers, parse_template_answers
from runrehab.services.accounts import Account
from runrehab.services.coaching.access import require_coach
from runrehab.services.continuity import latest_answers
from runrehab.services.episodes import EpisodeStarted, RunnerId, start_episode
from runrehab.services.ports import Clock, UnitOfWork

MAX_NAME = 120


def save_template(
    coach: Account, name: str, raw_answers: dict[str, Any], uow: UnitOfWork, clock: Clock
) -> str:
    """Keep the non-screening answers under a name; returns the template's id."""
    require_coach(coach, uow)
    if not 1 <= len(name.strip()) <= MAX_NAME:
        raise InvalidInputError("template", [Problem("name", f"1 to {MAX_NAME} characters")])
    kept = {k: v for k, v in raw_answers.items() if k not in NOT_IN_TEMPLATES}
    answers = parse_template_answers(kept, "template")
    if not answers:
        raise InvalidInputError("template", [Problem("answers", "keep at least one answer")])
    template_id = uuid.uuid4().hex
    with uow:
        uow.workspace.add_template(template_id, coach.user_id, name.strip(), answers, clock())
        uow.commit()
    return template_id


def templates(coach: Account, uow: UnitOfWork) -> list[dict[str, Any]]:
    require_coach(coach, uow)
    with uow:
        return uow.workspace.templates(coach.user_id)


def delete_template(coach: Account, template_id: str, uow: UnitOfWork) -> None:
    with uow:
        if not uow.workspace.delete_template(template_id, coach.user_id):
            raise NotFoundError("no such template of yours")
        uow.commit()


def prefilled(
    coach: Account, runner_id: str, template_id: str | None, uow: UnitOfWork, today: date
) -> dict[str, Any]:
    """The runner's latest answers (`continuity.latest_answers`) with a template laid over them
    and the screening left blank."""
    with uow:
        _check_access(coach, runner_id, uow)
        episode_id = uow.episodes.latest_for(runner_id)
        chosen = [t for t in uow.workspace.templates(coach.user_id) if t["id"] == template_id]
    if template_id and not chosen:
        raise NotFoundError("no such template of yours")
    answers = latest_answers(episode_id, today, uow) if episode_id else {}
    overlay = chosen[0]["answers"] if chosen else {}
    merged = answers | overlay
    if "tests" in answers or "tests" in overlay:
        merged["tests"] = answers.get("tests", {}) | overlay.get("tests", {})
    return merged


def reassess(
    coach: Account,
    runner_id: str,
    raw_answers: dict[str, Any],
    on: date,
    kb: KnowledgeBase,
    uow: UnitOfWork,
    clock: Clock,
) -> EpisodeStarted:
    """A new episode and plan for the runner from the coach's assessment, screening included,
    with the runner's profile kept. The answers are parsed once the coach's access is known, so
    a stranger hears "no such runner" whatever they sent."""
    with uow:
        name = _check_access(coach, runner_id, uow)
    answers = parse_answers(raw_answers, "answers")
    return start_episode(RunnerId(runner_id), answers, None, on, kb, uow, clock, by_coach=name)


def _check_access(coach: Account, runner_id: str, uow: UnitOfWork) -> str:
    """The coach's name, when the runner granted this coach access (else NotFoundError)."""
    record = uow.coaching.coach(coach.user_id)
    if record is None or not uow.coaching.has_access(coach.user_id, runner_id):
        raise NotFoundError("no such runner")
    return record[0]
