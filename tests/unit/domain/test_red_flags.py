"""Product principle 1, as properties: red flags always win, for every possible answer.

Every region is drawn (including `no_pain`), with the lower-leg, knee and Ottawa answers; the rules
and their verdicts are read from the knowledge base, so a new red flag or condition is covered
without editing this file.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from runrehab.domain.assessment import Assessment, assess
from runrehab.domain.intake import OTTAWA_KEYS, OTTAWA_REGIONS, REGIONS, SCREENING_KEYS, UNSURE
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.planning import build_plan
from runrehab.domain.profile import RunnerProfile
from runrehab.domain.verdicts import Verdict
from runrehab.knowledge.loader import load_knowledge_base
from runrehab.render.serialize import assessment_to_json
from runrehab.schemas.answers import parse_answers
from tests.strategies import calm_screening, raw_answers

KB: KnowledgeBase = load_knowledge_base()
TODAY = date(2026, 12, 1)
ALARMING = {key: key != "can_walk_normally" for key in SCREENING_KEYS}
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FLAG_VERDICT = {flag.rule.id: flag.verdict for flag in KB.red_flags}
OTTAWA_FLAG = "ottawa_rule_positive_or_unsure"
BONE_STRESS_FLAG = "suspected_bone_stress_injury"
KNEE_REGIONS = ("front_of_knee", "outer_knee", "back_of_knee")


def _assess(raw: dict[str, Any]) -> Assessment:
    return assess(parse_answers(raw, "property"), KB, TODAY)


def _worrying(key: str) -> list[bool | str]:
    """The Ottawa answers that call for an X-ray decision: a tender bony point, four steps not
    possible, or unsure (self-examination is not validated, evidence.md §6)."""
    return ["4_steps" not in key, UNSURE]


OTTAWA_WORRYING = st.sampled_from(OTTAWA_KEYS).flatmap(
    lambda key: st.tuples(st.just(key), st.sampled_from(_worrying(key)))
)
# Answers that add a warning sign; each may only keep or raise the verdict's restriction.
NEW_ALARMING = st.one_of(
    OTTAWA_WORRYING,
    st.tuples(st.sampled_from(["knee_swelling", "knee_locking_or_giving_way"]), st.just(True)),
    st.tuples(st.just("single_leg_heel_raise_possible"), st.just(False)),
    st.tuples(st.just("tender_strip_length_cm"), st.integers(0, 4)),
)


@PROPERTY
@given(raw_answers())
def test_no_running_verdict_while_any_red_flag_fired(raw: dict[str, Any]) -> None:
    result = _assess(raw)
    if result.red_flags:
        assert not result.verdict.allows_running
        assert result.verdict >= Verdict.SEE_CLINICIAN


@PROPERTY
@given(raw_answers(), st.sampled_from(SCREENING_KEYS))
def test_an_alarming_screening_answer_never_makes_the_verdict_less_restrictive(
    raw: dict[str, Any], key: str
) -> None:
    before = _assess(raw)
    after = _assess({**raw, key: ALARMING[key]})
    assert after.verdict >= before.verdict


@PROPERTY
@given(raw_answers(), NEW_ALARMING)
def test_an_alarming_lower_leg_knee_or_ottawa_answer_never_makes_the_verdict_less_restrictive(
    raw: dict[str, Any], change: tuple[str, object]
) -> None:
    key, value = change
    before = _assess(raw)
    after = _assess({**raw, key: value})
    assert after.verdict >= before.verdict


@PROPERTY
@given(
    raw_answers(),
    st.sampled_from(
        [
            "saddle_numbness",
            "new_bladder_or_bowel_problem",
            "fever_or_unwell",
            "foot_drop_or_weakness",
        ]
    ),
)
def test_emergency_answers_always_refer_urgently(raw: dict[str, Any], key: str) -> None:
    assert _assess({**raw, key: True}).verdict is Verdict.REFER_URGENT


@PROPERTY
@given(st.sampled_from(OTTAWA_REGIONS).flatmap(lambda region: raw_answers(region=region)))
def test_a_worrying_or_unsure_ottawa_answer_always_sends_for_an_x_ray_decision(
    raw: dict[str, Any],
) -> None:
    if not any(raw[key] in _worrying(key) for key in OTTAWA_KEYS):
        return
    result = _assess(raw)
    assert OTTAWA_FLAG in result.red_flags
    assert result.verdict >= Verdict.SEE_CLINICIAN
    assert not result.verdict.allows_running


@PROPERTY
@given(
    st.sampled_from(OTTAWA_REGIONS).flatmap(lambda region: raw_answers(region=region)),
    OTTAWA_WORRYING,
)
def test_one_worrying_ottawa_answer_is_enough_whatever_the_others_say(
    raw: dict[str, Any], change: tuple[str, object]
) -> None:
    key, value = change
    result = _assess({**raw, **calm_screening(), key: value})
    assert OTTAWA_FLAG in result.red_flags
    assert result.verdict >= Verdict.SEE_CLINICIAN


def _triggered(flag: str, raw: dict[str, Any]) -> None:
    result = _assess(raw)
    assert flag in result.red_flags
    assert result.verdict >= FLAG_VERDICT[flag]
    assert not result.verdict.allows_running


@PROPERTY
@given(raw_answers(region="achilles", onset="sudden", single_leg_heel_raise_possible=False))
def test_suddenly_no_single_leg_heel_raise_at_the_achilles_is_a_suspected_rupture_even_without_a_pop(
    raw: dict[str, Any],
) -> None:
    _triggered("achilles_rupture_suspected", raw)


@PROPERTY
@given(st.sampled_from(OTTAWA_REGIONS).flatmap(lambda r: raw_answers(region=r, onset="gradual")))
def test_no_single_leg_heel_raise_with_gradual_inner_ankle_pain_flags_the_tibialis_posterior(
    raw: dict[str, Any],
) -> None:
    _triggered("pttd_features", {**raw, "single_leg_heel_raise_possible": False})


@PROPERTY
@given(
    st.sampled_from(KNEE_REGIONS).flatmap(lambda region: raw_answers(region=region)),
    st.sampled_from(["knee_swelling", "knee_locking_or_giving_way"]),
)
def test_a_swollen_locking_or_giving_way_knee_flags_the_joint(
    raw: dict[str, Any], key: str
) -> None:
    _triggered("knee_joint_features", {**raw, key: True})


@PROPERTY
@given(raw_answers(region="shin"), st.integers(0, 4))
def test_a_sore_strip_under_5_cm_on_the_shin_is_a_possible_bone_stress_injury(
    raw: dict[str, Any], strip_cm: int
) -> None:
    _triggered(BONE_STRESS_FLAG, {**raw, "tender_strip_length_cm": strip_cm})


@PROPERTY
@given(raw_answers(**calm_screening()))
def test_running_verdicts_only_come_from_a_covered_region_with_no_red_flag(
    raw: dict[str, Any],
) -> None:
    result = _assess(raw)
    if result.verdict.allows_running:
        assert result.red_flags == ()
        assert result.condition is not None
        assert raw["region"] in KB.conditions[result.condition].regions


@PROPERTY
@given(raw_answers(region="no_pain"))
def test_a_runner_with_no_pain_only_runs_when_no_red_flag_fired(raw: dict[str, Any]) -> None:
    result = _assess(raw)
    if result.verdict.allows_running:
        assert result.red_flags == ()
        assert result.condition is not None
        assert "no_pain" in KB.conditions[result.condition].regions
    if result.red_flags:
        assert result.verdict >= Verdict.SEE_CLINICIAN


@PROPERTY
@given(raw_answers())
def test_a_plan_never_contains_a_run_unless_the_verdict_allows_running(raw: dict[str, Any]) -> None:
    answers = parse_answers(raw, "property")
    result = assess(answers, KB, TODAY)
    plan = build_plan(result, answers, RunnerProfile(), KB, TODAY, 4)
    if not result.verdict.allows_running:
        assert plan.runs == ()
    if not result.verdict.allows_rehab:
        assert plan.sessions == ()


def test_the_strategy_draws_every_region_so_the_properties_cover_them() -> None:
    assert set(REGIONS) >= KB.covered_regions | {"no_pain"}


def _calm_runners(region: str) -> list[dict[str, Any]]:
    """A runner with nothing alarming who is running comfortably, and one who is not running
    but meets every return-to-run entry test; region-specific answers are the calm ones."""
    calm = {
        "region": region,
        "onset": "gradual",
        "days_since_onset": 40,
        **calm_screening(),
        "pain_rest": 0,
        "pain_next_morning": 1,
        "baseline_morning_pain": 1,
        "morning_trend": "improving",
        "hop_pain": 0,
        "single_leg_calf_raises": 30,
        "single_leg_heel_raise_possible": True,
        "tender_strip_length_cm": 6,
        "knee_swelling": False,
        "knee_locking_or_giving_way": False,
        "tests": {
            "drop_lunge_pain_free": True,
            "hamstring_curl_10rm_equal": True,
            "walk_normal_stride_pain_free": True,
            "slow_jog_pain_free": True,
            "isometric_knee_bend_pain_free": True,
            "brisk_walk_30min_pain_free": True,
        },
    }
    if region == "no_pain":
        calm |= {"pain_next_morning": 0, "baseline_morning_pain": 0}
    running = calm | {"weekly_km_now": 20, "longest_run_30d_km": 8, "pain_during_run": 2}
    return [running, calm | {"weekly_km_now": 0}]


@pytest.mark.parametrize("region", OTTAWA_REGIONS)
def test_calm_ottawa_answers_do_not_send_for_an_x_ray(region: str) -> None:
    raw = {"region": region, "onset": "gradual", "days_since_onset": 40, **calm_screening()}
    assert OTTAWA_FLAG not in _assess(raw).red_flags


@pytest.mark.parametrize("region", sorted(KB.covered_regions))
def test_a_running_verdict_is_reachable_in_every_covered_region_so_the_properties_are_not_vacuous(
    region: str,
) -> None:
    results = [_assess(raw) for raw in _calm_runners(region)]
    assert any(r.verdict.allows_running for r in results), [
        (r.verdict.name, r.red_flags) for r in results
    ]


# -- the general screening of issue 14 (red_flags/core.yaml, lower_leg.yaml, nerves.yaml and
# pause_rules.yaml), each rule stated over random answers ---------------------------------------

LIMP_FLAG = "limp_after_injury_or_lasting"
LIMP_PAUSE = "limp_pauses_running"
INJURY_MECHANISMS = ("fall_or_blow", "rolled_ankle", "slip_or_forced_stretch")
RUPTURE_FLAG = "achilles_rupture_suspected"
RUPTURE_REGIONS = ("calf", "achilles", "heel", "ankle")
DVT_FLAGS = ("dvt_suspected", "dvt_not_excluded")
# The Wells items a runner answers (evidence.md §7.4), and the alternative diagnosis worth -2.
WELLS_ITEMS = (
    "history_of_cancer",
    "recent_long_travel_or_surgery",
    "calf_deep_tenderness",
    "whole_leg_swollen",
    "calf_swelling_one_side",
    "pitting_oedema",
    "visible_surface_veins",
    "previous_dvt",
)
SWELLING = ("calf_swelling_one_side", "whole_leg_swollen", "pitting_oedema")
LEG_SIGNS = (*SWELLING, "visible_surface_veins", "calf_deep_tenderness")
LEG_REGIONS = (
    "groin_hip",
    "front_of_thigh",
    "back_of_thigh",
    "back_of_knee",
    "shin",
    "calf",
    "achilles",
    "ankle",
)
FOOT_REGIONS = ("heel", "ankle", "midfoot", "forefoot")
SERIOUS = ("history_of_cancer", "unexplained_weight_loss", "night_pain_wakes")
_CALM = {**calm_screening(), "days_since_onset": 2}


# A limp with nothing else: gradual, under three days, no pop, no injury, a covered region.
NEW_GRADUAL_LIMP = st.tuples(
    st.sampled_from(sorted(KB.covered_regions)), st.integers(0, 2)
).flatmap(
    lambda drawn: raw_answers(
        **{**calm_screening(), "can_walk_normally": False},
        region=drawn[0],
        days_since_onset=drawn[1],
        onset="gradual",
        mechanism=None,
    )
)


def _wells(raw: dict[str, Any]) -> int:
    return sum(raw.get(item) is True for item in WELLS_ITEMS) - 2 * (raw["onset"] == "sudden")


def _in_a_leg(raw: dict[str, Any]) -> bool:
    return raw["region"] in LEG_REGIONS or any(raw.get(sign) is True for sign in LEG_SIGNS)


def _without(raw: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {**raw, **dict.fromkeys(keys, False)}


@PROPERTY
@given(raw_answers(can_walk_normally=False))
def test_no_running_verdict_while_the_runner_cannot_walk_normally_in_any_region(
    raw: dict[str, Any],
) -> None:
    result = _assess(raw)
    assert not result.verdict.allows_running
    assert result.verdict >= Verdict.PAUSE_RUNNING


@PROPERTY
@given(raw_answers(can_walk_normally=False))
def test_a_limp_after_an_injury_moment_or_for_three_days_always_sees_a_clinician(
    raw: dict[str, Any],
) -> None:
    injury = (
        raw["onset"] == "sudden"
        or raw["felt_pop"]
        or raw["mechanism"] in INJURY_MECHANISMS
        or raw["days_since_onset"] >= 3
    )
    event("limp after an injury moment or for 3+ days" if injury else "new gradual limp")
    result = _assess(raw)
    assert (LIMP_FLAG in result.red_flags) is injury
    if injury:
        assert result.verdict >= Verdict.SEE_CLINICIAN


@PROPERTY
@given(NEW_GRADUAL_LIMP)
def test_a_new_gradual_limp_alone_pauses_running_with_the_limp_as_a_reason(
    raw: dict[str, Any],
) -> None:
    result = _assess(raw)
    event(f"red flag: {bool(result.red_flags)}, verdict: {result.verdict.name}")
    assert LIMP_FLAG not in result.red_flags
    if result.red_flags:  # a condition-specific answer drawn alarming (a heel raise, a knee)
        return
    assert result.verdict >= Verdict.PAUSE_RUNNING
    if result.verdict is Verdict.PAUSE_RUNNING:
        assert LIMP_PAUSE in {r.rule for r in result.reasons}
        assert result.start_stage == 1


@PROPERTY
@given(st.one_of(raw_answers(), NEW_GRADUAL_LIMP))
def test_a_pause_rule_never_makes_a_verdict_less_restrictive(raw: dict[str, Any]) -> None:
    answers = parse_answers(raw, "property")
    without = assess(answers, replace(KB, pause_rules=()), TODAY)
    with_pauses = assess(answers, KB, TODAY)
    event(f"the pause rules changed the verdict: {with_pauses.verdict != without.verdict}")
    assert with_pauses.verdict >= without.verdict


@PROPERTY
@given(
    st.sampled_from(RUPTURE_REGIONS).flatmap(
        lambda region: raw_answers(region=region, onset="sudden", felt_pop=True)
    ),
    st.sampled_from([False, None]),
)
def test_an_achilles_rupture_pattern_refers_urgently_whatever_the_lower_leg_region(
    raw: dict[str, Any], heel_raise: bool | None
) -> None:
    result = _assess({**raw, "single_leg_heel_raise_possible": heel_raise})
    assert RUPTURE_FLAG in result.red_flags
    assert result.verdict is Verdict.REFER_URGENT
    assert any("Thompson" in note for note in result.clinician_notes)


@PROPERTY
@given(raw_answers(region="calf", single_leg_heel_raise_possible=True))
def test_a_calf_strain_that_can_rise_onto_the_toes_is_never_a_suspected_rupture(
    raw: dict[str, Any],
) -> None:
    assert RUPTURE_FLAG not in _assess(raw).red_flags


@PROPERTY
@given(raw_answers(region="achilles", onset="sudden", can_walk_normally=False))
def test_sudden_achilles_pain_with_a_limp_always_sees_a_clinician(raw: dict[str, Any]) -> None:
    result = _assess(raw)
    assert result.verdict >= Verdict.SEE_CLINICIAN
    assert result.clinician_notes


@PROPERTY
@given(
    raw_answers(onset="gradual"),
    st.sets(st.sampled_from(WELLS_ITEMS), min_size=2),
    st.sampled_from(LEG_REGIONS),
)
def test_wells_2_or_more_in_a_leg_always_refers_urgently(
    raw: dict[str, Any], items: set[str], region: str
) -> None:
    raw = {**raw, **dict.fromkeys(items, True), "region": region}
    if region in OTTAWA_REGIONS:
        raw = {**raw, **{key: raw.get(key, True) for key in OTTAWA_KEYS}}
    assert _wells(raw) >= 2
    result = _assess(raw)
    assert "dvt_suspected" in result.red_flags
    assert result.verdict is Verdict.REFER_URGENT


@PROPERTY
@given(raw_answers())
def test_the_wells_score_decides_the_blood_clot_flags(raw: dict[str, Any]) -> None:
    flags = set(_assess(raw).red_flags)
    likely = _wells(raw) >= 2 and _in_a_leg(raw)
    swollen = any(raw.get(key) is True for key in SWELLING)
    event(f"Wells >= 2 in a leg: {likely}; swollen: {swollen}")
    assert ("dvt_suspected" in flags) is likely
    assert ("dvt_not_excluded" in flags) is (swollen and _wells(raw) < 2)


@PROPERTY
@given(raw_answers(calf_deep_tenderness=True))
def test_calf_tenderness_alone_never_refers_for_a_blood_clot(raw: dict[str, Any]) -> None:
    others = tuple(item for item in WELLS_ITEMS if item != "calf_deep_tenderness")
    result = _assess(_without(raw, others))
    assert not set(DVT_FLAGS) & set(result.red_flags)


@PROPERTY
@given(
    raw_answers(**{**calm_screening(), "calf_deep_tenderness": True}, region="calf", onset="sudden")
)
def test_a_typical_calf_strain_sudden_and_tender_without_swelling_is_not_a_clot_referral(
    raw: dict[str, Any],
) -> None:
    result = _assess(raw)
    assert not set(DVT_FLAGS) & set(result.red_flags)
    assert result.verdict is not Verdict.REFER_URGENT


@PROPERTY
@given(raw_answers(), st.sampled_from(SWELLING))
def test_a_swollen_leg_always_sees_a_clinician_at_least(raw: dict[str, Any], key: str) -> None:
    result = _assess({**raw, key: True})
    assert result.verdict >= Verdict.SEE_CLINICIAN
    assert set(DVT_FLAGS) & set(result.red_flags)


@PROPERTY
@given(raw_answers(foot_drop_or_weakness=True))
def test_foot_drop_or_progressive_weakness_always_refers_urgently(raw: dict[str, Any]) -> None:
    _triggered("foot_drop_or_progressive_weakness", raw)
    assert _assess(raw).verdict is Verdict.REFER_URGENT


@PROPERTY
@given(
    raw_answers(nerve_symptoms_both_legs=True),
    st.sampled_from(["radiating_pain_below_knee", "numbness_or_tingling"]),
)
def test_nerve_symptoms_in_both_legs_always_refer_urgently_as_a_cauda_equina_warning(
    raw: dict[str, Any], symptom: str
) -> None:
    result = _assess({**raw, symptom: True})
    assert "bilateral_leg_nerve_symptoms" in result.red_flags
    assert result.verdict is Verdict.REFER_URGENT
    assert "cauda_equina_syndrome" in {lc.id for lc in result.likely_conditions}


@PROPERTY
@given(raw_answers(numbness_or_tingling=True))
def test_pins_and_needles_always_see_a_clinician_in_every_region(raw: dict[str, Any]) -> None:
    assert _assess(raw).verdict >= Verdict.SEE_CLINICIAN


@PROPERTY
@given(
    st.sampled_from(FOOT_REGIONS).flatmap(
        lambda region: raw_answers(
            region=region, numbness_or_tingling=True, radiating_pain_below_knee=False
        )
    )
)
def test_a_tingling_foot_is_named_a_foot_nerve_not_sciatica(raw: dict[str, Any]) -> None:
    flags = _assess(raw).red_flags
    assert "tarsal_tunnel_features" in flags
    assert "radicular_features" not in flags


@PROPERTY
@given(st.sampled_from(["shin", "calf"]).flatmap(lambda r: raw_answers(region=r)))
def test_pain_that_builds_in_every_run_and_eases_with_rest_flags_a_compartment_syndrome(
    raw: dict[str, Any],
) -> None:
    _triggered(
        "exertional_compartment_syndrome_suspected",
        {**raw, "exertional_tightness_eases_with_rest": True},
    )


@PROPERTY
@given(raw_answers(hot_swollen_joint=True))
def test_a_hot_swollen_joint_sees_a_clinician_and_with_a_fever_or_no_injury_refers_urgently(
    raw: dict[str, Any],
) -> None:
    result = _assess(raw)
    event(f"fever: {raw['fever_or_unwell']}, onset: {raw['onset']}")
    assert result.verdict >= Verdict.SEE_CLINICIAN
    if raw["fever_or_unwell"]:
        assert "septic_joint_suspected" in result.red_flags
    if raw["fever_or_unwell"] or raw["onset"] == "gradual":
        assert result.verdict is Verdict.REFER_URGENT


@PROPERTY
@given(raw_answers(), st.sampled_from(SERIOUS))
def test_a_non_mechanical_feature_always_raises_the_serious_pathology_flag(
    raw: dict[str, Any], key: str
) -> None:
    _triggered("cancer_or_serious_pathology_flags", {**raw, key: True})


@PROPERTY
@given(
    st.integers(28, 400).flatmap(
        lambda days: raw_answers(rest_pain=True, morning_trend="worsening", days_since_onset=days)
    )
)
def test_rest_pain_or_a_worsening_month_alone_is_never_serious_pathology(
    raw: dict[str, Any],
) -> None:
    calm = _without(raw, (*SERIOUS, "fever_or_unwell"))
    assert "cancer_or_serious_pathology_flags" not in _assess(calm).red_flags


def test_the_squeeze_test_note_reaches_the_clinician_in_the_assessment_json() -> None:
    rupture = {**_CALM, "region": "calf", "onset": "sudden", "felt_pop": True}
    payload = assessment_to_json(_assess(rupture), KB)
    assert any("Thompson" in note for note in payload["clinician_notes"])
    calm = assessment_to_json(_assess({**_CALM, "region": "calf", "onset": "gradual"}), KB)
    assert calm["clinician_notes"] == []
