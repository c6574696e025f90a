"""Progress: the charts' series, questionnaire trends, and a response's score."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from runrehab.domain import plan as domain_plan
from runrehab.render.view_models.common import Object, ViewModel


class Stage(ViewModel):
    number: int
    of: int
    name: str


class Trend(ViewModel):
    """A questionnaire's last score read against its minimal important change (MIC)."""

    questionnaire: str
    name: str
    mcid: float | None = Field(description="minimal important change; null where none is published")
    higher_is_better: bool
    scale: list[float] = Field(description="the lowest and highest possible scores")
    last: float
    last_on: str
    change: float | None = Field(description="last score minus the one before; null at first")
    interpretation: Literal["better", "worse", "within", "first", "unknown"] = Field(
        description="the change against the MIC, in the questionnaire's own direction"
    )
    band: list[float] | None = Field(description="the score before, +/- the MIC")
    words: str
    provisional: bool


class Progress(ViewModel):
    pain_limit: int
    days: list[str]
    pain_during: list[int | None]
    morning_pain: list[int | None]
    weeks: list[str]
    run_minutes: list[int]
    run_km: list[float]
    strength_volume: list[int | float]
    questionnaires: list[Object]
    trends: list[Trend]
    reassessed: list[Object]
    stage: Stage | None


class Score(ViewModel):
    questionnaire: str
    score: float
    provisional: bool


class DatedScore(Score):
    date: str


class RaisedFlag(ViewModel):
    id: str
    text: str


class Scored(Score):
    """A response just scored: its minimal important change (MIC) and the change since the
    response before, read against it in the questionnaire's own direction."""

    mcid: float | None = Field(description="minimal important change; null where none is published")
    higher_is_better: bool
    interpretation: Literal["better", "worse", "within", "first", "unknown"]
    words: str
    flags: list[RaisedFlag] = Field(description="published definitions the answers meet")


def stage_view(plan: domain_plan.Plan) -> Stage | None:
    """Where the runner is: the plan's current stage, of how many; None when none is current."""
    stage = next((s for s in plan.stages if s.status == "current"), None)
    return None if not stage else Stage(number=stage.number, of=len(plan.stages), name=stage.name)
