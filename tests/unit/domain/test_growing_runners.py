"""Runners under 18, as properties: growing bones never get an adult plan without a clinician.

The rules are red_flags/growing_runners.yaml and advisories/age.yaml; every other answer is drawn
at random (tests/strategies.py), so the properties hold whatever else the runner said.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runrehab.domain.assessment import Assessment, assess
from runrehab.domain.intake import REGIONS
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.verdicts import Verdict
from runrehab.knowledge.loader import load_knowledge_base
from runrehab.schemas.answers import parse_answers
from tests.strategies import calm_screening, raw_answers

KB: KnowledgeBase = load_knowledge_base()
TODAY = date(2026, 12, 1)
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PAIN_REGIONS = tuple(r for r in REGIONS if r != "no_pain")
SCFE_FLAG = "slipped_capital_femoral_epiphysis_possible"
SCFE_REGIONS = (
    "groin_hip",
    "side_of_hip",
    "front_of_thigh",
    "back_of_thigh",
    "front_of_knee",
    "outer_knee",
    "back_of_knee",
)
GROWING_FLAGS = frozenset(
    {
        SCFE_FLAG,
        "apophyseal_avulsion_with_limp",
        "apophyseal_avulsion_suspected",
        "calcaneal_apophysitis_likely",
        "knee_apophysitis_likely",
        "growing_runner_pain",
    }
)
AGE_ADVICE = frozenset({"under_13_with_a_parent", "growing_teenager"})


def _assess(raw: dict[str, Any]) -> Assessment:
    return assess(parse_answers(raw, "property"), KB, TODAY)


def _aged(
    ages: st.SearchStrategy[int] | st.SearchStrategy[None], regions: tuple[str, ...] = REGIONS
) -> st.SearchStrategy[dict[str, Any]]:
    """Any answers, with the age drawn from `ages` and the region from `regions` (drawn first, so
    the Ottawa answers an ankle or midfoot needs are drawn too)."""
    return st.tuples(ages, st.sampled_from(regions)).flatmap(
        lambda pair: raw_answers(age=pair[0], region=pair[1])
    )


def _mentions_a_parent(result: Assessment) -> bool:
    return any("parent" in action.lower() for action in result.actions)


def test_the_growing_runner_flags_are_the_shipped_ones() -> None:
    """The ids this file reasons about exist, so a renamed rule cannot make a property vacuous."""
    assert {f.rule.id for f in KB.red_flags} >= GROWING_FLAGS
    assert {a.rule.id for a in KB.advisories} >= AGE_ADVICE


@PROPERTY
@given(_aged(st.integers(5, 17), PAIN_REGIONS))
def test_under_18_with_any_pain_never_gets_a_running_verdict_or_a_plan_without_a_clinician(
    raw: dict[str, Any],
) -> None:
    result = _assess(raw)
    assert result.condition is None
    assert result.start_stage is None
    assert result.verdict >= Verdict.SEE_CLINICIAN
    assert not result.verdict.allows_running
    assert "growing_runner_pain" in result.red_flags


@PROPERTY
@given(_aged(st.integers(5, 12)))
def test_under_13_some_action_mentions_a_parent_whatever_the_answers(raw: dict[str, Any]) -> None:
    result = _assess(raw)
    assert _mentions_a_parent(result), result.actions
    assert any("clinician" in a or "doctor" in a or "physio" in a for a in result.actions)


@PROPERTY
@given(_aged(st.integers(8, 16), SCFE_REGIONS))
def test_an_adolescent_with_a_limp_and_hip_thigh_or_knee_pain_always_refers_urgently(
    raw: dict[str, Any],
) -> None:
    result = _assess({**raw, "can_walk_normally": False})
    assert result.verdict is Verdict.REFER_URGENT
    assert SCFE_FLAG in result.red_flags
    assert any("hip" in action for action in result.actions)


@PROPERTY
@given(_aged(st.integers(5, 17), ("buttock_sit_bone", "groin_hip", "side_of_hip")))
def test_a_sudden_pelvic_pain_under_18_always_needs_an_x_ray_decision(raw: dict[str, Any]) -> None:
    result = _assess({**raw, "onset": "sudden"})
    assert "apophyseal_avulsion_suspected" in result.red_flags
    if not raw["can_walk_normally"]:
        assert result.verdict is Verdict.REFER_URGENT


@PROPERTY
@given(_aged(st.none()))
def test_no_growing_runner_rule_fires_when_the_age_was_not_given(raw: dict[str, Any]) -> None:
    result = _assess(raw)
    assert not GROWING_FLAGS & set(result.red_flags)
    assert not AGE_ADVICE & {a.rule for a in result.advisories}


@PROPERTY
@given(_aged(st.integers(18, 90)))
def test_from_18_the_adult_pathways_apply(raw: dict[str, Any]) -> None:
    result = _assess(raw)
    assert not GROWING_FLAGS & set(result.red_flags)
    assert not AGE_ADVICE & {a.rule for a in result.advisories}


@PROPERTY
@given(st.integers(5, 17), st.integers(0, 60))
def test_a_calm_runner_under_18_with_no_pain_keeps_running_with_age_advice(
    age: int, weekly_km: int
) -> None:
    raw = {
        "region": "no_pain",
        "onset": "gradual",
        "days_since_onset": 0,
        **calm_screening(),
        "age": age,
        "weekly_km_now": weekly_km,
    }
    result = _assess(raw)
    assert result.verdict is Verdict.RUN_OK
    assert result.condition == "healthy_runner"
    expected = "under_13_with_a_parent" if age < 13 else "growing_teenager"
    assert [a.rule for a in result.advisories] == [expected]
    assert "growing_runners" in result.education
    assert _mentions_a_parent(result)


def test_under_13_with_no_pain_does_the_programme_with_a_parent_and_checks_with_a_clinician() -> (
    None
):
    raw = {"region": "no_pain", "onset": "gradual", "days_since_onset": 0, **calm_screening()}
    result = _assess({**raw, "age": 10})
    advice = next(a for a in result.actions if "prevention programme" in a)
    assert "parent or carer" in advice
    assert "clinician" in advice


def test_the_slipped_hip_referral_says_knee_pain_can_come_from_the_hip() -> None:
    raw = {"region": "front_of_knee", "onset": "gradual", "days_since_onset": 21}
    result = _assess({**raw, **calm_screening(), "age": 13, "can_walk_normally": False})
    says = next(r.says for r in result.reasons if r.rule == SCFE_FLAG)
    assert "Knee pain can come from the hip" in says
    assert "slipped_hip_growth_plate" in result.education


def test_every_growing_runner_pathway_has_cards_for_a_young_runner_and_a_parent() -> None:
    pathways = {f.pathway for f in KB.red_flags if f.rule.id in GROWING_FLAGS}
    for pathway in pathways:
        assert pathway is not None
        condition = KB.conditions[pathway]
        assert condition.pathway == "red_flag"
        assert "growing_runners" in condition.education
        assert all(card in KB.education for card in condition.education)
