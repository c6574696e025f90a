"""Repositories: the only code that queries tables. They take and return domain values (or plain
JSON views of them), never rows."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, delete, func, insert, null, select, update
from sqlalchemy.orm import Session

from runrehab.adapters.db import entries
from runrehab.adapters.db.tables import (
    Base,
    CalendarFeedRow,
    CoachRow,
    DecisionRow,
    EpisodeRow,
    PasswordResetRow,
    PendingSignUpRow,
    PlannedSessionRow,
    PlanPauseRow,
    PlanVersionRow,
    QuestionnaireResponseRow,
    RaceResultRow,
    RunnerRow,
    RunnerStatusRow,
    UserRow,
)
from runrehab.domain.attention import failed_checks
from runrehab.domain.episode import Episode
from runrehab.domain.errors import NotFoundError
from runrehab.domain.log import Entry
from runrehab.domain.records import NewEpisode, PlanVersion, RunnerStatus, StoredScore, UserRecord
from runrehab.render.evidence_labels import labelled
from runrehab.render.serialize import carried_from_json
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

    def lock_runner(self, runner_id: str) -> None:
        """Hold the runner's row until the transaction ends, so writes for one runner run one after
        another and each reads what the one before it wrote (plan versions stay consecutive). Call
        it first in the use case: a no-op UPDATE is a row lock on PostgreSQL and takes SQLite's
        write lock, which its deferred transactions otherwise take only at their first write."""
        held = update(RunnerRow).where(RunnerRow.id == runner_id).values(name=RunnerRow.name)
        self.session.execute(held.execution_options(synchronize_session=False))

    def lock(self, episode_id: str) -> None:
        """`lock_runner` for the runner whose episode this is."""
        runner = select(EpisodeRow.runner_id).where(EpisodeRow.id == episode_id)
        self.lock_runner(self.session.scalar(runner) or "")

    def latest_for(self, runner_id: str) -> str | None:
        found: str | None = self.session.scalar(_latest(EpisodeRow.id, runner_id))
        return found

    def latest(self, runner_id: str) -> Episode | None:
        """The runner's latest episode (`latest_for`'s), read whole in the same query."""
        row = self.session.scalar(_latest(EpisodeRow, runner_id))
        return None if row is None else _episode(row)

    def assessment(self, episode_id: str) -> dict[str, Any]:
        """The assessment as made and shown when the episode started."""
        row = self.session.get(EpisodeRow, episode_id)
        if row is None:
            raise NotFoundError(f"no episode {episode_id!r}")
        return labelled(row.assessment)  # type: ignore[no-any-return]

    def raw(self, episode_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """The answers and profile as stored (JSON), to pre-fill a re-assessment."""
        row = self.session.get(EpisodeRow, episode_id)
        if row is None:
            raise NotFoundError(f"no episode {episode_id!r}")
        return dict(row.answers), dict(row.profile)

    def get(self, episode_id: str) -> Episode:
        row = self.session.get(EpisodeRow, episode_id)
        if row is None:
            raise NotFoundError(f"no episode {episode_id!r}")
        return _episode(row)


def _latest(what: Any, runner_id: str) -> Select[Any]:
    return (
        select(what)
        .where(EpisodeRow.runner_id == runner_id)
        .order_by(EpisodeRow.started_on.desc(), EpisodeRow.created_at.desc())
        .limit(1)
    )


def _episode(row: EpisodeRow) -> Episode:
    return Episode(
        row.id,
        row.runner_id,
        row.started_on,
        parse_answers(row.answers, f"episode {row.id} answers"),
        parse_profile(row.profile, f"episode {row.id} profile"),
        carried_from_json(row.carried),
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

    def entries(self, episode_id: str, after: date | None = None) -> list[Entry]:
        """The episode's entries (those dated after `after` when given) in the order the engine
        replays them: by date, then as recorded."""
        rows: list[tuple[date, datetime, str, Entry]] = []
        for table in entries.ENTRY_TABLES:
            query = entries.columns(table).where(table.episode_id == episode_id)
            if after is not None:
                query = query.where(table.on > after)
            convert = entries.FROM_ROW[table]
            rows.extend(
                (r.on, r.recorded_at, r.id, convert(r)) for r in self.session.execute(query)
            )
        rows.sort(key=lambda r: r[:3])
        return [r[3] for r in rows]

    def counts(self, episode_id: str, day: date) -> tuple[int, int]:
        """(entries dated up to `day`, all entries) of the episode, in one statement."""
        through = [
            select(func.count()).select_from(t).where(t.episode_id == episode_id, t.on <= day)
            for t in entries.ENTRY_TABLES
        ]
        every = [
            select(func.count()).select_from(t).where(t.episode_id == episode_id)
            for t in entries.ENTRY_TABLES
        ]
        row = self.session.execute(select(_total(through), _total(every))).one()
        return int(row[0]), int(row[1])

    def entry(self, entry_id: str) -> Entry | None:
        """The stored entry with this client id, whatever its kind, else None."""
        for table in entries.ENTRY_TABLES:
            row = self.session.get(table, entry_id)
            if isinstance(row, entries.ENTRY_TABLES):
                return entries.to_domain(row)
        return None

    def decision(self, entry_id: str) -> tuple[str, dict[str, Any]] | None:
        """(episode id, stored decision) for an entry id already used, else None."""
        query = select(DecisionRow.episode_id, DecisionRow.payload).where(
            DecisionRow.entry_id == entry_id
        )
        row = self.session.execute(query).first()
        return None if row is None else (row[0], labelled(row[1]))

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
        return {entry_id: labelled(payload) for entry_id, payload in self.session.execute(query)}


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
        return [_version(r) for r in self.session.scalars(query)]

    def versions_across(
        self, episode_ids: list[str]
    ) -> list[tuple[PlanVersion, dict[str, Any] | None]]:
        """Every version of `episode_ids` (a re-assessment chain, oldest first), in that order,
        each with the stored decision that made it when that decision was a setback (regress or
        refer; None for any other version): one statement for the whole chain."""
        setback = DecisionRow.kind.in_(("regress", "refer"))
        query = (
            select(PlanVersionRow, case((setback, DecisionRow.payload), else_=null()))
            .outerjoin(DecisionRow, DecisionRow.entry_id == PlanVersionRow.entry_id)
            .where(PlanVersionRow.episode_id.in_(episode_ids))
        )
        rows = sorted(
            self.session.execute(query),
            key=lambda r: (episode_ids.index(r[0].episode_id), r[0].version),
        )
        return [(_version(row), payload) for row, payload in rows]

    def recent_versions(self, episode_id: str, author: str, count: int) -> list[PlanVersion]:
        """The last `count` versions `author` ("engine", "coach") made, oldest first."""
        query = (
            select(PlanVersionRow)
            .where(PlanVersionRow.episode_id == episode_id, PlanVersionRow.author == author)
            .order_by(PlanVersionRow.version.desc())
            .limit(count)
        )
        return [_version(r) for r in self.session.scalars(query)][::-1]

    def sessions(self, episode_id: str, version: int) -> list[dict[str, Any]]:
        query = (
            select(PlannedSessionRow.detail)
            .join(PlanVersionRow)
            .where(PlanVersionRow.episode_id == episode_id, PlanVersionRow.version == version)
            .order_by(PlannedSessionRow.on, PlannedSessionRow.id)
        )
        return list(self.session.scalars(query))


def _version(row: PlanVersionRow) -> PlanVersion:
    return PlanVersion(
        row.version,
        row.created_at,
        row.effective_on,
        row.author,
        row.reason,
        row.stage,
        row.changes,
    )


class QuestionnaireRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def stored(self, response_id: str) -> tuple[str, dict[str, Any], StoredScore] | None:
        """(episode, answers, score) of a response id already stored, else None."""
        row = self.session.get(QuestionnaireResponseRow, response_id)
        if row is None:
            return None
        score = StoredScore(row.questionnaire, row.on, row.score, row.provisional)
        return row.episode_id, row.answers, score

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


def _user(row: UserRow) -> UserRecord:
    return UserRecord(row.id, row.email, row.password_hash, row.runner_id, row.display_name)


class AccountRepository:
    """Users, reset tokens, calendar feeds, race results and pauses: the web app's records."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def user_by_email(self, email: str) -> UserRecord | None:
        row = self.session.scalar(select(UserRow).where(UserRow.email == email))
        return None if row is None else _user(row)

    def user(self, user_id: str) -> UserRecord | None:
        row = self.session.get(UserRow, user_id)
        return None if row is None else _user(row)

    def user_and_role(self, user_id: str) -> tuple[UserRecord, bool, bool] | None:
        """The user, whether they coach (a coach profile) and whether they only coach (no episode
        of their own), in the one statement `user` costs: every signed-in page resolves it to pick
        its tabs."""
        coaches = select(CoachRow.user_id).where(CoachRow.user_id == UserRow.id).exists()
        runs = select(EpisodeRow.id).where(EpisodeRow.runner_id == UserRow.runner_id).exists()
        found = self.session.execute(
            select(UserRow, coaches, and_(coaches, ~runs)).where(UserRow.id == user_id)
        ).first()
        if found is None:
            return None
        row, coach, coach_only = found
        return _user(row), bool(coach), bool(coach_only)

    def add_user(self, user: UserRecord, created_at: datetime) -> None:
        self.session.add(
            UserRow(
                id=user.id,
                email=user.email,
                password_hash=user.password_hash,
                runner_id=user.runner_id,
                created_at=created_at,
                display_name=user.display_name,
            )
        )
        self.session.flush()

    def set_display_name(self, user_id: str, name: str | None) -> None:
        self.session.execute(update(UserRow).where(UserRow.id == user_id).values(display_name=name))

    def set_reminders(self, user_id: str, daily: bool) -> None:
        row = self.session.get(UserRow, user_id)
        if row is not None:
            row.remind_daily = daily

    def reminder_targets(self) -> list[tuple[str, str]]:
        """(runner id, email) of everyone who opted in to the daily reminder."""
        query = select(UserRow.runner_id, UserRow.email).where(UserRow.remind_daily.is_(True))
        return [(runner_id, email) for runner_id, email in self.session.execute(query)]

    def set_password(self, user_id: str, password_hash: str) -> None:
        """A new password also voids every reset link of the account not used yet: a link mailed
        before the change must not undo it."""
        row = self.session.get(UserRow, user_id)
        if row is not None:
            row.password_hash = password_hash
        self.session.execute(
            delete(PasswordResetRow).where(
                PasswordResetRow.user_id == user_id, PasswordResetRow.used_at.is_(None)
            )
        )

    def add_reset(self, token_hash: str, user_id: str, expires_at: datetime) -> None:
        self.session.add(
            PasswordResetRow(token_hash=token_hash, user_id=user_id, expires_at=expires_at)
        )

    def use_reset(self, token_hash: str, now: datetime) -> str | None:
        """The user id of an unused, unexpired reset token, marking it used; None otherwise.
        Claimed by one conditional UPDATE before anything is read, so two uses at the same moment
        cannot both succeed (the second finds it used)."""
        claimed = self.session.execute(
            update(PasswordResetRow)
            .where(PasswordResetRow.token_hash == token_hash, PasswordResetRow.used_at.is_(None))
            .values(used_at=now)
            .returning(PasswordResetRow.user_id, PasswordResetRow.expires_at)
        ).one_or_none()
        if claimed is None or _aware(claimed.expires_at) < now:
            return None  # an expired claim is rolled back with the refusal
        return str(claimed.user_id)

    def add_pending_signup(
        self, token_hash: str, email: str, now: datetime, expires_at: datetime
    ) -> None:
        self.session.add(
            PendingSignUpRow(
                token_hash=token_hash, email=email, created_at=now, expires_at=expires_at
            )
        )

    def use_pending_signup(self, token_hash: str, now: datetime) -> str | None:
        """The address of an unused, unexpired sign-up link, marking it used (claimed by one
        conditional UPDATE first, as `use_reset`)."""
        claimed = self.session.execute(
            update(PendingSignUpRow)
            .where(PendingSignUpRow.token_hash == token_hash, PendingSignUpRow.used_at.is_(None))
            .values(used_at=now)
            .returning(PendingSignUpRow.email, PendingSignUpRow.expires_at)
        ).one_or_none()
        if claimed is None or _aware(claimed.expires_at) < now:
            return None
        return str(claimed.email)

    def pending_signup_open(self, token_hash: str, now: datetime) -> bool:
        """Whether a sign-up link can still be used (the confirm page asks before the password)."""
        row = self.session.get(PendingSignUpRow, token_hash)
        return row is not None and row.used_at is None and _aware(row.expires_at) >= now

    def set_calendar_token(self, runner_id: str, token_hash: str, now: datetime) -> None:
        row = self.session.get(CalendarFeedRow, runner_id)
        if row is None:
            self.session.add(
                CalendarFeedRow(runner_id=runner_id, token_hash=token_hash, created_at=now)
            )
        else:
            row.token_hash, row.created_at = token_hash, now

    def runner_for_calendar(self, token_hash: str) -> str | None:
        query = select(CalendarFeedRow.runner_id).where(CalendarFeedRow.token_hash == token_hash)
        return self.session.scalar(query)

    def has_calendar(self, runner_id: str) -> bool:
        return self.session.get(CalendarFeedRow, runner_id) is not None

    def race(self, runner_id: str) -> tuple[float, float, date | None] | None:
        row = self.session.get(RaceResultRow, runner_id)
        return None if row is None else (row.distance_m, row.duration_s, row.raced_on)

    def set_race(
        self, runner_id: str, distance_m: float, duration_s: float, raced_on: date | None
    ) -> None:
        self.session.merge(
            RaceResultRow(
                runner_id=runner_id, distance_m=distance_m, duration_s=duration_s, raced_on=raced_on
            )
        )

    def pauses(self, episode_id: str) -> list[tuple[date, date | None, str]]:
        query = (
            select(PlanPauseRow)
            .where(PlanPauseRow.episode_id == episode_id)
            .order_by(PlanPauseRow.id)
        )
        return [(r.paused_on, r.resumed_on, r.reason) for r in self.session.scalars(query)]

    def pause(self, episode_id: str, on: date, reason: str) -> None:
        self.session.add(PlanPauseRow(episode_id=episode_id, paused_on=on, reason=reason))

    def resume(self, episode_id: str, on: date) -> bool:
        query = select(PlanPauseRow).where(
            PlanPauseRow.episode_id == episode_id, PlanPauseRow.resumed_on.is_(None)
        )
        row = self.session.scalar(query)
        if row is None:
            return False
        row.resumed_on = on
        return True

    def delete_runner(self, runner_id: str) -> None:
        """Everything of the runner goes: episodes, logs, decisions, plans, the user (cascades)."""
        self.session.execute(delete(RunnerRow).where(RunnerRow.id == runner_id))

    def episode_ids(self, runner_id: str) -> list[str]:
        query = (
            select(EpisodeRow.id)
            .where(EpisodeRow.runner_id == runner_id)
            .order_by(EpisodeRow.created_at)
        )
        return list(self.session.scalars(query))


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes for timezone-aware columns; they were stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class StatusRepository:
    """The roster's read model: one row per runner, replaced as a whole."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, runner_id: str) -> RunnerStatus | None:
        row = self.session.get(RunnerStatusRow, runner_id)
        return None if row is None else status_of(row)

    def put(self, status: RunnerStatus) -> None:
        """The status, with its days as day numbers and its failed checks counted (in the
        column `attention`: the roster's SQL applies the triage thresholds to the count)."""
        kept = asdict(status)
        through, start = kept.pop("done_through"), kept.pop("plan_from")
        self.session.merge(
            RunnerStatusRow(
                **kept,
                done_through_day=through and through.toordinal(),
                plan_from_day=start and start.toordinal(),
                attention=failed_checks(status.recent_checks),
            )
        )


STATUS_FIELDS = [
    f for f in RunnerStatus.__dataclass_fields__ if f not in ("done_through", "plan_from")
]


def status_of(row: Any) -> RunnerStatus:
    """A status from its table row (or a selected row with the same column names)."""
    through, start = row.done_through_day, row.plan_from_day
    return RunnerStatus(
        **{f: getattr(row, f) for f in STATUS_FIELDS},
        done_through=None if through is None else date.fromordinal(through),
        plan_from=None if start is None else date.fromordinal(start),
    )


def _total(counts: list[Select[int]]) -> ColumnElement[int]:
    """The sum of scalar count queries, as one column of one statement."""
    total: ColumnElement[int] = counts[0].scalar_subquery()
    for count in counts[1:]:
        total = total + count.scalar_subquery()
    return total
