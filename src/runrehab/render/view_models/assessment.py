"""An assessment's verdict, likely conditions and reasons (a coach's re-assessment too)."""

from __future__ import annotations

from pydantic import Field

from runrehab.render.view_models.common import Education, Reason, ViewModel


class LikelyCondition(ViewModel):
    id: str
    name: str
    likelihood: str
    score: float
    reasons: list[str]
    reason_rules: list[Reason] = Field(
        description="the rules `reasons` quote (a red flag's words), each with its evidence label"
    )
    low_evidence: bool


class Assessment(ViewModel):
    verdict: str
    verdict_label: str
    verdict_meaning: str
    red_flags: list[str]
    likely_conditions: list[LikelyCondition]
    condition: str | None
    start_stage: int | None
    today: str
    today_rules: list[Reason] = Field(
        description="the rules `today` quotes, in order, each with its evidence label"
    )
    actions: list[str]
    modifications: list[Reason]
    reasons: list[Reason]
    advisories: list[Reason]
    clinician_notes: list[str]
    recheck_on: str | None
    education: list[Education]
    assessed_on: str
    knowledge_version: str
    disclaimer: str


class Reassessment(Assessment):
    template_id: str | None = Field(None, description="the template saved with `save_as`")
