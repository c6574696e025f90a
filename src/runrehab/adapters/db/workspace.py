"""The coach's own tools: reusable assessment templates and questionnaire assignments."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from runrehab.adapters.db.tables import (
    AssessmentTemplateRow,
    CoachAccessRow,
    QuestionnaireAssignmentRow,
    QuestionnaireResponseRow,
)
from runrehab.domain.assignments import Assignment


class WorkspaceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- assessment templates ------------------------------------------------------------

    def add_template(
        self,
        template_id: str,
        coach_user_id: str,
        name: str,
        answers: dict[str, Any],
        now: datetime,
    ) -> None:
        self.session.add(
            AssessmentTemplateRow(
                id=template_id,
                coach_user_id=coach_user_id,
                name=name,
                answers=answers,
                created_at=now,
            )
        )

    def templates(self, coach_user_id: str) -> list[dict[str, Any]]:
        query = (
            select(AssessmentTemplateRow)
            .where(AssessmentTemplateRow.coach_user_id == coach_user_id)
            .order_by(AssessmentTemplateRow.name)
        )
        return [
            {
                "id": row.id,
                "name": row.name,
                "answers": row.answers,
                "created_at": row.created_at.isoformat(),
            }
            for row in self.session.scalars(query)
        ]

    def delete_template(self, template_id: str, coach_user_id: str) -> bool:
        result = self.session.execute(
            delete(AssessmentTemplateRow).where(
                AssessmentTemplateRow.id == template_id,
                AssessmentTemplateRow.coach_user_id == coach_user_id,
            )
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    # -- questionnaire assignments -------------------------------------------------------

    def assign(
        self,
        runner_id: str,
        coach_user_id: str,
        questionnaire: str,
        every_days: int,
        starts_on: date,
        now: datetime,
    ) -> None:
        """One schedule per runner and questionnaire: a new one ends the one before."""
        self.end_assignment(runner_id, questionnaire, now)
        self.session.add(
            QuestionnaireAssignmentRow(
                runner_id=runner_id,
                coach_user_id=coach_user_id,
                questionnaire=questionnaire,
                every_days=every_days,
                starts_on=starts_on,
                created_at=now,
            )
        )

    def end_assignment(self, runner_id: str, questionnaire: str, now: datetime) -> bool:
        result = self.session.execute(
            update(QuestionnaireAssignmentRow)
            .where(
                QuestionnaireAssignmentRow.runner_id == runner_id,
                QuestionnaireAssignmentRow.questionnaire == questionnaire,
                QuestionnaireAssignmentRow.ended_at.is_(None),
            )
            .values(ended_at=now)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def assignments(self, runner_id: str) -> list[Assignment]:
        """The runner's open schedules set by a coach who still has access (revoking a coach
        ends what that coach asked for)."""
        query = (
            select(QuestionnaireAssignmentRow)
            .join(
                CoachAccessRow,
                (CoachAccessRow.runner_id == QuestionnaireAssignmentRow.runner_id)
                & (CoachAccessRow.coach_user_id == QuestionnaireAssignmentRow.coach_user_id),
            )
            .where(
                QuestionnaireAssignmentRow.runner_id == runner_id,
                QuestionnaireAssignmentRow.ended_at.is_(None),
                CoachAccessRow.revoked_at.is_(None),
            )
            .order_by(QuestionnaireAssignmentRow.questionnaire)
        )
        return [
            Assignment(row.questionnaire, row.every_days, row.starts_on)
            for row in self.session.scalars(query)
        ]

    def responses(self, episode_id: str) -> list[dict[str, Any]]:
        """Every questionnaire response of an episode with its item answers, oldest first."""
        query = (
            select(QuestionnaireResponseRow)
            .where(QuestionnaireResponseRow.episode_id == episode_id)
            .order_by(QuestionnaireResponseRow.on, QuestionnaireResponseRow.recorded_at)
        )
        return [
            {
                "questionnaire": row.questionnaire,
                "on": row.on.isoformat(),
                "score": row.score,
                "provisional": row.provisional,
                "answers": row.answers,
            }
            for row in self.session.scalars(query)
        ]
