"""Domain types of the knowledge base: what the data files mean once loaded and validated.

Loading and validation live in `runrehab.knowledge`; these are the plain values the engine uses.
Ids are stable slugs (e.g. `proximal_hamstring_tendinopathy`), never integers.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from runrehab.domain.attention import TriageRule
from runrehab.domain.questionnaires import Questionnaire
from runrehab.domain.rules import Facts, Predicate
from runrehab.domain.verdicts import Verdict


class Evidence(StrEnum):
    """How far a rule is backed; mirrors the tags of the clinical evidence summary."""

    VERIFIED = "verified"
    PARTIAL = "partial"
    UNVERIFIED = "unverified"
    PROJECT = "project"  # our own operationalisation of a cited anchor


class Progression(StrEnum):
    """How an exercise's dose climbs from week to week (the steps are in `dosage.yaml`)."""

    REP_LADDER = "rep_ladder"  # the seed programme's 1 x 6 ... 3 x 10, then load
    HEAVY_SLOW = "heavy_slow"  # heavy slow resistance: fewer reps at a heavier load (Beyer 2015)
    HIGH_LOAD_HEEL = "high_load_heel"  # Rathleff 2015's heel-raise ladder
    ENDURANCE = "endurance"  # sets to near fatigue, up to the number a gate tests
    ECCENTRIC = "eccentric"  # Alfredson's 3 x 15 from the first session, then load
    ISOMETRIC = "isometric"  # the hold ladder
    RAMP = "ramp"  # from the low to the high end of the exercise's own range
    FIXED = "fixed"  # warm-up and mobility drills keep the dose that serves their purpose


@dataclass(frozen=True, slots=True)
class Ladder:
    """Weekly steps of a progression: (sets, reps), or (sets, repetition maximum) when
    `repetition_maximum` (the reps are the most the load allows: heavier as they fall)."""

    steps: tuple[tuple[int, int], ...]
    repetition_maximum: bool
    tempo: str | None
    rule: str  # the dosage rule that explains and cites it


@dataclass(frozen=True, slots=True)
class Citation:
    id: str
    text: str
    url: str | None


@dataclass(frozen=True, slots=True)
class Rule:
    """A data-defined decision: when `when` holds, `says` explains it in plain words."""

    id: str
    when: Predicate
    says: str
    citation: str
    evidence: Evidence
    verdict: Verdict | None = None
    max_stage: int | None = None  # a verdict rule may hold the runner back to this stage


@dataclass(frozen=True, slots=True)
class Advisory:
    """Advice that joins any verdict without changing it: a risk a clinician should look at
    (low energy availability, a child's age) that does not by itself stop running."""

    rule: Rule
    action: str  # what to do about it, in plain words
    education: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RedFlag:
    """A screening rule that overrides everything else (product principle 1)."""

    rule: Rule
    verdict: Verdict
    pathway: str | None  # condition id of the red-flag pathway or differential, if there is one
    action: str  # what to do now, in plain words
    clinician_note: str | None = None  # for the examining clinician (a test to do), not the runner


@dataclass(frozen=True, slots=True)
class Indicator:
    """A finding that makes a condition more (positive weight) or less likely."""

    when: Predicate
    weight: int
    says: str


@dataclass(frozen=True, slots=True)
class Condition:
    id: str
    name: str
    pathway: str  # "rehab", "prevention", "red_flag" or "differential"
    regions: frozenset[str]
    summary: str
    low_evidence: bool
    indicators: tuple[Indicator, ...]
    verdict_rules: tuple[Rule, ...]
    modifications: tuple[Rule, ...]
    protocol: str | None
    education: tuple[str, ...]
    recheck_days: int
    citation: str
    questionnaires: tuple[str, ...] = ()
    return_to_run_gate: str | None = None  # id of its entry criteria to walk/run phase 1
    monitoring_task: str | None = None  # the morning check's movement, when not the default

    @property
    def has_plan(self) -> bool:
        """Rehab and prevention conditions decide a verdict and come with a staged plan."""
        return self.pathway in PLAN_PATHWAYS


PLAN_PATHWAYS = ("rehab", "prevention")


@dataclass(frozen=True, slots=True)
class GateTraining:
    """A gate criterion that counts repetitions: the plan trains one of `exercises` to `reps`."""

    criterion: str
    exercises: tuple[str, ...]
    reps: int


@dataclass(frozen=True, slots=True)
class ReturnToRunGate:
    """The entry criteria to walk/run phase 1 (evidence.md §8.1): all must hold."""

    id: str
    name: str
    criteria: tuple[Rule, ...]
    trains: tuple[GateTraining, ...] = ()

    def met(self, facts: Facts) -> bool:
        return all(rule.when.holds(facts) for rule in self.criteria)


