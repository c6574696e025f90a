"""The coaching repository: organisations, coaches, grants, invites, messages, notes, and the
roster's handful of set-based queries (their number does not grow with the roster)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Float,
    case,
    exists,
    func,
    literal,
    select,
    union_all,
    update,
)
from sqlalchemy.orm import Session

from runrehab.adapters.db.continuity import overrides_in_force
from runrehab.adapters.db.roster import roster_page
from runrehab.adapters.db.tables import (
    ActivityRow,
    CheckInRow,
    ClinicalNoteRow,
    CoachAccessRow,
    CoachRow,
    EpisodeRow,
    ExerciseLogRow,
    InviteRow,
    MessageRow,
    OrganisationRow,
    PlanOverrideRow,
    RunLogRow,
    UserRow,
)
from runrehab.domain.activity import RUN_SPORTS
from runrehab.domain.adaptation.overrides import Override
from runrehab.domain.attention import TriageRule
from runrehab.domain.records import RosterSearch
from runrehab.render.evidence_labels import labelled


class CoachingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- coaches and access ------------------------------------------------------------------

    def coach(self, user_id: str) -> tuple[str, str | None, str] | None:
        """(display name, organisation id, role) of a coach, or None for a runner-only account."""
        row = self.session.get(CoachRow, user_id)
        return None if row is None else (row.display_name, row.organisation_id, row.role)

    def add_organisation(self, org_id: str, name: str, now: datetime) -> None:
        self.session.add(OrganisationRow(id=org_id, name=name, created_at=now))
        self.session.flush()

    def add_coach(self, user_id: str, name: str, organisation_id: str | None, role: str) -> None:
        self.session.merge(
            CoachRow(user_id=user_id, display_name=name, organisation_id=organisation_id, role=role)
        )

    def organisation_coaches(self, organisation_id: str) -> list[dict[str, str]]:
        query = (
            select(CoachRow.user_id, CoachRow.display_name, CoachRow.role, UserRow.email)
            .join(UserRow, UserRow.id == CoachRow.user_id)
            .where(CoachRow.organisation_id == organisation_id)
            .order_by(CoachRow.display_name)
        )
        return [
            {"coach_id": i, "name": n, "role": r, "email": e}
            for i, n, r, e in self.session.execute(query)
        ]

    def join_organisation(self, user_id: str, organisation_id: str) -> None:
        """A coach who worked alone joins as a coach; their name stays theirs."""
        self.session.execute(
            update(CoachRow)
            .where(CoachRow.user_id == user_id)
            .values(organisation_id=organisation_id, role="coach")
        )

    def leave_organisation(self, user_id: str, organisation_id: str) -> bool:
        result = self.session.execute(
            update(CoachRow)
            .where(
                CoachRow.user_id == user_id,
                CoachRow.organisation_id == organisation_id,
                CoachRow.role == "coach",
            )
            .values(organisation_id=None)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def add_invite(self, code_hash: str, coach_user_id: str, expires_at: datetime) -> None:
        self.session.add(
            InviteRow(code_hash=code_hash, coach_user_id=coach_user_id, expires_at=expires_at)
        )

    def use_invite(self, code_hash: str, runner_id: str, now: datetime) -> str | None:
        """The inviting coach's user id for a valid, unused code (marking it used), else None."""
        row = self.session.get(InviteRow, code_hash)
        if row is None or row.accepted_at is not None or _aware(row.expires_at) < now:
            return None
        row.accepted_by, row.accepted_at = runner_id, now
        return row.coach_user_id

    def grant(self, runner_id: str, coach_user_id: str, now: datetime) -> None:
        self.session.merge(
            CoachAccessRow(
                runner_id=runner_id, coach_user_id=coach_user_id, granted_at=now, revoked_at=None
            )
        )

    def revoke(self, runner_id: str, coach_user_id: str, now: datetime) -> bool:
        result = self.session.execute(
            update(CoachAccessRow)
            .where(
                CoachAccessRow.runner_id == runner_id,
                CoachAccessRow.coach_user_id == coach_user_id,
                CoachAccessRow.revoked_at.is_(None),
            )
            .values(revoked_at=now)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def has_access(self, coach_user_id: str, runner_id: str) -> bool:
        query = select(CoachAccessRow.runner_id).where(
            CoachAccessRow.runner_id == runner_id,
            CoachAccessRow.coach_user_id == coach_user_id,
            CoachAccessRow.revoked_at.is_(None),
        )
        return self.session.scalar(query) is not None

    def coaches_of(self, runner_id: str) -> list[tuple[str, str]]:
        """(coach user id, display name) of the coaches the runner currently grants access to."""
        query = (
            select(CoachRow.user_id, CoachRow.display_name)
            .join(CoachAccessRow, CoachAccessRow.coach_user_id == CoachRow.user_id)
            .where(CoachAccessRow.runner_id == runner_id, CoachAccessRow.revoked_at.is_(None))
            .order_by(CoachRow.display_name)
        )
        return [(user_id, name) for user_id, name in self.session.execute(query)]

    def email_of(self, runner_id: str) -> str | None:
        return self.session.scalar(select(UserRow.email).where(UserRow.runner_id == runner_id))

    def coach_emails(self, runner_id: str) -> list[str]:
        query = (
            select(UserRow.email)
            .join(CoachAccessRow, CoachAccessRow.coach_user_id == UserRow.id)
            .where(CoachAccessRow.runner_id == runner_id, CoachAccessRow.revoked_at.is_(None))
        )
        return list(self.session.scalars(query))

    def user_email(self, user_id: str) -> str | None:
        return self.session.scalar(select(UserRow.email).where(UserRow.id == user_id))

    # -- messages and notes --------------------------------------------------------------------

    def add_message(
        self, runner_id: str, coach_user_id: str, from_coach: bool, body: str, now: datetime
    ) -> None:
        self.session.add(
            MessageRow(
                runner_id=runner_id,
                coach_user_id=coach_user_id,
                from_coach=from_coach,
                body=body,
                sent_at=now,
            )
        )

    def thread(self, runner_id: str, coach_user_id: str) -> list[dict[str, Any]]:
        query = (
            select(MessageRow)
            .where(MessageRow.runner_id == runner_id, MessageRow.coach_user_id == coach_user_id)
            .order_by(MessageRow.id)
        )
        return [
            {
                "from_coach": m.from_coach,
                "body": m.body,
                "sent_at": _aware(m.sent_at).isoformat(),
                "read": m.read_at is not None,
            }
            for m in self.session.scalars(query)
        ]

    def mark_read(self, runner_id: str, coach_user_id: str, by_coach: bool, now: datetime) -> None:
        """Messages to the reader become read (a coach reads the runner's, and vice versa)."""
        self.session.execute(
            update(MessageRow)
            .where(
                MessageRow.runner_id == runner_id,
                MessageRow.coach_user_id == coach_user_id,
                MessageRow.from_coach.is_(not by_coach),
                MessageRow.read_at.is_(None),
            )
            .values(read_at=now)
        )

    def unread_for_runner(self, runner_id: str) -> int:
        query = select(func.count()).where(
            MessageRow.runner_id == runner_id,
            MessageRow.from_coach.is_(True),
            MessageRow.read_at.is_(None),
        )
        return int(self.session.scalar(query) or 0)

    def add_note(self, runner_id: str, coach_user_id: str, body: str, now: datetime) -> None:
        self.session.add(
            ClinicalNoteRow(
                runner_id=runner_id, coach_user_id=coach_user_id, body=body, created_at=now
            )
        )

    def notes(self, runner_id: str) -> list[dict[str, Any]]:
        query = (
            select(ClinicalNoteRow, CoachRow.display_name)
            .join(CoachRow, CoachRow.user_id == ClinicalNoteRow.coach_user_id)
            .where(ClinicalNoteRow.runner_id == runner_id)
            .order_by(ClinicalNoteRow.id.desc())
        )
        return [
            {"body": n.body, "by": name, "created_at": _aware(n.created_at).isoformat()}
            for n, name in self.session.execute(query)
        ]

    # -- overrides -------------------------------------------------------------------------------

    def add_override(
        self, episode_id: str, coach_user_id: str, override: Override, now: datetime
    ) -> None:
        self.session.add(
            PlanOverrideRow(
                episode_id=episode_id,
                coach_user_id=coach_user_id,
                on=override.on,
                kind=override.kind,
                values=dict(override.values),
                reason=override.reason,
                created_at=now,
            )
        )

    def overrides(self, episode_id: str) -> list[Override]:
        """The overrides in force: the episode's and those of the episodes it continues (after
        a re-assessment) that the re-assessment did not end."""
        return [o for _, o in overrides_in_force(self.session, episode_id)]

    # -- the roster ----------------------------------------------------------------------------

    def roster_page(
        self,
        coach_user_id: str,
        today: date,
        search: RosterSearch,
        limit: int,
        triage: tuple[TriageRule, ...],
    ) -> list[dict[str, Any]]:
        return roster_page(self.session, coach_user_id, today, search, limit, triage)

    def unread_by_runner(self, coach_user_id: str) -> dict[str, int]:
        query = (
            select(MessageRow.runner_id, func.count())
            .where(
                MessageRow.coach_user_id == coach_user_id,
                MessageRow.from_coach.is_(False),
                MessageRow.read_at.is_(None),
            )
            .group_by(MessageRow.runner_id)
        )
        return {runner_id: int(n) for runner_id, n in self.session.execute(query)}

    def session_days(
        self, episodes: list[str], first: date, last: date
    ) -> list[tuple[str, date, int, float]]:
        """(episode, day, worst session pain 0-10, running km) for each day from `first` to `last`
        (both included) with a run or an exercise logged: a run's pain is the worse of during and
        after, a day's the worst of its sessions, its km the sum of its runs. Grouped in the
        database, so one row per episode and active day however many sessions a day holds."""
        sessions = _sessions(episodes, first, last).subquery()
        query = select(
            sessions.c.episode_id,
            sessions.c.day,
            func.max(sessions.c.pain),
            func.sum(sessions.c.km),
        ).group_by(sessions.c.episode_id, sessions.c.day)
        return [(e, d, int(p), float(km)) for e, d, p, km in self.session.execute(query)]

    def unscored_runs(
        self, runner_ids: list[str], first: date, last: date
    ) -> list[tuple[str, date, float]]:
        """(runner, day, km) of runs imported from a watch and not logged yet (the runner has not
        given their pain scores), so the roster's weekly km counts them at once and once."""
        scored = select(RunLogRow.id).where(RunLogRow.id == literal("activity-") + ActivityRow.id)
        query = (
            select(ActivityRow.runner_id, ActivityRow.on, func.sum(ActivityRow.distance_m))
            .where(
                ActivityRow.runner_id.in_(runner_ids),
                ActivityRow.on.between(first, last),
                ActivityRow.sport.in_(RUN_SPORTS),
                ~exists(scored),
            )
            .group_by(ActivityRow.runner_id, ActivityRow.on)
        )
        return [(r, d, float(m) / 1000) for r, d, m in self.session.execute(query)]

    def red_flag_sources(self, episodes: list[str]) -> dict[str, dict[str, Any]]:
        """Where each episode's red flags come from: its stored answers and assessment, and its
        check-ins that reported a red flag as (day, symptoms), oldest first. Two queries."""
        if not episodes:
            return {}
        found: dict[str, dict[str, Any]] = {
            e: {"answers": dict(a), "assessment": labelled(dict(s)), "checkins": []}
            for e, a, s in self.session.execute(
                select(EpisodeRow.id, EpisodeRow.answers, EpisodeRow.assessment).where(
                    EpisodeRow.id.in_(episodes)
                )
            )
        }
        checkins = (
            select(CheckInRow.episode_id, CheckInRow.on, CheckInRow.red_flags)
            .where(CheckInRow.episode_id.in_(episodes))
            .order_by(CheckInRow.on, CheckInRow.recorded_at)
        )
        for episode, day, flags in self.session.execute(checkins):
            if flags:
                found[episode]["checkins"].append((day, list(flags)))
        return found


def _sessions(
    episodes: list[str], first: date, last: date
) -> CompoundSelect[tuple[str, date, int, float]]:
    """Every run and exercise of `episodes` from `first` to `last`: episode_id, day, pain, km."""
    worst = case(
        (RunLogRow.pain_during >= RunLogRow.pain_after, RunLogRow.pain_during),
        else_=RunLogRow.pain_after,
    )
    runs = select(
        RunLogRow.episode_id.label("episode_id"),
        RunLogRow.on.label("day"),
        worst.label("pain"),
        func.coalesce(RunLogRow.distance_km, 0.0).label("km"),
    ).where(RunLogRow.episode_id.in_(episodes), RunLogRow.on.between(first, last))
    exercises = select(
        ExerciseLogRow.episode_id, ExerciseLogRow.on, ExerciseLogRow.pain, literal(0.0, Float)
    ).where(ExerciseLogRow.episode_id.in_(episodes), ExerciseLogRow.on.between(first, last))
    return union_all(runs, exercises)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
