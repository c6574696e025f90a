"""Record a questionnaire response with its score; the same response id is stored once."""

from __future__ import annotations

from datetime import date
from typing import Any

from runrehab.domain.errors import ConflictError, NotFoundError
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.questionnaires import score
from runrehab.domain.records import StoredScore
from runrehab.services.ports import Clock, UnitOfWork


def record_response(
    episode_id: str,
    response_id: str,
    questionnaire: str,
    answers: dict[str, Any],
    on: date,
    kb: KnowledgeBase,
    uow: UnitOfWork,
    clock: Clock,
) -> StoredScore:
    if questionnaire not in kb.questionnaires:
        known = ", ".join(sorted(kb.questionnaires))
        raise NotFoundError(f"no questionnaire {questionnaire!r} (known: {known})")
    result = score(kb.questionnaires[questionnaire], answers, questionnaire)
    stored = StoredScore(questionnaire, on, result.total, result.provisional)
    with uow:
        uow.episodes.get(episode_id)
        owner = uow.questionnaires.owner(response_id)
        if owner is not None and owner != episode_id:
            raise ConflictError(f"response id {response_id!r} is already in use; send a new id")
        if owner is None:
            uow.questionnaires.add(response_id, episode_id, stored, answers, clock())
            uow.commit()
    return stored


def scores(episode_id: str, uow: UnitOfWork) -> list[StoredScore]:
    """Every score of the episode and of those it continues (a re-assessment keeps them)."""
    with uow:
        return [
            s for each in uow.continuity.chain(episode_id) for s in uow.questionnaires.scores(each)
        ]
