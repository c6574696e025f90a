"""Imported activities: stored summaries, looked up for duplicates, read back as load history."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from types import MappingProxyType
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from runrehab.adapters.db.tables import ActivityRow
from runrehab.domain.activity import RUN_SPORTS, Activity
from runrehab.domain.load import Run
from runrehab.domain.records import StoredActivity


class ActivityRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def known(self, runner_id: str) -> tuple[set[str], list[Activity]]:
        """The file hashes already imported and the activities with a start time, for finding
        duplicates in one query whatever the size of the import."""
        rows = self.session.execute(
            select(
                ActivityRow.content_sha256, ActivityRow.start_time, ActivityRow.distance_m
            ).where(ActivityRow.runner_id == runner_id)
        ).all()
        hashes = {r[0] for r in rows}
        timed = [_stub(r[1], r[2]) for r in rows if r[1] is not None]
        return hashes, timed

    def add_many(self, runner_id: str, stored: Iterable[StoredActivity], now: datetime) -> None:
        """A guessed sport is stored as the sport it counts as, unconfirmed, with its reason."""
        self.session.add_all(
            ActivityRow(
                id=activity_id,
                runner_id=runner_id,
                content_sha256=sha,
                source_name=name[-255:],
                sport=a.sport if guess is None else guess.sport,
                sport_confirmed=guess is None,
                sport_guess=None if guess is None else guess.reason[:200],
                start_time=a.start_time,
                on=on,
                clock_unset=a.clock_unset,
                distance_m=a.distance_m,
                timer_s=a.timer_s,
                elapsed_s=a.elapsed_s,
                records=a.records,
                avg_hr=a.avg_hr,
                max_hr=a.max_hr,
                ascent_m=a.ascent_m,
                laps=a.laps,
                device=a.device[:120] if a.device else None,
                pace_histogram={str(k): v for k, v in a.pace_histogram.items()},
                imported_at=now,
            )
            for activity_id, sha, name, a, on, guess in stored
        )

    def set_sport(self, runner_id: str, activity_id: str, sport: str) -> None:
        """The runner's answer: `sport` from now on, confirmed (the guess's reason is kept)."""
        row = self.session.scalars(
            select(ActivityRow).where(
                ActivityRow.runner_id == runner_id, ActivityRow.id == activity_id
            )
        ).one()
        row.sport, row.sport_confirmed = sport, True

    def runs(self, runner_id: str, since: date | None = None) -> list[Run]:
        """The runner's imported runs (not rides or walks) as load history, oldest first."""
        query = select(ActivityRow).where(
            ActivityRow.runner_id == runner_id,
            ActivityRow.sport.in_(RUN_SPORTS),
        )
        if since is not None:
            query = query.where(ActivityRow.on >= since)
        return [
            Run(
                r.on,
                r.distance_m / 1000,
                r.timer_s,
                r.ascent_m or 0.0,
                MappingProxyType({int(k): float(v) for k, v in r.pace_histogram.items()}),
            )
            for r in self.session.scalars(query.order_by(ActivityRow.on))
        ]

    def listed(
        self,
        runner_id: str,
        limit: int,
        since: date | None = None,
        activity_id: str | None = None,
        unconfirmed: bool = False,
    ) -> list[dict[str, Any]]:
        """Newest first; `since` a day, `activity_id` one of them (only ever the runner's own),
        `unconfirmed` only those whose sport is still a guess."""
        query = select(ActivityRow).where(ActivityRow.runner_id == runner_id)
        if unconfirmed:
            query = query.where(ActivityRow.sport_confirmed.is_(False))
        if since is not None:
            query = query.where(ActivityRow.on >= since)
        if activity_id is not None:
            query = query.where(ActivityRow.id == activity_id)
        query = query.order_by(ActivityRow.on.desc(), ActivityRow.start_time.desc()).limit(limit)
        return [
            {
                "id": r.id,
                "on": r.on.isoformat(),
                "sport": r.sport,
                "sport_confirmed": r.sport_confirmed,
                "sport_guess": r.sport_guess,
                "start_time": r.start_time.isoformat() if r.start_time else None,
                "clock_unset": r.clock_unset,
                "distance_m": r.distance_m,
                "timer_s": r.timer_s,
                "avg_hr": r.avg_hr,
                "ascent_m": r.ascent_m,
                "laps": r.laps,
                "source_name": r.source_name,
                "pace_histogram": {int(k): float(v) for k, v in r.pace_histogram.items()},
            }
            for r in self.session.scalars(query)
        ]


def _stub(start: datetime, distance_m: float) -> Activity:
    """Enough of a stored activity to compare with a new one (SQLite hands back naive UTC)."""
    aware = start if start.tzinfo else start.replace(tzinfo=UTC)
    return Activity("unknown", aware, distance_m, 0.0, 0.0, 0, None, None, None, 0)
