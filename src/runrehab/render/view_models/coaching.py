"""Coaching: the roster, a runner's file and timeline, messages, invitations, organisations."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, timedelta
from itertools import groupby
from typing import Any, Literal

from pydantic import Field

from runrehab.domain.log import CheckIn, Entry, ExerciseLog, RunLog
from runrehab.domain.records import PlanVersion
from runrehab.render.view_models.common import Object, ViewModel
from runrehab.render.view_models.plan import Plan
from runrehab.render.view_models.progress import Progress


class Name(ViewModel):
    name: str


class AttentionReason(ViewModel):
    """A triage reason reached: what happened, the threshold it reached, what to do."""

    reason: str
    says: str
    threshold: str
    action: str


class Attention(ViewModel):
    score: int
    reasons: list[str]  # what happened, most severe first
    action: str | None  # the one action to take: the most severe reason's
    why: list[AttentionReason]


class RosterRow(ViewModel):
    runner_id: str
    episode_id: str
    email: str
    name: str | None  # the runner's display name, when they gave one
    condition: str | None
    stage: int | None
    verdict: str | None
    attention: Attention
    adherence_14d: int | None
    last_pain: int | None
    last_morning_pain: int | None
    last_activity_on: str | None
    failed_checks: int
    unread: int
    pain_28d: list[int | None]
    weekly_km_4w: list[float]
    condition_name: str | None
    red_flags: list[Object]


class Invite(ViewModel):
    code: str
    valid_days: int


class Note(ViewModel):
    body: str
    by: str
    created_at: str


class Referral(ViewModel):
    referred: bool
    loosening_allowed: bool
    why: str | None
    you_can: list[str]


class TimelineEvent(ViewModel):
    on: str
    what: str
    decision: str


class TimelineDay(ViewModel):
    on: str
    events: list[TimelineEvent]


class TimelinePage(ViewModel):
    """One page of the timeline: up to `TIMELINE_DAYS` days from its latest event, by day."""

    days: list[TimelineDay]
    earlier: str | None = Field(
        description="the `before` date of the page before; None at the start"
    )


TIMELINE_DAYS = 30


class RunnerFile(ViewModel):
    """What a coach sees of one runner, with the plan, the charts and the timeline."""

    runner_id: str
    email: str
    episode_id: str
    stage: int | None
    verdict: str | None
    notes: list[Note]
    unread: int
    custom_exercises: list[Object]
    screen: Object
    red_flags: list[Object]
    referral: Referral
    plan: Plan
    progress: Progress
    timeline: list[TimelineEvent]


class ThreadMessage(ViewModel):
    from_coach: bool
    body: str
    sent_at: str
    read: bool


class Version(ViewModel):
    version: int = Field(description="the plan version the change made")


class CoachId(ViewModel):
    coach_id: str


class MyCoach(ViewModel):
    coach_id: str
    name: str
    thread: list[ThreadMessage]


class OrganisationCoach(ViewModel):
    coach_id: str
    name: str
    role: str
    email: str


class Invited(ViewModel):
    status: Literal["invited"] = Field(
        description="the same for every address: the invited account accepts or declines"
    )


class SentInvitation(ViewModel):
    """An organisation's pending invitation, by the address its admin typed."""

    invitation_id: str
    email: str
    name: str
    invited_at: str = Field(description="ISO 8601")


class Invitation(ViewModel):
    """An invitation to coach with an organisation, as the invited account sees it."""

    invitation_id: str
    organisation: str
    invited_by: str
    invited_at: str = Field(description="ISO 8601")


def timeline_view(
    entries: Sequence[Entry],
    decisions: Mapping[str, Mapping[str, Any]],
    versions: Sequence[PlanVersion],
    reassessed: Collection[str],
    thread: Iterable[Mapping[str, Any]],
    notes: Iterable[Mapping[str, Any]],
    names: Mapping[str, str],
) -> list[TimelineEvent]:
    """Everything about a runner in one list, newest first: log entries with their decisions
    (`decisions` by entry id), plan versions (`reassessed`: the reasons that mark a
    re-assessment), messages and clinical notes; exercises by their `names` (by id), so a
    coach never reads an internal id."""
    events = [
        TimelineEvent(
            on=e.on.isoformat(),
            what=_entry_text(e, names),
            decision=(decisions.get(e.id) or {}).get("decision", ""),
        )
        for e in entries
    ]
    events += [
        TimelineEvent(
            on=v.effective_on.isoformat(),
            what=v.reason
            if v.reason in reassessed
            else f"Plan v{v.version} ({v.author}): {v.reason}",
            decision="re-assessed" if v.reason in reassessed else "",
        )
        for v in versions
    ]
    events += [
        TimelineEvent(
            on=m["sent_at"][:10],
            what=f"Message from {'coach' if m['from_coach'] else 'runner'}: {m['body']}",
            decision="",
        )
        for m in thread
    ]
    events += [
        TimelineEvent(on=n["created_at"][:10], what=f"Note by {n['by']}: {n['body']}", decision="")
        for n in notes
    ]
    order = {id(e): i for i, e in enumerate(events)}  # within a day, the latest recorded first
    return sorted(events, key=lambda e: (e.on, order[id(e)]), reverse=True)


def timeline_page(
    events: Sequence[TimelineEvent], before: date | None, days: int = TIMELINE_DAYS
) -> TimelinePage:
    """The page of `events` (newest first) before the day `before` (None: the latest):
    `days` days back from its latest event, so a quiet month never shows an empty page."""
    older = [e for e in events if before is None or e.on < before.isoformat()]
    if not older:
        return TimelinePage(days=[], earlier=None)
    start = (date.fromisoformat(older[0].on) - timedelta(days=days - 1)).isoformat()
    shown = [e for e in older if e.on >= start]
    return TimelinePage(
        days=[TimelineDay(on=on, events=list(day)) for on, day in groupby(shown, lambda e: e.on)],
        earlier=start if len(shown) < len(older) else None,
    )


def _entry_text(entry: Entry, names: Mapping[str, str]) -> str:
    if isinstance(entry, ExerciseLog):
        amount = f"{entry.reps} reps" if entry.reps else f"{entry.hold_s} s"
        name = names.get(entry.exercise, "A coach's exercise no longer in the plan")
        return f"{name}: {entry.sets} × {amount}, pain {entry.pain}/10"
    if isinstance(entry, RunLog):
        return f"Run: {entry.minutes} min, pain {entry.pain_during}/10 during, {entry.pain_after}/10 after"
    assert isinstance(entry, CheckIn)
    return f"Check-in: morning {entry.monitoring_pain}/10"
