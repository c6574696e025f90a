"""Bone stress injuries in every weight-bearing region, as properties (issue 14, section 1).

The rules live in red_flags/bone_stress.yaml; these properties state what a careful sports
physiotherapist expects of them over random answers: a bony sign never leaves a running verdict,
risk factors only ever raise the priority, the hip is referred the same day whatever the hop test
says, and the tendon regions are not swept up by hop pain alone.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runrehab.domain.assessment import Assessment, assess
from runrehab.domain.intake import ENERGY_RISK_KEYS, REGIONS
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.verdicts import Verdict
from runrehab.knowledge.loader import load_knowledge_base
from runrehab.schemas.answers import parse_answers
from tests.strategies import calm_screening, raw_answers, scores

KB: KnowledgeBase = load_knowledge_base()
TODAY = date(2026, 12, 1)
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

BONE_STRESS_PATHWAYS = frozenset(
    {"bone_stress_injury", "femoral_neck_stress_fracture", "pelvic_or_sacral_stress_fracture"}
)
BONE_STRESS_FLAGS = frozenset(f.rule.id for f in KB.red_flags if f.pathway in BONE_STRESS_PATHWAYS)
FEMORAL_NECK_FLAGS = frozenset(
    f.rule.id for f in KB.red_flags if f.pathway == "femoral_neck_stress_fracture"
)
PAINFUL_REGIONS = tuple(r for r in REGIONS if r != "no_pain")
# Over a bone that commonly stress-fractures in runners one sign is enough.
BONE_REGIONS = ("shin", "midfoot", "forefoot", "heel", "ankle", "front_of_thigh")
# The hip is referred the same day; hip pain is often felt in the thigh and knee.
HIP_AND_KNEE = (
    "groin_hip",
    "front_of_thigh",
    "side_of_hip",
    "front_of_knee",
    "outer_knee",
    "back_of_knee",
)
# A tendon hurts on hopping and often follows a training jump: neither is a bony sign there.
JUMPING_TENDON_REGIONS = ("achilles", "calf", "front_of_knee", "outer_knee", "back_of_knee")
NEW_REGIONS = ("front_of_thigh", "side_of_hip", "forefoot", "low_back")


def _assess(raw: dict[str, Any]) -> Assessment:
    return assess(parse_answers(raw, "property"), KB, TODAY)


def _bone_stress(result: Assessment) -> frozenset[str]:
    return frozenset(result.red_flags) & BONE_STRESS_FLAGS


def _fresh_rolled_ankle(raw: dict[str, Any]) -> bool:
    """A sprain's fracture question is the Ottawa rule's, not a stress fracture's."""
    return (
        raw["region"] in ("ankle", "midfoot")
        and raw["onset"] == "sudden"
        and raw["mechanism"] == "rolled_ankle"
    )


def _no_slipped_growth_plate(raw: dict[str, Any]) -> bool:
    """A child of 8-16 with a limp is referred the same day by the slipped-growth-plate rule."""
    age = raw.get("age")
    return age is None or not 8 <= age <= 16 or raw["can_walk_normally"]


def _severs(raw: dict[str, Any]) -> bool:
    """Gradual heel pain at 8-15: a sore heel bone and painful hops are Sever's disease first."""
    age = raw.get("age")
    return (
        age is not None
        and 8 <= age <= 15
        and raw["onset"] == "gradual"
        and raw["region"] in ("heel", "achilles")
    )


def _regions(regions: tuple[str, ...], **fixed: Any) -> st.SearchStrategy[dict[str, Any]]:
    return st.sampled_from(regions).flatmap(lambda region: raw_answers(region=region, **fixed))


def _stopped(raw: dict[str, Any]) -> None:
    result = _assess(raw)
    assert not result.verdict.allows_running
    assert result.verdict >= Verdict.SEE_CLINICIAN
    if raw["region"] in HIP_AND_KNEE and not _no_slipped_growth_plate(raw):
        assert result.verdict is Verdict.REFER_URGENT  # the slipped-growth-plate rule's
    elif not _severs(raw):
        assert _bone_stress(result), result.red_flags


@PROPERTY
@given(_regions(PAINFUL_REGIONS, focal_bone_tenderness=True))
def test_focal_bone_tenderness_in_any_weight_bearing_region_is_never_a_running_verdict(
    raw: dict[str, Any],
) -> None:
    _stopped(raw)


@PROPERTY
@given(_regions(PAINFUL_REGIONS, night_pain_wakes=True))
def test_night_pain_that_wakes_at_any_painful_site_is_never_a_running_verdict(
    raw: dict[str, Any],
) -> None:
    _stopped(raw)


@PROPERTY
@given(_regions(BONE_REGIONS, rest_pain=True))
def test_rest_pain_over_a_bone_is_never_a_running_verdict(raw: dict[str, Any]) -> None:
    _stopped(raw)


