"""The plan each condition generates, from its vignettes: the runner of every rehab or prevention
vignette gets sessions from that condition's protocol, runs only when the verdict allows them,
and the condition's education cards."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from runrehab.domain.assessment import assess
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.planning import build_plan
from runrehab.domain.profile import RunnerProfile
from runrehab.domain.verdicts import Verdict
from runrehab.knowledge.loader import load_knowledge_base
from runrehab.schemas.answers import parse_answers
from tests.conftest import raw_answers
from tests.unit.domain.test_assessment import VIGNETTES

KB: KnowledgeBase = load_knowledge_base()
MONDAY = date(2026, 11, 30)
PLANNED = [
    case
    for case in VIGNETTES
    if case["expect"].get("top") in KB.conditions
    and KB.conditions[case["expect"]["top"]].has_plan
    and Verdict[case["expect"]["verdict"]].allows_rehab
]


def _prescribed(kb: KnowledgeBase, protocol: str) -> set[str]:
    """Every exercise the protocol can put in a session, with the easier variations used when
    equipment is missing."""
    ids = {p.exercise for stage in kb.protocols[protocol].stages for p in stage.prescriptions}
    easier = {kb.exercises[i].easier for i in ids}
    return ids | {v.exercise for v in easier if v is not None and v.exercise}


@pytest.mark.parametrize("case", PLANNED, ids=[c["name"] for c in PLANNED])
@pytest.mark.parametrize("equipment", ["none", "gym"])
def test_the_vignette_runner_gets_the_conditions_plan(case: dict[str, Any], equipment: str) -> None:
    answers = parse_answers(raw_answers(**case["answers"]), case["name"])
    result = assess(answers, KB, MONDAY)
    condition = KB.conditions[case["expect"]["top"]]
    assert result.condition == condition.id
    profile = RunnerProfile(equipment=equipment)
    plan = build_plan(result, answers, profile, KB, MONDAY, 8)
    assert condition.protocol is not None
    used = {i.exercise for s in plan.sessions for i in s.items}
    assert used, "a plan with no exercise at all"
    assert used <= _prescribed(KB, condition.protocol)
    assert bool(plan.runs) is result.verdict.allows_running
    # the condition's cards first; an advisory's cards (energy, age) may follow them
    assert plan.education[: len(condition.education)] == condition.education
    assert all(card in KB.education for card in plan.education)


def test_every_rehab_and_prevention_condition_has_a_planned_vignette() -> None:
    planned = {case["expect"]["top"] for case in PLANNED}
    with_plans = {c.id for c in KB.conditions.values() if c.has_plan}
    assert sorted(with_plans - planned) == []