@dataclass(frozen=True, slots=True)
class Range:
    low: int
    high: int


@dataclass(frozen=True, slots=True)
class Dose:
    """A dose range; exactly one of reps, hold_s or duration_s is set."""

    sets: Range
    reps: Range | None
    hold_s: Range | None
    duration_s: Range | None
    per_side: bool


@dataclass(frozen=True, slots=True)
class Variation:
    name: str
    description: str
    exercise: str | None


@dataclass(frozen=True, slots=True)
class Exercise:
    id: str
    name: str
    category: str
    instructions: tuple[str, ...]
    cues: tuple[str, ...]
    mistakes: tuple[str, ...]
    equipment: frozenset[str]
    loads: tuple[str, ...]
    stages: frozenset[str]
    dose: Dose
    easier: Variation | None
    harder: Variation | None
    citation: str | None
    hip_flexion: str
    timing: str  # "any", "before_run" or "after_run"
    schedulable: bool
    progression: Progression = Progression.RAMP
    without_weights: str | None = None  # how to load a heavy exercise with no weights at home

    def can_do_with(self, available: frozenset[str]) -> bool:
        """`none` in an exercise's equipment means it can be done without any; the rest helps."""
        return "none" in self.equipment or self.equipment <= available

    @property
    def has_dose(self) -> bool:
        """Something to do and log (sets of reps, a hold or a time), not information only."""
        return any((self.dose.reps, self.dose.hold_s, self.dose.duration_s))

    @property
    def is_progressive_strength(self) -> bool:
        """Strength work that follows the seed programme's rep/set ladder of `dosage.yaml`."""
        return self.progression is Progression.REP_LADDER


@dataclass(frozen=True, slots=True)
class Prescription:
    """An exercise placed in a stage: which session it belongs to and why it is there."""

    exercise: str
    session: str  # "strength", "mobility", "warm_up" or "after_run"
    why: str
    from_week: int = 1  # a new stressor waits for this week of its stage (one at a time)


@dataclass(frozen=True, slots=True)
class RunPolicy:
    allowed: bool
    hills: bool
    speedwork: bool
    static_stretch_after: bool
    hills_from_week: int = 1  # when the stage allows them, from this week of the stage
    speedwork_from_week: int = 1
    static_stretch_from_week: int = 1

    def in_week(self, week: int) -> RunPolicy:
        """The policy in week `week` (1 = the stage's first): what the stage adds later, one
        new stressor at a time, is not allowed yet."""
        return RunPolicy(
            self.allowed,
            self.hills and week >= self.hills_from_week,
            self.speedwork and week >= self.speedwork_from_week,
            self.static_stretch_after and week >= self.static_stretch_from_week,
        )


@dataclass(frozen=True, slots=True)
class Stage:
    number: int
    id: str
    name: str
    goal: str
    prescriptions: tuple[Prescription, ...]
    running: RunPolicy
    min_weeks: int
    start_when: Predicate
    advance_when: tuple[Rule, ...]
    pain_limit: int  # during exercises
    run_pain_limit: int  # during and after runs
    citation: str
    evidence: Evidence

    @property
    def last_new_week(self) -> int:
        """The week of the stage its last staggered exercise or running change comes in."""
        run = self.running
        weeks = [p.from_week for p in self.prescriptions]
        weeks += [run.hills_from_week, run.speedwork_from_week, run.static_stretch_from_week]
        return max(weeks)

    def criteria_met(self, facts: Facts) -> tuple[Rule, ...]:
        """Its `advance_when` rules that `facts` meet (a fact never reported meets none): the
        engine moves the runner on when they all are."""
        return tuple(rule for rule in self.advance_when if rule.when.holds(facts))


@dataclass(frozen=True, slots=True)
class Protocol:
    id: str
    name: str
    summary: str
    stages: tuple[Stage, ...]
    strength_days_per_week: int
    citation: str


@dataclass(frozen=True, slots=True)
class EducationCard:
    id: str
    title: str
    body: tuple[str, ...]
    citations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class WalkRunPhase:
    phase: int
    walk_min: int
    run_min: int
    total_km: float
    rpe: int


@dataclass(frozen=True, slots=True)
class ImportedRuns:
    """How a run read from a watch file is judged hilly or speed work."""

    hilly_ascent_m_per_km: float
    speedwork_faster_than_median: float
    speedwork_min_s: int


