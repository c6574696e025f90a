"""What a runner logs: exercise sets, runs and morning check-ins. Each carries a client id so that
sending the same entry twice stores and evaluates it once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from runrehab.domain.intake import ReadinessTests


@dataclass(frozen=True, slots=True)
class ExerciseLog:
    id: str
    on: date
    exercise: str
    sets: int
    reps: int | None
    hold_s: int | None
    load_kg: float
    pain: int  # worst pain during the exercise, 0-10
    note: str | None = None


@dataclass(frozen=True, slots=True)
class RunLog:
    id: str
    on: date
    minutes: int
    distance_km: float | None
    pain_during: int
    pain_after: int
    hills: bool
    speedwork: bool
    note: str | None = None


@dataclass(frozen=True, slots=True)
class CheckIn:
    """The morning check: pain on the condition's monitoring task (for proximal hamstring
    tendinopathy, 3 short-lever single-leg bridges), plus what else the runner noticed."""

    id: str
    on: date
    monitoring_pain: int
    stiffness_min: int | None = None
    sitting_tolerance_min: int | None = None
    muscle_soreness: int | None = None  # in the muscle belly, 0-10: told apart from tendon pain
    pain_rest: int | None = None
    hop_pain: int | None = None  # 10 hops on the painful leg, 0-10
    single_leg_calf_raises: int | None = None  # in a row on the painful side
    tests: ReadinessTests = field(default_factory=ReadinessTests)
    red_flags: frozenset[str] = frozenset()  # screening keys now answered the alarming way
    note: str | None = None


Entry = ExerciseLog | RunLog | CheckIn
