"""What the engine remembers between entries. Immutable: every step returns a new state."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from types import MappingProxyType

from runrehab.domain.assessment import Assessment, Reason
from runrehab.domain.intake import IntakeAnswers
from runrehab.domain.knowledge import KnowledgeBase, Progression, Stage
from runrehab.domain.profile import RunnerProfile
from runrehab.domain.rules import Compare
from runrehab.domain.running import WeeklyVolume, run_days_for, starting_volume
from runrehab.domain.schedule import spread_days


@dataclass(frozen=True, slots=True)
class DoseState:
    """Where an exercise is on its progression: ladder step, then harder variation, then load."""

    step: int = 0
    harder: bool = False
    load_kg: float = 0.0


@dataclass(frozen=True, slots=True)
class CarriedProgress:
    """What a re-assessment keeps of the engine's progress in the episode it continues (see
    `reassessment`): the stage reached and each exercise's place on its progression."""

    stage: int
    doses: Mapping[str, DoseState] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class CustomExercise:
    """An exercise a coach wrote for one runner: not in the library, so its dose is the coach's
    and the engine never progresses it (its pain checks still count)."""

    id: str
    name: str
    instructions: str
    session: str  # "strength", "mobility" or "warm_up": the sessions it joins
    sets: int
    reps: int | None
    hold_s: int | None
    per_side: bool
    why: str  # the coach's reason, shown with the exercise


@dataclass(frozen=True, slots=True)
class RunState:
    """Running as the engine has it: the walk/run phase, or continuous running's volume in week
    `week` of the episode (weeks run from `anchor`, the episode's first day; see
    `domain.running` for the weekly rules). `earned`: a run within the pain limit was logged in
    week `week`, with no flare-up since, so the next week may build."""

    allowed: bool  # cleared to run at all (the verdict, or a pain-free jog test since)
    mode: str  # "walk_run" or "continuous"
    phase: int  # walk/run phase, 1-based
    completions: int  # runs completed in the current walk/run phase
    volume: WeeklyVolume  # continuous running in week `week` (its starting volume until then)
    before_injury_km: float | None
    run_days: frozenset[int]  # weekdays with a run (with a rest day between, in walk/run)
    anchor: date
    week: int = 0
    earned: bool = False
    no_hills_until: date | None = None
    recent: tuple[tuple[date, float], ...] = ()  # (date, km) of runs, for the 30-day spike rule

    @property
    def weekly_km(self) -> float:
        """This week's prescribed volume; 0 during the walk/run programme."""
        return self.volume.km if self.mode == "continuous" else 0.0


@dataclass(frozen=True, slots=True)
class Flare:
    """A flare-up: the failed pain checks from `start` until `until` (exclusive, or until a
    morning check back within the usual) are one event, so nothing is cut twice for it. `cut`
    holds what it has cut ("running" and exercise ids); `whole_plan` is set once a morning check
    failed in it. What it cut, or everything with `whole_plan`, holds until it settles."""

    start: date
    until: date
    cut: frozenset[str] = frozenset()
    whole_plan: bool = False

    def holds(self, target: str) -> bool:
        return self.whole_plan or target in self.cut


def _frozen(mapping: Mapping[str, object]) -> Mapping[str, object]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True, slots=True)
class EngineState:
    condition: str | None
    protocol: str | None
    stage: int
    doses: Mapping[str, DoseState]
    run: RunState
    weights: bool  # dumbbells or a gym: strength progresses by load after 3 x 10
    baseline_seed: int | None  # the intake's usual morning pain, until check-ins replace it
    mornings: tuple[tuple[date, int], ...] = ()
    checks: tuple[tuple[date, bool], ...] = ()  # every pain check: (date, passed)
    last_progress_on: date | None = None
    referred: bool = False
    referral: tuple[Reason, ...] = ()  # why, when a warning sign referred the runner mid-plan
    referred_urgently: bool = False  # that warning sign needs medical care the same day
    plan_version: int = 1
    readiness: Mapping[str, object] = field(default_factory=lambda: _frozen({}))
    changed_on: Mapping[str, date] = field(default_factory=lambda: MappingProxyType({}))
    pinned: frozenset[str] = (
        frozenset()
    )  # doses a coach set: the engine holds them, may only go down
    swaps: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType({})
    )  # prescribed -> used
    stage_held: bool = False  # a coach holds the stage: criteria do not advance it
    running_held: bool = False  # a coach paused running: a jog test does not restart it
    custom: Mapping[str, CustomExercise] = field(
        default_factory=lambda: MappingProxyType({})
    )  # exercises a coach added for this runner, by id
    flare: Flare | None = None  # the latest flare-up, settled or not (see `flare_on`)
    stage_since: date | None = None  # the day the current stage began

    def stage_week(self, day: date) -> int:
        """Week of the current stage that `day` falls in, 1 for the first: a stage brings its new
        stressors in one week at a time (`Prescription.from_week`, `RunPolicy.in_week`)."""
        if self.stage_since is None or day < self.stage_since:
            return 1
        return (day - self.stage_since).days // 7 + 1

    def dose(self, exercise: str) -> DoseState:
        return self.doses.get(exercise, DoseState())

    def stage_of(self, kb: KnowledgeBase) -> Stage | None:
        if self.protocol is None:
            return None
        return kb.protocols[self.protocol].stages[self.stage - 1]

    def with_dose(self, exercise: str, dose: DoseState, on: date) -> EngineState:
        doses = {**self.doses, exercise: dose}
        changed = {**self.changed_on, exercise: on}
        return replace(self, doses=MappingProxyType(doses), changed_on=MappingProxyType(changed))

    def readiness_with(self, **facts: object) -> Mapping[str, object]:
        """The readiness facts updated with those of `facts` that are known (not None)."""
        known = {k: v for k, v in facts.items() if v is not None}
        return _frozen({**self.readiness, **known})

    def with_unlogged_runs(self, runs: Iterable[tuple[date, float]]) -> EngineState:
        """Runs from the watch the runner has not logged yet still count for the 30-day spike
        rule; one already logged (same day, distance within 5%) is not counted twice."""
        known = self.run.recent
        extra = [
            (day, km)
            for day, km in runs
            if not any(d == day and abs(k - km) <= 0.05 * max(k, km) for d, k in known)
        ]
        recent = tuple(sorted((*known, *extra)))
        return replace(self, run=replace(self.run, recent=recent))

    def failed_on(self, day: date) -> bool:
        """A failed pain check on `day` (checks are in date order: read back to that day only)."""
        for d, passed in reversed(self.checks):
            if d < day:
                return False
            if d == day and not passed:
                return True
        return False

    def flare_on(self, day: date) -> Flare | None:
        """The flare-up still settling on `day`, if any."""
        flare = self.flare
        return flare if flare is not None and flare.start <= day < flare.until else None


