"""Today and logging: the day's view, a logged entry's decision, the history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from runrehab.domain import plan as domain_plan
from runrehab.domain import records
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.log import CheckIn, Entry, ExerciseLog, RunLog
from runrehab.render.serialize import plan_to_json
from runrehab.render.view_models.common import NOTE_RULES, Object, Reason, ViewModel
from runrehab.render.view_models.plan import Pace


class Decision(ViewModel):
    """What the plan did with a logged entry, and why."""

    date: str
    entry: int
    decision: str
    reasons: list[Reason]
    changes: list[Object]
    next: list[Object]
    plan_version: int


class Logged(Decision):
    duplicate: bool = Field(description="true: the same entry was sent before; stored once")


class Coach(ViewModel):
    id: str
    name: str


class Done(ViewModel):
    """An entry logged on the day, as the session card it belongs to shows it ("Done: 3 x 15")."""

    id: str
    type: Literal["exercise", "run", "checkin"]
    exercise: str | None = Field(description="the exercise id, for an exercise entry")
    summary: str = Field(description="what was logged, in words: '3 x 15 reps, pain 2/10'")


class Today(ViewModel):
    date: str
    verdict: str
    verdict_label: str
    verdict_meaning: str
    condition: str | None
    notes: list[str]
    note_rules: list[list[Reason]] = Field(description=NOTE_RULES)
    monitoring_task: str | None
    return_to_run: list[Reason]
    sessions: list[Object]
    questionnaires_due: list[Object]
    questionnaires_assigned: list[Object]
    last_decision: Decision | None
    coach_changes: list[str]
    unread_messages: int
    coaches: list[Coach]
    runs_awaiting: list[Object]
    pace: Pace
    done_today: list[Done] = Field(description="entries logged on the day, oldest first")
    next_session: Object | None = Field(
        description="on a rest day, the next day with a session within the week shown"
    )


class HistoryEntry(BaseModel):
    """One log entry: the fields below, and those of its `type` (exercise, run or checkin)."""

    model_config = ConfigDict(extra="allow")
    id: str
    date: str
    type: Literal["exercise", "run", "checkin"]
    decision: Decision | None


class History(ViewModel):
    entries: list[HistoryEntry]


def today_view(
    day: date,
    plan: domain_plan.Plan,
    kb: KnowledgeBase,
    *,
    last_decision: Object | None,
    versions: Sequence[records.PlanVersion],
    questionnaires_due: list[Object],
    questionnaires_assigned: list[Object],
    unread_messages: int,
    coaches: list[Coach],
    runs_awaiting: list[Object],
    pace: Pace,
    logged_today: Sequence[Entry],
) -> Today:
    """The day's view: the plan's verdict and notes, the sessions planned on `day`, and what
    waits for the runner (the last three coach changes, questionnaires, messages, runs)."""
    data = plan_to_json(plan, kb)
    return Today(
        date=day.isoformat(),
        verdict=data["verdict"],
        verdict_label=kb.verdicts[plan.verdict].label,
        verdict_meaning=kb.verdicts[plan.verdict].meaning,
        condition=data["condition"],
        notes=data["notes"],
        note_rules=data["note_rules"],
        monitoring_task=data["monitoring_task"],
        return_to_run=data["return_to_run"],
        sessions=[s for s in data["sessions"] if s["date"] == day.isoformat()],
        next_session=_next_session(data["sessions"], day),
        done_today=[_done(e) for e in logged_today],
        questionnaires_due=questionnaires_due,
        questionnaires_assigned=[a for a in questionnaires_assigned if a["due_on"]],
        last_decision=last_decision,
        coach_changes=[v.reason for v in versions if v.author == "coach"][-3:],
        unread_messages=unread_messages,
        coaches=coaches,
        runs_awaiting=runs_awaiting,
        pace=pace,
    )


def _next_session(sessions: list[Object], day: date) -> Object | None:
    """The first later day with training on it: what a rest day points to."""
    later = (s for s in sessions if s["date"] > day.isoformat() and s["kind"] != "rest")
    return next(later, None)


def _done(entry: Entry) -> Done:
    if isinstance(entry, ExerciseLog):
        amount = f"{entry.reps} reps" if entry.reps else f"{entry.hold_s} s"
        load = f" + {entry.load_kg:g} kg" if entry.load_kg else ""
        summary = f"{entry.sets} × {amount}{load}, pain {entry.pain}/10"
        return Done(id=entry.id, type="exercise", exercise=entry.exercise, summary=summary)
    if isinstance(entry, RunLog):
        km = f"{entry.distance_km:g} km, " if entry.distance_km else ""
        summary = f"{km}{entry.minutes} min, pain {entry.pain_during}/10 during, {entry.pain_after}/10 after"
        return Done(id=entry.id, type="run", exercise=None, summary=summary)
    assert isinstance(entry, CheckIn)
    summary = f"morning check {entry.monitoring_pain}/10"
    return Done(id=entry.id, type="checkin", exercise=None, summary=summary)
