"""Product principle 1, as properties: red flags always win, for every possible answer."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runrehab.domain.assessment import assess
from runrehab.domain.intake import SCREENING_KEYS
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.planning import build_plan
from runrehab.domain.profile import RunnerProfile
from runrehab.domain.verdicts import Verdict
from runrehab.knowledge.loader import load_knowledge_base
from runrehab.schemas.answers import parse_answers
from tests.strategies import calm_screening, raw_answers

KB: KnowledgeBase = load_knowledge_base()
TODAY = date(2026, 12, 1)
ALARMING = {key: key != "can_walk_normally" for key in SCREENING_KEYS}
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _assess(raw: dict[str, Any]):  # type: ignore[no-untyped-def]
    return assess(parse_answers(raw, "property"), KB, TODAY)


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
@given(
    raw_answers(),
    st.sampled_from(
        [
            "saddle_numbness",
            "new_bladder_or_bowel_problem",
            "fever_or_unwell",
            "calf_swelling_one_side",
            "pitting_oedema",
        ]
    ),
)
def test_emergency_answers_always_refer_urgently(raw: dict[str, Any], key: str) -> None:
    assert _assess({**raw, key: True}).verdict is Verdict.REFER_URGENT


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
@given(raw_answers())
def test_a_plan_never_contains_a_run_unless_the_verdict_allows_running(raw: dict[str, Any]) -> None:
    answers = parse_answers(raw, "property")
    result = assess(answers, KB, TODAY)
    plan = build_plan(result, answers, RunnerProfile(), KB, TODAY, 4)
    if not result.verdict.allows_running:
        assert plan.runs == ()
    if not result.verdict.allows_rehab:
        assert plan.sessions == ()


def test_running_verdicts_are_reachable_so_the_properties_are_not_vacuous() -> None:
    raw = {
        "region": "buttock_sit_bone",
        "onset": "gradual",
        "days_since_onset": 60,
        **calm_screening(),
        "weekly_km_now": 20,
        "pain_during_run": 2,
    }
    assert _assess(raw).verdict is Verdict.RUN_MODIFIED
