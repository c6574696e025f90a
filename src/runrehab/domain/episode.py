"""An injury episode as the use cases see it: who, since when, what they answered, their profile."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from runrehab.domain.intake import IntakeAnswers
from runrehab.domain.profile import RunnerProfile


@dataclass(frozen=True, slots=True)
class Episode:
    id: str
    runner_id: str
    started_on: date
    answers: IntakeAnswers
    profile: RunnerProfile
