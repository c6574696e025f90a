"""A coach's tools: assessment templates and questionnaire schedules."""

from __future__ import annotations

from pydantic import RootModel

from runrehab.render.view_models.common import Object, ViewModel


class Template(ViewModel):
    id: str
    name: str
    answers: Object
    created_at: str


class Id(ViewModel):
    id: str


class Schedule(ViewModel):
    questionnaire: str
    every_days: int
    due_on: str | None
    days_late: int | None
    next_on: str | None
    name: str


class CoachQuestionnaires(ViewModel):
    schedules: list[Schedule]
    responses: list[Object]


class Prefilled(RootModel[Object]):
    """The intake answers a re-assessment starts from, by question key."""