def initial_state(
    assessment: Assessment, answers: IntakeAnswers, profile: RunnerProfile, kb: KnowledgeBase
) -> EngineState:
    """The engine's starting point for an episode: the assessment's stage, doses at their first
    step, running as the verdict allows (walk/run, with a rest day between runs, for a runner who
    is not running; else the current weekly volume, within the single-run cap)."""
    condition = kb.conditions[assessment.condition] if assessment.condition else None
    weekly = profile.weekly_km_now if profile.weekly_km_now is not None else answers.weekly_km_now
    # under `shortest_run_km` a week (10% of which rounds to nothing) counts as not running yet
    running_now = (weekly or 0) >= kb.dosage.shortest_run_km
    shortest = kb.dosage.shortest_run_km
    run_days = (
        run_days_for(weekly or 0.0, profile.run_days, shortest)
        if running_now
        else spread_days(profile.run_days, 7)
    )
    longest = answers.longest_run_30d_km
    run = RunState(
        allowed=assessment.verdict.allows_running,
        mode="continuous" if running_now else "walk_run",
        phase=1,
        completions=0,
        volume=starting_volume(weekly or 0.0, longest, len(run_days), kb.dosage),
        before_injury_km=profile.weekly_km_before_injury or answers.weekly_km_before_injury,
        run_days=run_days,
        anchor=assessment.assessed_on,
        # the intake's longest run, dated before the episode so it counts from its first day
        recent=((assessment.assessed_on - timedelta(days=1), longest),) if longest else (),
    )
    return EngineState(
        condition=condition.id if condition else None,
        protocol=condition.protocol if condition else None,
        stage=assessment.start_stage or 1,
        stage_since=assessment.assessed_on,
        doses=MappingProxyType(_starting_doses(answers, kb)),
        run=run,
        weights=profile.equipment in ("dumbbells", "gym"),
        baseline_seed=answers.baseline_morning_pain,
        referred=not assessment.verdict.allows_rehab,
        readiness=_frozen(_intake_readiness(answers)),
    )


def _starting_doses(answers: IntakeAnswers, kb: KnowledgeBase) -> dict[str, DoseState]:
    """An exercise a return-to-run check counts starts its endurance ladder at what the runner
    can do now (the step at or just below their reported count), not above it or far below."""
    facts = answers.facts(1.0)
    doses = {}
    for gate in kb.return_to_run.values():
        counted = {c.id: c.when for c in gate.criteria if isinstance(c.when, Compare)}
        for training in gate.trains:
            when = counted.get(training.criterion)
            done = facts.get(when.fact) if when is not None else None
            if not isinstance(done, int | float) or isinstance(done, bool):
                continue
            for name in training.exercises:
                ladder = kb.dosage.ladders.get(kb.exercises[name].progression)
                if kb.exercises[name].progression is Progression.ENDURANCE and ladder:
                    steps = [i for i, (_, reps) in enumerate(ladder.steps) if reps <= done]
                    doses[name] = DoseState(step=steps[-1] if steps else 0)
    return doses


def _intake_readiness(answers: IntakeAnswers) -> dict[str, object]:
    facts = answers.facts(1.0)
    keys = [k for k in facts if k.startswith("tests.")]
    keys += [
        "pain_rest",
        "pain_during_run",
        "baseline_morning_pain",
        "morning_trend",
        "hop_pain",
        "single_leg_calf_raises",
        "volume_vs_before_injury",
    ]
    return {k: facts[k] for k in keys if facts[k] is not None}