@PROPERTY
@given(_regions(BONE_REGIONS), st.integers(3, 10))
def test_hopping_at_3_of_10_or_more_over_a_bone_is_never_a_running_verdict(
    raw: dict[str, Any], hop: int
) -> None:
    raw = {**raw, "hop_pain": hop}
    if _fresh_rolled_ankle(raw) or (raw["region"] == "front_of_thigh" and raw["onset"] == "sudden"):
        return  # the Ottawa rule's sprain; a thigh muscle strain hurts on hopping too
    _stopped(raw)


@PROPERTY
@given(_regions(BONE_REGIONS), st.sampled_from(ENERGY_RISK_KEYS))
def test_any_energy_risk_factor_with_pain_over_a_bone_is_never_a_running_verdict(
    raw: dict[str, Any], key: str
) -> None:
    _stopped({**raw, key: True})


@PROPERTY
@given(
    _regions(("buttock_sit_bone", "low_back")),
    st.sampled_from(ENERGY_RISK_KEYS),
    st.integers(1, 10),
)
def test_buttock_or_low_back_pain_on_running_with_a_risk_factor_is_a_possible_sacral_fracture(
    raw: dict[str, Any], key: str, run_pain: int
) -> None:
    result = _assess({**raw, key: True, "pain_during_run": run_pain})
    assert "pelvic_or_sacral_stress_fracture_suspected" in result.red_flags
    assert not result.verdict.allows_running


@PROPERTY
@given(raw_answers(), st.sampled_from(ENERGY_RISK_KEYS))
def test_risk_factors_never_make_a_bone_stress_verdict_less_restrictive(
    raw: dict[str, Any], key: str
) -> None:
    before = _assess(raw)
    after = _assess({**raw, key: True})
    assert after.verdict >= before.verdict
    assert _bone_stress(before) <= _bone_stress(after)


@PROPERTY
@given(
    _regions(HIP_AND_KNEE, hop_pain=None),
    st.sampled_from(ENERGY_RISK_KEYS),
    st.integers(1, 10),
    scores,
)
def test_hip_thigh_or_knee_pain_with_a_risk_factor_and_running_pain_refers_urgently_whatever_the_hop(
    raw: dict[str, Any], key: str, run_pain: int, hop: int | None
) -> None:
    raw = {**raw, key: True, "pain_during_run": run_pain, "hop_pain": hop}
    result = _assess(raw)
    assert result.verdict is Verdict.REFER_URGENT
    if _no_slipped_growth_plate(raw):
        assert FEMORAL_NECK_FLAGS & set(result.red_flags), result.red_flags


@PROPERTY
@given(_regions(("groin_hip",)), st.integers(1, 10))
def test_groin_pain_on_hopping_refers_urgently(raw: dict[str, Any], hop: int) -> None:
    assert _assess({**raw, "hop_pain": hop}).verdict is Verdict.REFER_URGENT


@PROPERTY
@given(_regions(JUMPING_TENDON_REGIONS, **calm_screening()), scores, st.booleans())
def test_hop_pain_or_a_training_jump_alone_never_calls_a_jumping_tendon_a_bone_stress_injury(
    raw: dict[str, Any], hop: int | None, jump: bool
) -> None:
    result = _assess({**raw, "hop_pain": hop, "recent_training_increase": jump})
    assert not _bone_stress(result), result.red_flags


@PROPERTY
@given(_regions(NEW_REGIONS, focal_bone_tenderness=True))
def test_a_bone_stress_sign_in_a_region_without_a_module_gives_the_bone_stress_reason(
    raw: dict[str, Any],
) -> None:
    result = _assess(raw)
    assert _bone_stress(result)
    assert "region_not_covered" not in {r.rule for r in result.reasons}
    assert BONE_STRESS_PATHWAYS & {lc.id for lc in result.likely_conditions}


@pytest.mark.parametrize("flag", sorted(BONE_STRESS_FLAGS))
def test_every_bone_stress_flag_says_to_stop_impact_and_how_soon_to_be_seen(flag: str) -> None:
    red_flag = next(f for f in KB.red_flags if f.rule.id == flag)
    action = red_flag.action.lower()
    assert "run" in action
    assert any(when in action for when in ("today", "1-2 days", "next few days"))
    if red_flag.pathway == "femoral_neck_stress_fracture":
        assert red_flag.verdict is Verdict.REFER_URGENT
        assert "today" in action


def test_the_knee_referral_says_that_hip_pain_can_be_felt_in_the_knee() -> None:
    flag = next(f for f in KB.red_flags if f.rule.id == "femoral_neck_stress_fracture_risk_factors")
    assert "knee" in flag.rule.says
    card = KB.education["femoral_neck_stress_fracture"]
    assert any("knee" in paragraph for paragraph in card.body)
