"""The plan: its weeks, versions and coach overrides; the easy pace and its zones; the calendar address."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import Field

from runrehab.domain import pace as domain_pace
from runrehab.domain import plan as domain_plan
from runrehab.domain import records
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.pace import PaceAdvice
from runrehab.render.serialize import plan_to_json, rules_in
from runrehab.render.view_models.common import NOTE_RULES, Education, Object, Reason, ViewModel


class PlannedQuestionnaire(ViewModel):
    date: str
    id: str
    name: str


class PlanVersion(ViewModel):
    version: int
    effective_on: str
    author: str
    reason: str
    reason_rules: list[Reason] = Field(
        description="the rules `reason` quotes, in order, each with its evidence label"
    )
    stage: int | None
    changes: list[Object] | Object


class Plan(ViewModel):
    condition: str | None
    verdict: str
    start: str
    weeks: int
    knowledge_version: str
    notes: list[str]
    note_rules: list[list[Reason]] = Field(description=NOTE_RULES)
    education: list[Education]
    stages: list[Object]
    sessions: list[Object]
    questionnaires: list[PlannedQuestionnaire]
    return_to_run: list[Reason]
    monitoring_task: str | None
    versions: list[PlanVersion]
    paused: bool
    overrides: Overrides


class Overrides(ViewModel):
    """A coach's changes to the plan: those in force, and those that ended."""

    in_force: list[Object]
    ended: list[Object]


class PaceRange(ViewModel):
    fast_s_per_km: int
    slow_s_per_km: int
    text: str


class PaceZone(PaceRange):
    name: str
    why: str


class Pace(ViewModel):
    from_race: bool
    easy_pace: PaceRange | None
    vdot: float | None
    why: str
    zones: list[PaceZone]


class CalendarUrl(ViewModel):
    url: str = Field(description="the runner's private iCalendar feed")


def pace_view(advice: PaceAdvice, from_race: bool) -> Pace:
    """The easy pace advice in whole seconds per km, each range with its words."""
    return Pace(
        from_race=from_race,
        easy_pace=None if advice.pace_range is None else _range(advice.pace_range),
        vdot=None if advice.vdot is None else round(advice.vdot, 1),
        why=advice.why,
        zones=[
            PaceZone(name=zone.name, **_range(zone.pace_range).model_dump(), why=zone.why)
            for zone in advice.zones
        ],
    )


def _range(pace_range: domain_pace.PaceRange) -> PaceRange:
    return PaceRange(
        fast_s_per_km=round(pace_range.fast_s_per_km),
        slow_s_per_km=round(pace_range.slow_s_per_km),
        text=pace_range.label(),
    )


def plan_view(
    plan: domain_plan.Plan,
    kb: KnowledgeBase,
    versions: Sequence[records.PlanVersion],
    paused: bool,
    overrides: Object,
) -> Plan:
    """The plan with every version of it (`versions`, across re-assessments: what changed
    before one too), each reason with the rules it quotes, and the coach's overrides."""
    return Plan.model_validate(
        plan_to_json(plan, kb)
        | {
            "versions": [
                PlanVersion(
                    version=v.version,
                    effective_on=v.effective_on.isoformat(),
                    author=v.author,
                    reason=v.reason,
                    reason_rules=rules_in(v.reason, kb, plan.condition),
                    stage=v.stage,
                    changes=v.changes,
                )
                for v in versions
            ],
            "paused": paused,
            "overrides": overrides,
        }
    )