@dataclass(frozen=True, slots=True)
class Dosage:
    """Numbers the planner and (later) the adaptation engine share, each backed by `rules`."""

    strength_ladder: tuple[tuple[int, int], ...]  # (sets, reps) steps, easiest first
    isometric_ladder: tuple[tuple[int, int], ...]  # (sets, hold_s) steps
    ladders: dict[Progression, Ladder]  # every stepped progression, the two above included
    max_sets: int
    max_reps: int
    exercise_pain_limit: int
    single_run_cap: float  # ratio to the longest run of the last 30 days
    weekly_increase: float  # planned weekly running-volume growth during rehab
    two_week_cap: float  # at most this ratio over any two weeks
    recovery_after_weeks: int  # build weeks before a recovery week
    recovery_share: float  # a recovery week's volume, as a share of the last build week
    shortest_run_km: float  # running starts with runs of at least this (on fewer days if need be)
    walk_run: tuple[WalkRunPhase, ...]
    walk_run_repeats: int
    imported_runs: ImportedRuns
    assumed_easy_pace_s_per_km: int
    assumed_walk_run_pace_s_per_km: int
    rules: tuple[Rule, ...]
    modifications: tuple[Rule, ...]  # apply to every running verdict, whatever the condition
    doms_note: str


@dataclass(frozen=True, slots=True)
class Adaptation:
    """Parameters of the adaptation engine; `rules` are the reasons it can give, by id."""

    repeated_fail_count: int
    repeated_fail_window: int
    no_improvement_days: int
    baseline_window: int
    flare_run_cut: float
    flare_no_hills_days: int
    flare_settle_days: int  # failed checks within N days of a flare-up's start are part of it
    load_step_kg: float
    doms_window_days: int
    no_improvement_min_pain: int
    morning_trend_tolerance: float
    rules: dict[str, Rule]


@dataclass(frozen=True, slots=True)
class VerdictText:
    verdict: Verdict
    label: str
    meaning: str
    today: str


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    text: str
    help: str
    kind: str  # "bool", "yes_no_unsure", "int", "number", "scale", "choice", "multi"
    choices: tuple[str, ...]
    required: bool
    only_for_regions: frozenset[str] = frozenset()

    def asked_for(self, region: object) -> bool:
        """Whether the question applies to an answer of `region` (None: not answered yet)."""
        return not self.only_for_regions or region in self.only_for_regions


@dataclass(frozen=True, slots=True)
class QuestionGroup:
    id: str
    title: str
    intro: str
    questions: tuple[Question, ...]
    only_for_regions: frozenset[str] = frozenset()

    def asked_for(self, region: object) -> bool:
        """Whether the group applies to an answer of `region` (None: not answered yet): it is
        for that region and at least one of its questions is."""
        return (not self.only_for_regions or region in self.only_for_regions) and any(
            q.asked_for(region) for q in self.questions
        )

    def questions_for(self, region: object) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.asked_for(region))


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    version: str
    citations: dict[str, Citation]
    conditions: dict[str, Condition]
    red_flags: tuple[RedFlag, ...]
    uncovered_region: Rule
    advisories: tuple[Advisory, ...]
    exercises: dict[str, Exercise]
    protocols: dict[str, Protocol]
    education: dict[str, EducationCard]
    dosage: Dosage
    adaptation: Adaptation
    verdicts: dict[Verdict, VerdictText]
    questions: tuple[QuestionGroup, ...]
    running_form_cues: tuple[str, ...]
    disclaimer: str
    equipment_levels: dict[str, frozenset[str]]
    questionnaires: dict[str, Questionnaire]

    return_to_run: dict[str, ReturnToRunGate]
    default_monitoring_task: str  # the morning check of a condition that does not name its own
    # Rules for every region and condition (e.g. a limp): when one holds, the verdict is at least
    # its PAUSE_RUNNING, whatever the condition's own verdict rules say.
    pause_rules: tuple[Rule, ...] = ()
    # When the coach's roster says a runner needs attention: one threshold per reason, by severity.
    triage: tuple[TriageRule, ...] = ()

    @property
    def covered_regions(self) -> frozenset[str]:
        """Regions for which at least one condition module with a plan exists."""
        return frozenset().union(*(c.regions for c in self.conditions.values() if c.has_plan))

    def gate_for(self, condition_id: str | None) -> ReturnToRunGate | None:
        condition = self.conditions.get(condition_id) if condition_id else None
        if condition is None or condition.return_to_run_gate is None:
            return None
        return self.return_to_run[condition.return_to_run_gate]

    def monitoring_task(self, condition_id: str | None) -> str:
        condition = self.conditions.get(condition_id) if condition_id else None
        return (condition and condition.monitoring_task) or self.default_monitoring_task
