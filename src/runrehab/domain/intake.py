"""The runner's intake answers and the flat fact mapping the rules are evaluated against.

Validation of raw JSON happens at the boundary (`runrehab.schemas.answers`); by the time an
`IntakeAnswers` exists every value is in range. Scores are 0-10 integers or None ("not tried").

`IntakeAnswers` is the one declaration of the answers: the answers schema, the interview's
questions (`knowledge/data/questions.yaml`) and the README's table are tested against it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Literal, get_args

# The answer vocabularies are declared here once, as Literals: the answers schema validates against
# them and the tuples below are read from them.
Region = Literal[
    "buttock_sit_bone",
    "back_of_thigh",
    "back_of_knee",
    "outer_knee",
    "front_of_knee",
    "shin",
    "calf",
    "achilles",
    "heel",
    "ankle",
    "midfoot",
    "groin_hip",
    "front_of_thigh",
    "side_of_hip",
    "forefoot",
    "low_back",
    "no_pain",  # a healthy runner: the assessment offers the prevention programme
]
REGIONS: tuple[Region, ...] = get_args(Region)
# The Ottawa ankle and foot rules as a runner can answer them (evidence.md §6): required when the
# pain is at the ankle or midfoot. Each is true, false or "unsure"; self-examination is not
# validated, so the red-flag rule treats a worrying or unsure answer as a reason for an X-ray
# decision by a clinician.
OTTAWA_REGIONS = ("ankle", "midfoot")
OTTAWA_KEYS = (
    "could_take_4_steps_right_after",
    "can_take_4_steps_now",
    "tender_outer_ankle_bone",
    "tender_inner_ankle_bone",
    "tender_base_of_5th_metatarsal",
    "tender_navicular",
)
UNSURE = "unsure"
# Low energy availability (RED-S) risk factors a runner can answer, the screening questions of the
# LEAF-Q and the RED-S CAT: missed periods, restricted eating or weight loss, a previous stress
# fracture, low libido or low energy. Their count is the fact `energy_risk_factors`.
ENERGY_RISK_KEYS = (
    "amenorrhoea",
    "restricted_eating_or_weight_loss",
    "previous_stress_fracture",
    "low_energy_or_libido",
)
# A fact set by the assessment, not from the answers: whether the likely condition's return-to-run
# entry criteria (the knowledge base's `return_to_run.yaml`) all hold.
RETURN_TO_RUN_READY = "return_to_run_ready"
Aggravator = Literal[
    "sitting",
    "hills",
    "speed",
    "long_runs",
    "stretching",
    "downhill",
    "first_steps",
    "stairs",
    "jumping",
]
AGGRAVATORS: tuple[Aggravator, ...] = get_args(Aggravator)
SCREENING_KEYS = (
    "felt_pop",
    "large_bruise_back_of_thigh",
    "can_walk_normally",
    "knee_bend_weakness",
    "saddle_numbness",
    "new_bladder_or_bowel_problem",
    "fever_or_unwell",
    "unexplained_weight_loss",
    "history_of_cancer",
    "night_pain_wakes",
    "rest_pain",
    "radiating_pain_below_knee",
    "numbness_or_tingling",
    "calf_swelling_one_side",
    "calf_deep_tenderness",
    "pitting_oedema",
    "recent_long_travel_or_surgery",
    "focal_bone_tenderness",
)
# Screening questions added later: optional (None = not asked), never kept in a coach's template.
OPTIONAL_SCREENING_KEYS = (
    "recent_training_increase",
    "foot_drop_or_weakness",
    "nerve_symptoms_both_legs",
    "hot_swollen_joint",
    "exertional_tightness_eases_with_rest",
    "whole_leg_swollen",
    "visible_surface_veins",
    "previous_dvt",
)

# What a runner may report as newly present at a check-in: the screening, and the later screening
# that describes a symptom (not a history such as a previous clot or a training jump).
CHECK_IN_RED_FLAGS = (
    *SCREENING_KEYS,
    "foot_drop_or_weakness",
    "nerve_symptoms_both_legs",
    "hot_swollen_joint",
    "exertional_tightness_eases_with_rest",
    "whole_leg_swollen",
)
# The warning signs the check-in form offers (the API takes any of CHECK_IN_RED_FLAGS): symptoms a
# runner can notice as new on a morning, the ones that need care the same day first.
CHECK_IN_FORM_SIGNS = (
    "saddle_numbness",
    "new_bladder_or_bowel_problem",
    "fever_or_unwell",
    "foot_drop_or_weakness",
    "whole_leg_swollen",
    "calf_swelling_one_side",
    "hot_swollen_joint",
    "numbness_or_tingling",
    "night_pain_wakes",
    "focal_bone_tenderness",
)


@dataclass(frozen=True, slots=True)
class ReadinessTests:
    """Self-tests the runner may have tried; None = not tried."""

    drop_lunge_pain_free: bool | None = None
    hamstring_curl_10rm_equal: bool | None = None
    walk_normal_stride_pain_free: bool | None = None
    slow_jog_pain_free: bool | None = None
    isometric_knee_bend_pain_free: bool | None = None
    brisk_walk_30min_pain_free: bool | None = None
    single_leg_squats_10_pain_free: bool | None = None


_NOT_FACTS = frozenset({"tests", "screen_stopped_early"})


@dataclass(frozen=True, slots=True)
class IntakeAnswers:
    region: str
    onset: str
    days_since_onset: int
    felt_pop: bool | None
    large_bruise_back_of_thigh: bool | None
    can_walk_normally: bool | None
    knee_bend_weakness: bool | None
    saddle_numbness: bool | None
    new_bladder_or_bowel_problem: bool | None
    fever_or_unwell: bool | None
    unexplained_weight_loss: bool | None
    history_of_cancer: bool | None
    night_pain_wakes: bool | None
    rest_pain: bool | None
    radiating_pain_below_knee: bool | None
    numbness_or_tingling: bool | None
    calf_swelling_one_side: bool | None
    calf_deep_tenderness: bool | None
    pitting_oedema: bool | None
    recent_long_travel_or_surgery: bool | None
    focal_bone_tenderness: bool | None
    age: int | None = None
    sex: str | None = None
    amenorrhoea: bool | None = None
    weekly_km_now: float | None = None
    weekly_km_before_injury: float | None = None
    longest_run_30d_km: float | None = None
    planned_run_km: float | None = None
    side: str | None = None
    mechanism: str | None = None
    pain_rest: int | None = None
    pain_during_run: int | None = None
    pain_next_morning: int | None = None
    baseline_morning_pain: int | None = None
    hop_pain: int | None = None
    morning_trend: str | None = None
    aggravators: frozenset[str] = frozenset()
    tests: ReadinessTests = field(default_factory=ReadinessTests)
    visa_h: int | None = None
    could_take_4_steps_right_after: bool | str | None = None  # OTTAWA_KEYS: bool or UNSURE
    can_take_4_steps_now: bool | str | None = None
    tender_outer_ankle_bone: bool | str | None = None
    tender_inner_ankle_bone: bool | str | None = None
    tender_base_of_5th_metatarsal: bool | str | None = None
    tender_navicular: bool | str | None = None
    single_leg_calf_raises: int | None = None  # on the painful side, in a row
    single_leg_heel_raise_possible: bool | None = None
    noble_test_positive: bool | None = None
    tender_strip_length_cm: float | None = None  # along the inner shin
    morning_first_steps_pain: int | None = None
    morning_stiffness_min: int | None = None
    knee_swelling: bool | None = None
    knee_locking_or_giving_way: bool | None = None
    distance_to_symptom_onset_km: float | None = None
    # Screening added after the first release: optional, so answers saved before them still load;
    # None means "not asked" and no rule fires on it (the wizard and the interview ask them).
    recent_training_increase: bool | None = None  # a clear jump in running in the 4 weeks before
    restricted_eating_or_weight_loss: bool | None = None  # energy availability (RED-S) screen
    previous_stress_fracture: bool | None = None
    low_energy_or_libido: bool | None = None
    foot_drop_or_weakness: bool | None = None
    nerve_symptoms_both_legs: bool | None = None
    hot_swollen_joint: bool | None = None
    exertional_tightness_eases_with_rest: bool | None = None  # exertional compartment syndrome
    whole_leg_swollen: bool | None = None  # Wells criteria a runner can answer
    visible_surface_veins: bool | None = None
    previous_dvt: bool | None = None
    # The screen stopped at a same-day red flag: the screening answers after it are None (not
    # asked). Not a fact: `facts` leaves it out.
    screen_stopped_early: bool = False

    def facts(self, single_run_cap: float) -> dict[str, object]:
        """Every answer under its key (tests as `tests.NAME`, aggravators as `aggravates.NAME`)
        plus the derived facts of `_derived`; `single_run_cap` is the knowledge base's ratio to
        the longest run of the last 30 days."""
        plain = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in _NOT_FACTS}
        plain.update({f"tests.{k}": v for k, v in asdict(self.tests).items()})
        plain.update({f"aggravates.{a}": a in self.aggravators for a in AGGRAVATORS})
        plain.update(_derived(self, single_run_cap))
        return plain


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def _derived(answers: IntakeAnswers, single_run_cap: float) -> dict[str, object]:
    """Facts computed from several answers, so data rules can stay simple comparisons.

    `currently_running` is True when the runner runs some km a week now, or left the weekly km
    blank but scored their last run's pain (and did not say their longest run of the last 30 days
    was 0); False when they said 0 km a week or no run in 30 days; None when nothing says either.
    """
    running = None
    if answers.weekly_km_now is not None:
        running = answers.weekly_km_now > 0
    elif answers.longest_run_30d_km == 0:
        running = False
    elif answers.pain_during_run is not None:
        running = True
    above = None
    if answers.pain_next_morning is not None and answers.baseline_morning_pain is not None:
        above = answers.pain_next_morning - answers.baseline_morning_pain
    cap = None
    if answers.longest_run_30d_km is not None:
        cap = round(answers.longest_run_30d_km * single_run_cap, 1)
    return {
        "energy_risk_factors": sum(getattr(answers, key) is True for key in ENERGY_RISK_KEYS),
        "single_run_cap_km": cap,
        "planned_vs_longest_30d": _ratio(answers.planned_run_km, answers.longest_run_30d_km),
        "volume_vs_before_injury": _ratio(answers.weekly_km_now, answers.weekly_km_before_injury),
        "morning_pain_above_baseline": above,
        "currently_running": running,
    }


# The answers each derived fact (and each `aggravates.NAME`) is computed from: to show a coach the
# answers behind a rule, and to know which facts are still open while the answers are collected.
DERIVED_FROM: dict[str, tuple[str, ...]] = {
    "energy_risk_factors": ENERGY_RISK_KEYS,
    "single_run_cap_km": ("longest_run_30d_km",),
    "planned_vs_longest_30d": ("planned_run_km", "longest_run_30d_km"),
    "volume_vs_before_injury": ("weekly_km_now", "weekly_km_before_injury"),
    "morning_pain_above_baseline": ("pain_next_morning", "baseline_morning_pain"),
    "currently_running": ("weekly_km_now", "longest_run_30d_km", "pain_during_run"),
    **{f"aggravates.{a}": ("aggravators",) for a in AGGRAVATORS},
}


def _fact_names() -> frozenset[str]:
    names = {f.name for f in fields(IntakeAnswers) if f.name not in _NOT_FACTS}
    names |= {f"tests.{f.name}" for f in fields(ReadinessTests)}
    names |= {f"aggravates.{a}" for a in AGGRAVATORS}
    names |= {
        "energy_risk_factors",
        "single_run_cap_km",
        "planned_vs_longest_30d",
        "volume_vs_before_injury",
        "morning_pain_above_baseline",
        "currently_running",
        RETURN_TO_RUN_READY,
    }
    return frozenset(names)


FACT_NAMES = _fact_names()
