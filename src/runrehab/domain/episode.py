"""An injury episode as the use cases see it: who, since when, what they answered, their profile,
and what a re-assessment carried over from the episode it continues."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from runrehab.domain.adaptation.state import CarriedProgress
from runrehab.domain.intake import IntakeAnswers
from runrehab.domain.profile import RunnerProfile


@dataclass(frozen=True, slots=True)
class Episode:
    id: str
    runner_id: str
    started_on: date
    answers: IntakeAnswers
    profile: RunnerProfile
    carried: CarriedProgress | None = None  # a re-assessment's progress from the episode before
