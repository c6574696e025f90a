"""The values a plan is made of. Built by `planning.build_plan`; rendered by the adapters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from runrehab.domain.assessment import Reason
from runrehab.domain.verdicts import Verdict


@dataclass(frozen=True, slots=True)
class Item:
    """One exercise in a session with its dose; exactly one of reps, hold_s, duration_s is set."""

    exercise: str
    name: str
    sets: int
    reps: int | None
    hold_s: int | None
    duration_s: int | None
    per_side: bool
    pain_limit: int
    why: str
    citation: str | None
    optional: bool = False
    load_kg: float = 0.0
    instructions: str | None = None  # only for an exercise a coach wrote: it is not in the library
    repetition_maximum: bool = False  # heavy: the reps are the most the load allows (e.g. 12RM)
    tempo: str | None = None  # e.g. "3 s up, 3 s down" for heavy slow resistance
    load_note: str | None = None  # what load to use, and what to use without weights


@dataclass(frozen=True, slots=True)
class RunDose:
    minutes: int
    distance_km: float | None
    pace: str
    terrain: str
    hills: bool
    speedwork: bool
    walk_run: str | None  # e.g. "2 min walk / 3 min run, repeat" during the walk/run programme
    why: str


@dataclass(frozen=True, slots=True)
class Session:
    date: date
    kind: str  # "strength", "run", "mobility" or "rest"
    stage: int | None
    title: str
    items: tuple[Item, ...]
    run: RunDose | None
    why: str
    cues: tuple[str, ...] = ()  # running-form cues, on run sessions


@dataclass(frozen=True, slots=True)
class PlannedStage:
    number: int
    id: str
    name: str
    goal: str
    status: str  # "passed" (criteria met at intake), "current", "projected" or "later"
    projected_start: date | None  # None unless current or projected within the plan
    advance_criteria: tuple[str, ...]
    hills: bool
    speedwork: bool
    static_stretch_after: bool
    citation: str


@dataclass(frozen=True, slots=True)
class Plan:
    condition: str | None
    verdict: Verdict
    start: date
    weeks: int
    stages: tuple[PlannedStage, ...]
    sessions: tuple[Session, ...]
    notes: tuple[str, ...]
    education: tuple[str, ...]
    knowledge_version: str
    questionnaires: tuple[tuple[date, str], ...] = ()  # (due date, questionnaire id)
    # While running is paused: the entry criteria to walk/run phase 1, as reasons to meet.
    return_to_run: tuple[Reason, ...] = ()

    @property
    def runs(self) -> tuple[Session, ...]:
        return tuple(s for s in self.sessions if s.kind == "run")
