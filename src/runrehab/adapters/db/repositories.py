"""Repositories: the only code that queries tables. They take and return domain values (or plain
JSON views of them), never rows."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from runrehab.adapters.db import entries
from runrehab.adapters.db.tables import (
    Base,
    DecisionRow,
    EpisodeRow,
    PlannedSessionRow,
    PlanVersionRow,
    QuestionnaireResponseRow,
    RunnerRow,
)
from runrehab.domain.episode import Episode
from runrehab.domain.errors import NotFoundError
from runrehab.domain.log import Entry
from runrehab.domain.records import NewEpisode, PlanVersion, StoredScore
from runrehab.schemas.answers import parse_answers
from runrehab.schemas.profile import parse_profile


class EpisodeRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def runner_named(self, name: str) -> str | None:
        return self.session.scalar(select(RunnerRow.id).where(RunnerRow.name == name))

    def add_runner(self, runner_id: str, name: str, created_at: datetime) -> None:
        self.session.add(RunnerRow(id=runner_id, name=name, created_at=created_at))
        self.session.flush()  # episodes reference it; there are no ORM relationships to order by

    def add(self, episode: NewEpisode) -> None:
        self.session.add(EpisodeRow(**asdict(episode)))
        self.session.flush()

    def latest_for(self, runner_id: str) -> str | None:
        query = (
            select(EpisodeRow.id)
            .where(EpisodeRow.runner_id == runner_id)
            .order_by(EpisodeRow.started_on.desc(), EpisodeRow.created_at.desc())
            .limit(1)
        )
        return self.session.scalar(query)

    def get(self, episode_id: str) -> Episode:
        row = self.session.get(EpisodeRow, episode_id)
        if row is None:
            raise NotFoundError(f"no episode {episode_id!r}")
        return Episode(
            row.id,
            row.runner_id,
            row.started_on,
            parse_answers(row.answers, f"episode {row.id} answers"),
            parse_profile(row.profile, f"episode {row.id} profile"),
        )


class LogRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, episode_id: str, entry: Entry, recorded_at: datetime) -> None:
        self.session.add(entries.to_row(entry, episode_id, recorded_at))

    def add_batch(
        self, episode_id: str, decided: list[tuple[Entry, dict[str, Any]]], recorded_at: datetime
    ) -> None:
        """Many entries with their decisions in bulk (executemany), for imports and backfills."""
        by_table: dict[type, list[dict[str, Any]]] = {}
        for entry, _ in decided:
            row = entries.to_row(entry, episode_id, recorded_at)
            by_table.setdefault(type(row), []).append(_columns(row))
        for table, rows in by_table.items():
            self.session.execute(insert(table), rows)
        if decided:
            self.session.execute(
                insert(DecisionRow),
                [
                    _columns(self._decision_row(episode_id, entry, payload))
                    for entry, payload in decided
                ],
            )

    def entries(self, episode_id: str) -> list[Entry]:
        """Every entry of the episode in the order the engine replays them: by date, then as recorded."""
        rows: list[entries.EntryRow] = []
        for table in entries.ENTRY_TABLES:
            rows.extend(self.session.scalars(select(table).where(table.episode_id == episode_id)))
        rows.sort(key=lambda r: (r.on, r.recorded_at, r.id))
        return [entries.to_domain(r) for r in rows]

    def decision(self, entry_id: str) -> dict[str, Any] | None:
        return self.session.scalar(
            select(DecisionRow.payload).where(DecisionRow.entry_id == entry_id)
        )

    def add_decision(self, episode_id: str, entry: Entry, payload: dict[str, Any]) -> None:
        self.session.add(self._decision_row(episode_id, entry, payload))

    @staticmethod
    def _decision_row(episode_id: str, entry: Entry, payload: dict[str, Any]) -> DecisionRow:
        return DecisionRow(
            episode_id=episode_id,
            entry_id=entry.id,
            entry_kind=entries.entry_kind(entry),
            on=entry.on,
            kind=payload["decision"],
            plan_version=payload["plan_version"],
            payload=payload,
        )

    def decisions(self, episode_id: str) -> dict[str, dict[str, Any]]:
        """The stored decision payloads, by entry id."""
        query = select(DecisionRow.entry_id, DecisionRow.payload).where(
            DecisionRow.episode_id == episode_id
        )
        return {entry_id: payload for entry_id, payload in self.session.execute(query)}


class PlanRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def latest_version(self, episode_id: str) -> int:
        query = select(func.max(PlanVersionRow.version)).where(
            PlanVersionRow.episode_id == episode_id
        )
        return self.session.scalar(query) or 0

    def add_version(
        self,
        episode_id: str,
        version: PlanVersion,
        sessions: list[dict[str, Any]],
        entry_id: str | None = None,
    ) -> None:
        row = PlanVersionRow(
            episode_id=episode_id,
            version=version.version,
            created_at=version.created_at,
            effective_on=version.effective_on,
            author=version.author,
            reason=version.reason,
            entry_id=entry_id,
            stage=version.stage,
            changes=version.changes,
        )
        self.session.add(row)
        self.session.flush()
        self.session.add_all(
            PlannedSessionRow(
                plan_version_id=row.id,
                on=date.fromisoformat(s["date"]),
                kind=s["kind"],
                stage=s["stage"],
                title=s["title"],
                detail=s,
            )
            for s in sessions
        )

    def versions(self, episode_id: str) -> list[PlanVersion]:
        query = (
            select(PlanVersionRow)
            .where(PlanVersionRow.episode_id == episode_id)
            .order_by(PlanVersionRow.version)
        )
        return [
            PlanVersion(
                r.version, r.created_at, r.effective_on, r.author, r.reason, r.stage, r.changes
            )
            for r in self.session.scalars(query)
        ]

    def sessions(self, episode_id: str, version: int) -> list[dict[str, Any]]:
        query = (
            select(PlannedSessionRow.detail)
            .join(PlanVersionRow)
            .where(PlanVersionRow.episode_id == episode_id, PlanVersionRow.version == version)
            .order_by(PlannedSessionRow.on, PlannedSessionRow.id)
        )
        return list(self.session.scalars(query))


class QuestionnaireRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def exists(self, response_id: str) -> bool:
        return self.session.get(QuestionnaireResponseRow, response_id) is not None

    def add(
        self,
        response_id: str,
        episode_id: str,
        score: StoredScore,
        answers: dict[str, Any],
        recorded_at: datetime,
    ) -> None:
        self.session.add(
            QuestionnaireResponseRow(
                id=response_id,
                episode_id=episode_id,
                questionnaire=score.questionnaire,
                on=score.on,
                answers=answers,
                score=score.score,
                provisional=score.provisional,
                recorded_at=recorded_at,
            )
        )

    def scores(self, episode_id: str) -> list[StoredScore]:
        query = (
            select(QuestionnaireResponseRow)
            .where(QuestionnaireResponseRow.episode_id == episode_id)
            .order_by(QuestionnaireResponseRow.on, QuestionnaireResponseRow.recorded_at)
        )
        return [
            StoredScore(r.questionnaire, r.on, r.score, r.provisional)
            for r in self.session.scalars(query)
        ]


def _columns(row: Base) -> dict[str, Any]:
    """A mapped object's column values by attribute name, for Core bulk inserts."""
    mapper = row.__mapper__
    return {
        attr.key: getattr(row, attr.key)
        for attr in mapper.column_attrs
        if getattr(row, attr.key) is not None or not attr.columns[0].primary_key
    }
