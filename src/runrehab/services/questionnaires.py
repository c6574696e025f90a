"""Record a questionnaire response with its score; the same response id is stored once, and the
roster's status learns whether the score dropped in the same transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

from runrehab.domain.errors import ConflictError, NotFoundError
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.questionnaires import score
from runrehab.domain.records import StoredScore
from runrehab.services.ports import Clock, UnitOfWork
from runrehab.services.status import after_scores

DIFFERENT_ANSWERS = (
    "Not saved: a response with this id was already saved with different answers, and nothing was "
    "changed. A new response needs a new id (on the web: open the questionnaire again)."
)


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
    """Score and store a response. The same id with the same answers stores nothing more and
    answers with the first score; the same id with other answers is refused, never dropped."""
    if questionnaire not in kb.questionnaires:
        known = ", ".join(sorted(kb.questionnaires))
        raise NotFoundError(f"no questionnaire {questionnaire!r} (known: {known})")
    result = score(kb.questionnaires[questionnaire], answers, questionnaire)
    stored = StoredScore(questionnaire, on, result.total, result.provisional)
    with uow:
        uow.episodes.lock(episode_id)
        runner_id = uow.episodes.get(episode_id).runner_id
        found = uow.questionnaires.stored(response_id)
        if found is None:
            uow.questionnaires.add(response_id, episode_id, stored, answers, clock())
            _update_status(runner_id, kb, uow, clock)
            uow.commit()
            return stored
    owner, kept_answers, kept = found
    if owner != episode_id:  # never reveal or touch another runner's response
        raise ConflictError(f"response id {response_id!r} is already in use; send a new id")
    if (kept.questionnaire, kept_answers) != (questionnaire, answers):
        raise ConflictError(DIFFERENT_ANSWERS)
    return kept  # a true repeat (a retry, a double tap): the first answer, stored once


def _update_status(runner_id: str, kb: KnowledgeBase, uow: UnitOfWork, clock: Clock) -> None:
    """The roster's questionnaire drop (points worse, past the minimal important change), over the scores
    of the runner's current episode and those it continues, in the response's own transaction."""
    status = uow.status.get(runner_id)
    if status is not None:
        chain = uow.continuity.chain(status.episode_id)
        kept = [s for each in chain for s in uow.questionnaires.scores(each)]
        uow.status.put(after_scores(status, kept, kb.questionnaires, clock()))


def scores(episode_id: str, uow: UnitOfWork) -> list[StoredScore]:
    """Every score of the episode and of those it continues (a re-assessment keeps them)."""
    with uow:
        return [
            s for each in uow.continuity.chain(episode_id) for s in uow.questionnaires.scores(each)
        ]


def last_answers(episode_id: str, questionnaire: str, uow: UnitOfWork) -> dict[str, Any] | None:
    """The answers of the runner's latest response to `questionnaire` across re-assessments
    (the PSFS offers its activities again from them), or None."""
    with uow:
        found = [
            r
            for each in uow.continuity.chain(episode_id)
            for r in uow.workspace.responses(each)
            if r["questionnaire"] == questionnaire
        ]
    return found[-1]["answers"] if found else None
