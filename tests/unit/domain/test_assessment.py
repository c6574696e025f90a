"""Assessment specifications: the vignette table, plus the rules every answer path must obey."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from runrehab.domain.assessment import assess
from runrehab.domain.intake import IntakeAnswers
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.verdicts import Verdict

VIGNETTE_FILES = sorted((Path(__file__).parents[2] / "data" / "vignettes").glob("*.yaml"))
VIGNETTES = [case for f in VIGNETTE_FILES for case in yaml.safe_load(f.read_text())]
TODAY = date(2026, 12, 1)


@pytest.mark.parametrize("case", VIGNETTES, ids=[v["name"] for v in VIGNETTES])
def test_vignette(
    case: dict[str, Any], kb: KnowledgeBase, answers: Callable[..., IntakeAnswers]
) -> None:
    result = assess(answers(**case["answers"]), kb, TODAY)
    expect = case["expect"]
    assert result.verdict.name == expect["verdict"]
    if "red_flags" in expect:
        assert list(result.red_flags) == expect["red_flags"]
    if "top" in expect:
        top = result.likely_conditions[0].id if expect["top"] else result.condition
        assert top == expect["top"]
    if "start_stage" in expect:
        assert result.start_stage == expect["start_stage"]
    if "modifications_include" in expect:
        assert set(expect["modifications_include"]) <= {m.rule for m in result.modifications}
    if "low_evidence" in expect:
        assert result.likely_conditions[0].low_evidence is expect["low_evidence"]


def test_every_reason_names_a_known_citation(
    kb: KnowledgeBase, answers: Callable[..., IntakeAnswers]
) -> None:
    for case in VIGNETTES:
        result = assess(answers(**case["answers"]), kb, TODAY)
        assert result.reasons, case["name"]
        assert all(r.citation in kb.citations for r in result.reasons)


def test_a_red_flag_gives_actions_and_never_a_plan_condition(
    kb: KnowledgeBase, answers: Callable[..., IntakeAnswers]
) -> None:
    result = assess(answers(saddle_numbness=True), kb, TODAY)
    assert result.condition is None
    assert result.start_stage is None
    assert "emergency" in result.actions[0].lower()
    assert result.modifications == ()


def test_pause_running_states_the_recheck_date(
    kb: KnowledgeBase, answers: Callable[..., IntakeAnswers]
) -> None:
    result = assess(answers(pain_rest=6), kb, TODAY)
    assert result.verdict is Verdict.PAUSE_RUNNING
    assert result.recheck_on == date(2026, 12, 8)
    assert "2026-12-08" in result.today


def test_modification_texts_fill_in_the_runners_numbers(
    kb: KnowledgeBase, answers: Callable[..., IntakeAnswers]
) -> None:
    result = assess(answers(weekly_km_now=20, longest_run_30d_km=10, pain_during_run=2), kb, TODAY)
    cap = next(m for m in result.modifications if m.rule == "single_run_cap_today")
    assert "11 km" in cap.says
    assert "{" not in cap.says


def test_conditions_are_only_ever_likely_or_possible(
    kb: KnowledgeBase, answers: Callable[..., IntakeAnswers]
) -> None:
    for case in VIGNETTES:
        result = assess(answers(**case["answers"]), kb, TODAY)
        assert {lc.likelihood for lc in result.likely_conditions} <= {"likely", "possible"}
    assert "diagnose" in kb.disclaimer


def test_every_condition_that_can_be_likely_has_a_vignette_where_it_is(kb: KnowledgeBase) -> None:
    """Done means a vignette per condition: each rehab, prevention and red-flag pathway condition
    is the top one in at least one vignette."""
    tops = {case["expect"].get("top") for case in VIGNETTES}
    missing = [c.id for c in kb.conditions.values() if c.pathway != "differential"]
    assert sorted(set(missing) - tops) == []
