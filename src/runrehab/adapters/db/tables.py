"""The tables. One `Base.metadata`, which Alembic's migrations must match (tested)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.sql.expression import false, true

ID = String(64)  # client-generated ids (UUIDs) and server uuid4 hex alike


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class RunnerRow(Base):
    __tablename__ = "runners"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EpisodeRow(Base):
    """An injury episode: the intake answers, the runner's profile and the assessment made."""

    __tablename__ = "episodes"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    runner_id: Mapped[str] = mapped_column(ForeignKey("runners.id", ondelete="CASCADE"), index=True)
    started_on: Mapped[date] = mapped_column(Date)
    answers: Mapped[dict[str, Any]]
    profile: Mapped[dict[str, Any]]
    assessment: Mapped[dict[str, Any]]
    verdict: Mapped[str] = mapped_column(String(20))
    condition_id: Mapped[str | None] = mapped_column(String(80))
    knowledge_version: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # a re-assessment: the episode it continues, and the engine progress it carried over
    previous_episode_id: Mapped[str | None] = mapped_column(
        ForeignKey("episodes.id", ondelete="SET NULL", name="fk_episodes_previous_episode_id")
    )
    carried: Mapped[dict[str, Any] | None]


class PlanVersionRow(Base):
    """Every change of plan: when, why and by whom (the engine, the runner, later a coach)."""

    __tablename__ = "plan_versions"
    __table_args__ = (UniqueConstraint("episode_id", "version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    episode_id: Mapped[str] = mapped_column(
        ForeignKey("episodes.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    effective_on: Mapped[date] = mapped_column(Date)
    author: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    entry_id: Mapped[str | None] = mapped_column(ID)
    stage: Mapped[int | None] = mapped_column(Integer)
    changes: Mapped[list[Any]]


class PlannedSessionRow(Base):
    __tablename__ = "planned_sessions"
    # by version and day: the roster counts a window of planned days for every runner at once
    __table_args__ = (Index("ix_planned_sessions_version_day", "plan_version_id", "session_date"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    plan_version_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id", ondelete="CASCADE"))
    on: Mapped[date] = mapped_column("session_date", Date)
    kind: Mapped[str] = mapped_column(String(20))
    stage: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    detail: Mapped[dict[str, Any]]


class ExerciseLogRow(Base):
    __tablename__ = "exercise_logs"
    # by episode and day: the roster reads the last 28 days of every runner, not their year
    __table_args__ = (Index("ix_exercise_logs_episode_day", "episode_id", "logged_on"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    episode_id: Mapped[str] = mapped_column(ForeignKey("episodes.id", ondelete="CASCADE"))
    on: Mapped[date] = mapped_column("logged_on", Date)
    exercise: Mapped[str] = mapped_column(String(80))
    sets: Mapped[int] = mapped_column(Integer)
    reps: Mapped[int | None] = mapped_column(Integer)
    hold_s: Mapped[int | None] = mapped_column(Integer)
    load_kg: Mapped[float] = mapped_column(Float)
    pain: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RunLogRow(Base):
    __tablename__ = "run_logs"
    __table_args__ = (Index("ix_run_logs_episode_day", "episode_id", "logged_on"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    episode_id: Mapped[str] = mapped_column(ForeignKey("episodes.id", ondelete="CASCADE"))
    on: Mapped[date] = mapped_column("logged_on", Date)
    minutes: Mapped[int] = mapped_column(Integer)
    distance_km: Mapped[float | None] = mapped_column(Float)
    pain_during: Mapped[int] = mapped_column(Integer)
    pain_after: Mapped[int] = mapped_column(Integer)
    hills: Mapped[bool] = mapped_column(Boolean)
    speedwork: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CheckInRow(Base):
    __tablename__ = "checkins"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    episode_id: Mapped[str] = mapped_column(
        ForeignKey("episodes.id", ondelete="CASCADE"), index=True
    )
    on: Mapped[date] = mapped_column("logged_on", Date)
    monitoring_pain: Mapped[int] = mapped_column(Integer)
    stiffness_min: Mapped[int | None] = mapped_column(Integer)
    sitting_tolerance_min: Mapped[int | None] = mapped_column(Integer)
    muscle_soreness: Mapped[int | None] = mapped_column(Integer)
    pain_rest: Mapped[int | None] = mapped_column(Integer)
    hop_pain: Mapped[int | None] = mapped_column(Integer)
    single_leg_calf_raises: Mapped[int | None] = mapped_column(Integer)
    tests: Mapped[dict[str, Any]]
    red_flags: Mapped[list[Any]]
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DecisionRow(Base):
    """The engine's decision on one entry; its `entry_id` is unique, which makes logging idempotent."""

    __tablename__ = "decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    episode_id: Mapped[str] = mapped_column(
        ForeignKey("episodes.id", ondelete="CASCADE"), index=True
    )
    entry_id: Mapped[str] = mapped_column(ID, unique=True)
    entry_kind: Mapped[str] = mapped_column(String(20))
    on: Mapped[date] = mapped_column("decided_on", Date)
    kind: Mapped[str] = mapped_column(String(20))
    plan_version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[dict[str, Any]]


class QuestionnaireResponseRow(Base):
    __tablename__ = "questionnaire_responses"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    episode_id: Mapped[str] = mapped_column(
        ForeignKey("episodes.id", ondelete="CASCADE"), index=True
    )
    questionnaire: Mapped[str] = mapped_column(String(40))
    on: Mapped[date] = mapped_column("answered_on", Date)
    answers: Mapped[dict[str, Any]]
    score: Mapped[float] = mapped_column(Float)
    provisional: Mapped[bool] = mapped_column(Boolean)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class UserRow(Base):
    """A login. Each user owns exactly one runner (their records)."""

    __tablename__ = "users"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    runner_id: Mapped[str] = mapped_column(
        ForeignKey("runners.id", ondelete="CASCADE"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    remind_daily: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    display_name: Mapped[str | None] = mapped_column(String(100))


class PasswordResetRow(Base):
    """A reset link: only the token's hash is stored; a token works once and expires."""

    __tablename__ = "password_resets"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AuthSessionRow(Base):
    """A signed-in browser or client. The cookie holds a random token; only its hash is stored,
    so a copy of the database signs no one in. Deleting the row signs that device out."""

    __tablename__ = "auth_sessions"
    id: Mapped[str] = mapped_column(ID, primary_key=True)  # public: named in the API's URLs
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    user_agent: Mapped[str] = mapped_column(String(200))


class PendingSignUpRow(Base):
    """A sign-up waiting for its address to be confirmed: the account exists only once the link
    e-mailed to `email` is opened and a password chosen there (by whoever reads that mailbox, never
    by whoever asked). Only the token's hash is stored."""

    __tablename__ = "pending_signups"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CalendarFeedRow(Base):
    """The private calendar URL's secret, stored hashed; regenerating replaces it."""

    __tablename__ = "calendar_feeds"
    runner_id: Mapped[str] = mapped_column(
        ForeignKey("runners.id", ondelete="CASCADE"), primary_key=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PlanPauseRow(Base):
    """A pause (illness, travel): no sessions are planned from `paused_on` until `resumed_on`."""

    __tablename__ = "plan_pauses"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    episode_id: Mapped[str] = mapped_column(
        ForeignKey("episodes.id", ondelete="CASCADE"), index=True
    )
    paused_on: Mapped[date] = mapped_column(Date)
    resumed_on: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200))


class RaceResultRow(Base):
    """The runner's recent race result, from which the easy pace is derived."""

    __tablename__ = "race_results"
    runner_id: Mapped[str] = mapped_column(
        ForeignKey("runners.id", ondelete="CASCADE"), primary_key=True
    )
    distance_m: Mapped[float] = mapped_column(Float)
    duration_s: Mapped[float] = mapped_column(Float)
    raced_on: Mapped[date | None] = mapped_column(Date)


class OrganisationRow(Base):
    """A clinic or coaching business."""

    __tablename__ = "organisations"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CoachRow(Base):
    """A user who coaches: in one organisation (or none), as a coach or the organisation's admin."""

    __tablename__ = "coaches"
    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[str | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL")
    )
    role: Mapped[str] = mapped_column(String(10))
    display_name: Mapped[str] = mapped_column(String(200))


class CoachAccessRow(Base):
    """A runner's grant to a coach: the coach sees the runner only while it is not revoked."""

    __tablename__ = "coach_access"
    runner_id: Mapped[str] = mapped_column(
        ForeignKey("runners.id", ondelete="CASCADE"), primary_key=True
    )
    coach_user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    granted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class InviteRow(Base):
    """An invite code a coach hands to a runner; stored hashed, single-use, with an expiry."""

    __tablename__ = "invites"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    coach_user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    accepted_by: Mapped[str | None] = mapped_column(ForeignKey("runners.id", ondelete="SET NULL"))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CoachInvitationRow(Base):
    """An organisation's invitation to an e-mail address to coach with it. Nothing changes for
    the account with that address until it accepts; the admin sees the address they typed."""

    __tablename__ = "coach_invitations"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organisation_id: Mapped[str] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(254), index=True)  # normalised
    display_name: Mapped[str] = mapped_column(String(200))  # for an account not yet a coach
    invited_by: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    invited_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(10))  # pending, accepted, declined, withdrawn
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    __table_args__ = (Index("ix_coach_invitations_invited_by_at", "invited_by", "invited_at"),)


class MessageRow(Base):
    """A 1:1 message between a runner and one of their coaches."""

    __tablename__ = "messages"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    runner_id: Mapped[str] = mapped_column(ForeignKey("runners.id", ondelete="CASCADE"), index=True)
    coach_user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    from_coach: Mapped[bool] = mapped_column(Boolean)
    body: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ClinicalNoteRow(Base):
    """A coach's private note on a runner: visible to that runner's coaches only."""

    __tablename__ = "clinical_notes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    runner_id: Mapped[str] = mapped_column(ForeignKey("runners.id", ondelete="CASCADE"), index=True)
    coach_user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AccessLogRow(Base):
    """A view of a runner's record by someone else: who, their organisation then (the clinic's
    admin reads its log by it), what and when. Kept when the viewer's account goes (who: null);
    deleted with the runner."""

    __tablename__ = "access_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    runner_id: Mapped[str] = mapped_column(ForeignKey("runners.id", ondelete="CASCADE"))
    viewer_user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    organisation_id: Mapped[str | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL")
    )
    what: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    __table_args__ = (
        Index("ix_access_log_runner_at", "runner_id", "at"),
        Index("ix_access_log_organisation_at", "organisation_id", "at"),
    )


class ConsentRow(Base):
    """A runner's consent to a coach's access, with the version of the terms they accepted."""

    __tablename__ = "consents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    runner_id: Mapped[str] = mapped_column(ForeignKey("runners.id", ondelete="CASCADE"), index=True)
    coach_user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    terms_version: Mapped[int] = mapped_column(Integer)
    consented_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RunnerStatusRow(Base):
    """A read model of each runner's state, updated in the same transaction as every log entry,
    so the coach's roster is a few queries whatever its size (no replay per runner)."""

    __tablename__ = "runner_status"
    runner_id: Mapped[str] = mapped_column(
        ForeignKey("runners.id", ondelete="CASCADE"), primary_key=True
    )
    episode_id: Mapped[str] = mapped_column(ForeignKey("episodes.id", ondelete="CASCADE"))
    stage: Mapped[int | None] = mapped_column(Integer)
    verdict: Mapped[str] = mapped_column(String(20))
    last_decision: Mapped[str | None] = mapped_column(String(10))
    red_flag: Mapped[bool] = mapped_column(Boolean)
    recent_checks: Mapped[list[Any]]  # the last 7 pain checks, True = passed
    last_pain: Mapped[int | None] = mapped_column(Integer)
    last_morning_pain: Mapped[int | None] = mapped_column(Integer)
    last_activity_on: Mapped[date | None] = mapped_column(Date)
    last_checkin_on: Mapped[date | None] = mapped_column(Date)
    spike_flag: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # The roster's page reads only this table (migration 0017): the questionnaire drop, the last
    # imported run over the cap, this plan's session days and the first plan's days as bit sets
    # anchored at a day number (`date.toordinal()`, so SQL shifts them with integer arithmetic on
    # SQLite and PostgreSQL alike), in `attention` the failed checks among `recent_checks` (since
    # migration 0020; a score before it: the SQL applies the triage thresholds to the count), and
    # the episode's start and condition (the roster's scan reads no episode row).
    questionnaire_drop: Mapped[float | None] = mapped_column(Float)
    watch_spike_on: Mapped[date | None] = mapped_column(Date)
    done_through_day: Mapped[int | None] = mapped_column(Integer)
    done_days: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    plan_from_day: Mapped[int | None] = mapped_column(Integer)
    plan_days: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    attention: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    started_on: Mapped[date | None] = mapped_column(Date)
    condition: Mapped[str | None] = mapped_column(String(64))


class EngineSnapshotRow(Base):
    """The engine's state through a day of an episode (`adapters.db.snapshots`): derived from the
    log and disposable, so a new entry costs one step instead of a replay of the whole log."""

    __tablename__ = "engine_snapshots"
    episode_id: Mapped[str] = mapped_column(
        ForeignKey("episodes.id", ondelete="CASCADE"), primary_key=True
    )
    through_on: Mapped[date] = mapped_column(Date, primary_key=True)
    basis: Mapped[str] = mapped_column(String(64))
    overrides: Mapped[str] = mapped_column(String(64))
    entries: Mapped[int] = mapped_column(Integer)
    state: Mapped[dict[str, Any]]


class PlanOverrideRow(Base):
    """A coach's change to a runner's plan: replayed with the log, so the engine respects it."""

    __tablename__ = "plan_overrides"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    episode_id: Mapped[str] = mapped_column(
        ForeignKey("episodes.id", ondelete="CASCADE"), index=True
    )
    coach_user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    on: Mapped[date] = mapped_column("effective_on", Date)
    kind: Mapped[str] = mapped_column(String(20))
    values: Mapped[dict[str, Any]]
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ended_on: Mapped[date | None] = mapped_column(Date)  # ended by a re-assessment, with why
    end_reason: Mapped[str | None] = mapped_column(Text)


class NotificationRow(Base):
    """The outbox: an e-mail to send, written in the same transaction as the event it reports.
    A worker sends due rows, retries failures with back-off and never deletes one unsent."""

    __tablename__ = "notifications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    to_email: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


class AssessmentTemplateRow(Base):
    """A coach's reusable set of answers for re-assessing runners (never the red-flag screening,
    which is asked afresh every time)."""

    __tablename__ = "assessment_templates"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    coach_user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    answers: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class QuestionnaireAssignmentRow(Base):
    """A coach asks a runner to fill in a questionnaire every N days from a date; ended, not
    deleted, when the coach stops it, so the history of what was asked stays."""

    __tablename__ = "questionnaire_assignments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    runner_id: Mapped[str] = mapped_column(ForeignKey("runners.id", ondelete="CASCADE"), index=True)
    coach_user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    questionnaire: Mapped[str] = mapped_column(String(20))
    every_days: Mapped[int] = mapped_column(Integer)
    starts_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ActivityRow(Base):
    """A run (or other activity) imported from a watch file: its summary, not the file. The file's
    SHA-256 per runner is unique, so importing a file twice stores it once."""

    __tablename__ = "activities"
    __table_args__ = (UniqueConstraint("runner_id", "content_sha256"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    runner_id: Mapped[str] = mapped_column(ForeignKey("runners.id", ondelete="CASCADE"))
    content_sha256: Mapped[str] = mapped_column(String(64))
    source_name: Mapped[str] = mapped_column(String(255))
    sport: Mapped[str] = mapped_column(String(40))
    # False while `sport` is runrehab's guess for a file that named no sport, until the runner
    # confirms or corrects it; `sport_guess` is what the guess rested on (kept after confirming)
    sport_confirmed: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    sport_guess: Mapped[str | None] = mapped_column(String(200))
    start_time: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    on: Mapped[date] = mapped_column("local_date", Date)  # the day it counts for
    clock_unset: Mapped[bool] = mapped_column(Boolean)
    distance_m: Mapped[float] = mapped_column(Float)
    timer_s: Mapped[float] = mapped_column(Float)
    elapsed_s: Mapped[float] = mapped_column(Float)
    records: Mapped[int] = mapped_column(Integer)
    avg_hr: Mapped[int | None] = mapped_column(Integer)
    max_hr: Mapped[int | None] = mapped_column(Integer)
    ascent_m: Mapped[float | None] = mapped_column(Float)
    laps: Mapped[int] = mapped_column(Integer)
    device: Mapped[str | None] = mapped_column(String(120))
    pace_histogram: Mapped[dict[str, Any]]
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


Index("ix_activities_runner_day", ActivityRow.runner_id, ActivityRow.on)
