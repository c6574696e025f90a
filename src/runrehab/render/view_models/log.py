"""Today and logging: the day's view, a logged entry's decision, the history."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

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


class Today(ViewModel):
    date: str
    verdict: str
    verdict_label: str
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


class HistoryEntry(BaseModel):
    """One log entry: the fields below, and those of its `type` (exercise, run or checkin)."""

    model_config = ConfigDict(extra="allow")
    id: str
    date: str
    type: Literal["exercise", "run", "checkin"]
    decision: Decision | None


class History(ViewModel):
    entries: list[HistoryEntry]
