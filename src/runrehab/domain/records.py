"""Read models of stored history: what the repositories hand back besides entries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from runrehab.domain.activity import Activity
from runrehab.domain.adaptation.state import EngineState
from runrehab.domain.sport_guess import SportGuess

# An activity to store: (id, sha256, source name, activity, the day it counts for, the guess when
# the file named no sport).
StoredActivity = tuple[str, str, str, Activity, date, SportGuess | None]


@dataclass(frozen=True, slots=True)
class PlanVersion:
    """One change of plan: when, from which day, by whom ("engine", "runner", "coach"), why."""

    version: int
    created_at: datetime
    effective_on: date
    author: str
    reason: str
    stage: int | None
    changes: list[Any]


@dataclass(frozen=True, slots=True)
class StoredScore:
    questionnaire: str
    on: date
    score: float
    provisional: bool


@dataclass(frozen=True, slots=True)
class NewEpisode:
    id: str
    runner_id: str
    started_on: date
    answers: dict[str, Any]
    profile: dict[str, Any]
    assessment: dict[str, Any]
    verdict: str
    condition_id: str | None
    knowledge_version: str
    created_at: datetime
    previous_episode_id: str | None = None  # the episode a re-assessment continues
    carried: dict[str, Any] | None = None  # the progress it carried over (see `continuity`)


@dataclass(frozen=True, slots=True)
class UserRecord:
    id: str
    email: str
    password_hash: str
    runner_id: str
    display_name: str | None = None  # optional: coaches see it on the roster, else the e-mail


@dataclass(frozen=True, slots=True)
class LoginSession:
    """A signed-in device: its public id, whose it is, and when it signed in and was last seen
    (`last_seen_at` is refreshed every few minutes of use, not on every request)."""

    id: str
    user_id: str
    created_at: datetime
    last_seen_at: datetime
    user_agent: str


@dataclass(frozen=True, slots=True)
class RunnerStatus:
    """What the coach's roster shows of a runner, kept current by every log entry."""

    runner_id: str
    episode_id: str
    stage: int | None
    verdict: str
    last_decision: str | None
    red_flag: bool
    recent_checks: list[bool]
    last_pain: int | None
    last_morning_pain: int | None
    last_activity_on: date | None
    last_checkin_on: date | None
    spike_flag: bool
    updated_at: datetime
    # What else the roster orders and shows by, kept here so a page of it reads no log:
    questionnaire_drop: float | None = None  # points lost since the previous score, if it fell
    watch_spike_on: date | None = None  # the last imported run over the 30-day cap, not scored
    done_through: date | None = None  # the last day with a session of this episode
    done_days: int = 0  # bit i: a session on `done_through` - i days (63 days kept)
    plan_from: date | None = None  # the first plan's first day
    plan_days: int = 0  # bit i: the first plan has a session (not rest) on `plan_from` + i
    started_on: date | None = None  # the episode's first day
    condition: str | None = None  # the plan's condition, or for a referral the likeliest one

    @property
    def referred(self) -> bool:
        """Sent to a clinician, by the assessment or by the engine's last decision."""
        return self.verdict == "SEE_CLINICIAN" or self.last_decision == "refer"


@dataclass(frozen=True, slots=True)
class RosterSearch:
    """Which page of the roster: `text` found in the email or the condition (`conditions`: the
    ids whose name or body region holds it), only runners who need attention, and the last
    (score, email) of the page before."""

    text: str | None = None
    conditions: tuple[str, ...] = ()
    needs_attention: bool = False
    after: tuple[int, str] | None = None


@dataclass(frozen=True, slots=True)
class Notification:
    kind: str  # "alert", "message", "reminder", "signup", "reset" or "invitation"
    dedupe_key: str  # one waiting notification per key: repeated events batch into it
    to_email: str
    subject: str
    body: str
    created_at: datetime
    due_at: datetime


@dataclass(frozen=True, slots=True)
class SnapshotMark:
    """What a stored engine snapshot covers: every entry and coach change of an episode dated up
    to `through_on` (`entries` of them, in replay order). `basis` names the engine code and
    knowledge base it was computed with, `overrides` the coach changes it has applied: either
    changing makes it stale."""

    through_on: date
    basis: str
    overrides: str
    entries: int


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The engine's state through a day (see `SnapshotMark`): later entries go on from it
    instead of replaying the log from the start."""

    mark: SnapshotMark
    state: EngineState


@dataclass(frozen=True, slots=True)
class AccessEvent:
    """Someone other than the runner saw part of their record: `what` in words ("runner file",
    "messages"), `at` in UTC."""

    viewer_user_id: str
    runner_id: str
    what: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Consent:
    """A runner let a coach see their log, plan and messages, under `terms_version` of the terms."""

    runner_id: str
    coach_user_id: str
    terms_version: int
    at: datetime
