"""Advisories: advice that joins any verdict without changing it (energy availability first)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runrehab.domain.assessment import assess
from runrehab.domain.intake import ENERGY_RISK_KEYS, IntakeAnswers
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.verdicts import Verdict
from runrehab.knowledge.loader import load_knowledge_base
from runrehab.render.serialize import assessment_to_json
from runrehab.schemas.answers import parse_answers
from tests.strategies import calm_screening, raw_answers

TODAY = date(2026, 12, 1)
KB = load_knowledge_base()
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ENERGY_ADVICE = "low_energy_availability_risk"


def test_a_runner_with_no_pain_and_missed_periods_keeps_running_and_is_sent_to_a_sports_physician(
    kb: KnowledgeBase, answers: Callable[..., IntakeAnswers]
) -> None:
    result = assess(answers(region="no_pain", sex="female", amenorrhoea=True), kb, TODAY)
    assert result.verdict is Verdict.RUN_OK
    assert [r.rule for r in result.advisories] == [ENERGY_ADVICE]
    assert any("sports physician" in action for action in result.actions)
    assert "energy_availability" in result.education
    assert all("none of the warning signs" not in r.says for r in result.reasons)


def test_the_advice_joins_a_referral_too(
    kb: KnowledgeBase, answers: Callable[..., IntakeAnswers]
) -> None:
    result = assess(answers(saddle_numbness=True, previous_stress_fracture=True), kb, TODAY)
    assert result.verdict is Verdict.REFER_URGENT
    assert "emergency" in result.actions[0].lower()  # the red flag's action comes first
    assert any("sports physician" in action for action in result.actions[1:])


def test_the_json_lists_each_advisory_with_its_source(
    kb: KnowledgeBase, answers: Callable[..., IntakeAnswers]
) -> None:
    payload = assessment_to_json(assess(answers(low_energy_or_libido=True), kb, TODAY), kb)
    (advice,) = payload["advisories"]
    assert advice["rule"] == ENERGY_ADVICE
    assert advice["evidence"] == "partial"
    assert "Mountjoy" in advice["citation"]["text"] or "Stellingwerff" in advice["citation"]["text"]


@PROPERTY
@given(raw_answers(), st.sampled_from(ENERGY_RISK_KEYS))
def test_any_energy_risk_factor_brings_the_advice_whatever_else_was_answered(
    raw: dict[str, Any], key: str
) -> None:
    result = assess(parse_answers({**raw, key: True}, "property"), KB, TODAY)
    assert ENERGY_ADVICE in {r.rule for r in result.advisories}
    assert any("sports physician" in action for action in result.actions)


@PROPERTY
@given(raw_answers(region="no_pain", **calm_screening()))
def test_without_a_risk_factor_there_is_no_energy_advice(raw: dict[str, Any]) -> None:
    raw = {**raw, **dict.fromkeys(ENERGY_RISK_KEYS, False)}
    result = assess(parse_answers(raw, "property"), KB, TODAY)
    assert ENERGY_ADVICE not in {r.rule for r in result.advisories}
