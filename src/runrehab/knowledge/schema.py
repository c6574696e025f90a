"""The shape of every knowledge-base file, as pydantic models (unknown keys are errors).

`reading.py` validates each YAML file against these models; the loader (`loader.py` and its
`load_*.py` topic modules) then checks cross-references (citations, exercises, education cards,
facts) and turns them into `runrehab.domain.knowledge` values. Predicates (`when:`) are parsed
separately by `predicates.py`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
EvidenceTag = Literal["verified", "partial", "unverified", "project"]
VerdictName = Literal["REFER_URGENT", "SEE_CLINICIAN", "PAUSE_RUNNING", "RUN_MODIFIED", "RUN_OK"]
Equipment = Literal[
    "none", "bands", "dumbbells", "gym", "foam_roller", "bench", "slider", "mat", "bike", "step"
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Manifest(Strict):
    version: Text
    description: Text
    disclaimer: Text
    running_form_cues: list[Text] = Field(min_length=1)


class EquipmentFile(Strict):
    levels: dict[Literal["none", "bands", "dumbbells", "gym"], list[Equipment]]


class CitationModel(Strict):
    id: Slug
    text: Text
    url: str | None = None


class CitationsFile(Strict):
    citations: list[CitationModel] = Field(min_length=1)


class RuleModel(Strict):
    id: Slug
    when: Any
    says: Text
    citation: Slug
    evidence: EvidenceTag
    verdict: VerdictName | None = None
    max_stage: int | None = Field(default=None, ge=1)


class RedFlagModel(RuleModel):
    verdict: VerdictName
    pathway: Slug | None = None
    action: Text
    # for the examining clinician (e.g. a test to do), not the runner
    clinician_note: Text | None = None


class RedFlagsFile(Strict):
    red_flags: list[RedFlagModel] = Field(min_length=1)


class AdvisoryModel(RuleModel):
    action: Text
    education: list[Slug] = []


class AdvisoriesFile(Strict):
    advisories: list[AdvisoryModel] = Field(min_length=1)


class PauseRuleModel(RuleModel):
    verdict: Literal["PAUSE_RUNNING"]


class PauseRulesFile(Strict):
    pause_rules: list[PauseRuleModel] = Field(min_length=1)


class TriageRuleModel(Strict):
    reason: Slug
    threshold: float = Field(ge=0)
    unit: Text
    action: Text
    citation: Slug
    evidence: EvidenceTag


class TriageFile(Strict):
    triage: list[TriageRuleModel] = Field(min_length=1)


class UncoveredRegionFile(Strict):
    uncovered_region: RuleModel


class IndicatorModel(Strict):
    when: Any
    weight: int
    says: Text


class ConditionModel(Strict):
    id: Slug
    name: Text
    pathway: Literal["rehab", "prevention", "red_flag", "differential"]
    regions: list[Slug]
    summary: Text
    low_evidence: bool = False
    indicators: list[IndicatorModel] = []
    verdict_rules: list[RuleModel] = []
    modifications: list[RuleModel] = []
    protocol: Slug | None = None
    education: list[Slug] = []
    recheck_days: int = Field(default=7, ge=1, le=42)
    questionnaires: list[Slug] = []
    citation: Slug
    return_to_run_gate: Slug | None = None
    monitoring_task: Text | None = None


class DoseModel(Strict):
    sets: tuple[int, int]
    reps: tuple[int, int] | None = None
    hold_s: tuple[int, int] | None = None
    duration_s: tuple[int, int] | None = None
    per_side: bool = False


class VariationModel(Strict):
    name: Text
    description: Text
    exercise: Slug | None = None


class ExerciseModel(Strict):
    id: Slug
    name: Text
    category: Literal[
        "soft_tissue",
        "warm_up",
        "activation",
        "isometric",
        "strength",
        "plyometric",
        "stretch",
        "balance",
        "conditioning",
        "education",
    ]
    instructions: list[Text] = Field(min_length=1)
    cues: list[Text] = Field(min_length=1)
    mistakes: list[Text] = Field(min_length=1)
    # `none` = can be done without equipment (anything else listed helps); otherwise all needed.
    equipment: list[Equipment] = Field(min_length=1)
    loads: list[Text] = Field(min_length=1)
    stages: list[Literal["isometric", "isotonic", "energy_storage", "return_to_sport", "any"]] = (
        Field(min_length=1)
    )
    dose: DoseModel | None = None
    easier: VariationModel | None = None
    harder: VariationModel | None = None
    citation: Slug | None = None
    hip_flexion: Literal["low", "moderate", "high"]
    timing: Literal["any", "before_run", "after_run"] = "any"
    schedulable: bool = True
    # How the dose climbs; by default from the category (strength: the rep ladder; isometric:
    # the hold ladder; warm-up, soft tissue and stretches: fixed; the rest: a ramp).
    progression: (
        Literal["rep_ladder", "heavy_slow", "high_load_heel", "endurance", "eccentric", "ramp"]
        | None
    ) = None
    without_weights: Text | None = None  # how to make a heavy exercise heavy at home


class ExercisesFile(Strict):
    exercises: list[ExerciseModel] = Field(min_length=1)


class PrescriptionModel(Strict):
    exercise: Slug
    session: Literal["strength", "mobility", "warm_up", "after_run"]
    why: Text
    from_week: int = Field(default=1, ge=1, le=12)


class RunPolicyModel(Strict):
    allowed: bool
    hills: bool
    speedwork: bool
    static_stretch_after: bool
    hills_from_week: int = Field(default=1, ge=1, le=12)
    speedwork_from_week: int = Field(default=1, ge=1, le=12)
    static_stretch_from_week: int = Field(default=1, ge=1, le=12)


class StageModel(Strict):
    number: int = Field(ge=1)
    id: Slug
    name: Text
    goal: Text
    prescriptions: list[PrescriptionModel] = Field(min_length=1)
    running: RunPolicyModel
    min_weeks: int = Field(ge=1, le=26)
    start_when: Any
    advance_when: list[RuleModel] = []
    pain_limit: int = Field(ge=0, le=10)
    run_pain_limit: int | None = Field(default=None, ge=0, le=10)
    citation: Slug
    evidence: EvidenceTag


class ProtocolModel(Strict):
    id: Slug
    name: Text
    summary: Text
    strength_days_per_week: int = Field(ge=1, le=4)
    citation: Slug
    stages: list[StageModel] = Field(min_length=1)


class EducationModel(Strict):
    id: Slug
    title: Text
    body: list[Text] = Field(min_length=1)
    citations: list[Slug] = Field(min_length=1)


class EducationFile(Strict):
    cards: list[EducationModel] = Field(min_length=1)


class WalkRunPhaseModel(Strict):
    phase: int = Field(ge=1)
    walk_min: int = Field(ge=0)
    run_min: int = Field(ge=1)
    total_km: float = Field(gt=0)
    rpe: int = Field(ge=1, le=10)


class ImportedRunsModel(Strict):
    hilly_ascent_m_per_km: float = Field(gt=0, le=100)
    speedwork_faster_than_median: float = Field(gt=0, lt=1)
    speedwork_min_s: int = Field(ge=30, le=3600)


class LadderModel(Strict):
    steps: list[tuple[int, int]] = Field(min_length=1)  # one per week: [sets, reps]
    repetition_maximum: bool = False  # the reps are the most the load allows
    tempo: Text | None = None
    rule: Slug  # the dosage rule that states and cites it


class DosageFile(Strict):
    strength_ladder: list[tuple[int, int]] = Field(min_length=2)
    isometric_ladder: list[tuple[int, int]] = Field(min_length=2)
    ladders: dict[Literal["heavy_slow", "high_load_heel", "endurance", "eccentric"], LadderModel]
    max_sets: int = Field(ge=1)
    max_reps: int = Field(ge=1)
    exercise_pain_limit: int = Field(ge=0, le=10)
    single_run_cap: float = Field(gt=1.0, le=1.3)
    weekly_increase: float = Field(gt=0.0, le=0.3)
    two_week_cap: float = Field(gt=1.0, le=1.5)
    recovery_after_weeks: int = Field(ge=2, le=6)
    recovery_share: float = Field(ge=0.5, lt=1.0)
    shortest_run_km: float = Field(gt=0, le=5)
    walk_run: list[WalkRunPhaseModel] = Field(min_length=1)
    walk_run_repeats: int = Field(ge=1)
    imported_runs: ImportedRunsModel
    assumed_easy_pace_s_per_km: int = Field(ge=180, le=900)
    assumed_walk_run_pace_s_per_km: int = Field(ge=180, le=1200)
    doms_note: Text
    rules: list[RuleModel] = Field(min_length=1)
    modifications: list[RuleModel] = []


class AdaptationFile(Strict):
    repeated_fail_count: int = Field(ge=1)
    repeated_fail_window: int = Field(ge=1)
    no_improvement_days: int = Field(ge=7)
    baseline_window: int = Field(ge=1)
    flare_run_cut: float = Field(gt=0, lt=1)
    flare_no_hills_days: int = Field(ge=1)
    flare_settle_days: int = Field(ge=1, le=7)
    load_step_kg: float = Field(gt=0)
    doms_window_days: int = Field(ge=1)
    no_improvement_min_pain: int = Field(ge=0, le=10)
    morning_trend_tolerance: float = Field(ge=0, le=3)
    rules: list[RuleModel] = Field(min_length=1)


class GateTrainingModel(Strict):
    """A criterion that counts repetitions of an exercise: the plan trains one of `exercises`
    up to `reps` in a row before the gate is due."""

    criterion: Slug
    exercises: list[Slug] = Field(min_length=1)
    reps: int = Field(ge=1, le=100)


class GateModel(Strict):
    id: Slug
    name: Text
    criteria: list[RuleModel] = Field(min_length=1)
    trains: list[GateTrainingModel] = []


class MaintenanceModel(Strict):
    protocol: Slug
    start_when: Any
    advance_when: list[RuleModel] = Field(min_length=1)


class ReturnToRunFile(Strict):
    default_monitoring_task: Text
    gates: list[GateModel] = Field(min_length=1)
    maintenance: MaintenanceModel


class VerdictTextModel(Strict):
    label: Text
    meaning: Text
    today: Text


class VerdictsFile(Strict):
    verdicts: dict[VerdictName, VerdictTextModel]


class QuestionModel(Strict):
    key: Text
    text: Text
    help: str = ""
    kind: Literal["bool", "yes_no_unsure", "int", "number", "scale", "choice", "multi"]
    choices: list[Slug] = []
    required: bool = False
    only_for_regions: list[Slug] = []  # an optional question asked only for these regions


class QuestionGroupModel(Strict):
    id: Slug
    title: Text
    intro: Text
    questions: list[QuestionModel] = Field(min_length=1)
    only_for_regions: list[Slug] = []  # asked only when the pain is in one of these (empty: always)


class QuestionsFile(Strict):
    groups: list[QuestionGroupModel] = Field(min_length=1)


class QuestionItemModel(Strict):
    key: Slug
    text: Text
    points: list[int] = []
    range: tuple[float, float] | None = None
    branches: dict[str, list[int]] | None = None
    labels: dict[int, Text] | None = None  # this item's own answer labels, keyed by points
    optional: bool = False
    not_applicable: bool = False  # "na" accepted and left out of the score
    named: bool = False  # the runner names the activity (PSFS)


class FlagModel(Strict):
    id: Slug
    text: Text
    any_of: dict[Slug, list[int]] = Field(min_length=1)


class QuestionnaireModel(Strict):
    id: Slug
    name: Text
    stem: Text
    max_total: float = Field(gt=0)
    higher_is_better: bool
    provisional: bool
    provisional_note: str | None = None
    mcid: float | None = Field(default=None, gt=0)
    mcid_citation: Slug | None = None  # required with an mcid
    citation: Slug
    scoring: Literal["sum", "mean", "percent"] = "sum"
    min_total: float = 0
    min_answered: int | None = Field(default=None, ge=1)
    every_days: int | None = Field(default=None, ge=1)
    recall: Text | None = None
    flags: list[FlagModel] = []
    labels: dict[int, Text] | None = None
    items: list[QuestionItemModel] = Field(min_length=1)
