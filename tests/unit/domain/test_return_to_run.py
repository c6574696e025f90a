"""Return to running and after: the entry gates to walk/run, the maintenance stage every rehab
protocol ends with, and the prevention programme for runners without pain."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from runrehab.domain.adaptation.engine import DecisionKind, replay_with_state
from runrehab.domain.adaptation.state import initial_state
from runrehab.domain.assessment import assess
from runrehab.domain.intake import RETURN_TO_RUN_READY, IntakeAnswers
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.log import CheckIn
from runrehab.domain.planning import build_plan
from runrehab.domain.profile import RunnerProfile
from runrehab.domain.rules import Compare
from runrehab.domain.verdicts import Verdict
from runrehab.knowledge.loader import load_knowledge_base
from runrehab.schemas.answers import parse_answers
from tests.strategies import calm_screening

KB: KnowledgeBase = load_knowledge_base()
MONDAY = date(2026, 11, 30)
PHT = "proximal_hamstring_tendinopathy"


def _answers(**changes: Any) -> IntakeAnswers:
    raw = {
        "region": "buttock_sit_bone",
        "onset": "gradual",
        "days_since_onset": 60,
        **calm_screening(),
        "weekly_km_now": 0,
        "pain_rest": 1,
        "baseline_morning_pain": 2,
    }
    return parse_answers({**raw, **changes}, "test")


def _with_gate(gate: str) -> KnowledgeBase:
    """The shipped knowledge base with proximal hamstring tendinopathy behind another gate."""
    pht = replace(KB.conditions[PHT], return_to_run_gate=gate)
    return replace(KB, conditions={**KB.conditions, PHT: pht})


# -- the gates -------------------------------------------------------------------------------


def test_every_rehab_condition_names_a_gate_with_cited_criteria() -> None:
    for condition in KB.conditions.values():
        if condition.pathway != "rehab":
            continue
        gate = KB.gate_for(condition.id)
        assert gate is not None, condition.id
        assert all(rule.citation in KB.citations for rule in gate.criteria)


def test_the_general_gate_needs_a_pain_free_walk_calf_raises_and_easy_hops() -> None:
    gate = KB.return_to_run["walk_run_entry"]
    ready = {"tests.brisk_walk_30min_pain_free": True, "single_leg_calf_raises": 20, "hop_pain": 2}
    assert gate.met(ready)
    for missing in ready:
        assert not gate.met({k: v for k, v in ready.items() if k != missing}), missing
    assert not gate.met({**ready, "single_leg_calf_raises": 19})
    assert not gate.met({**ready, "hop_pain": 3})


def test_the_assessment_tells_the_verdict_rules_whether_the_gate_is_met() -> None:
    kb = _with_gate("walk_run_entry")
    pht = kb.conditions[PHT]
    restart = replace(
        pht.verdict_rules[0],
        id="restart_when_ready",
        when=Compare(RETURN_TO_RUN_READY, "is", True),
        verdict=Verdict.RUN_MODIFIED,
        max_stage=None,
    )
    kb = replace(
        kb,
        conditions={
            **kb.conditions,
            PHT: replace(pht, verdict_rules=(restart, *pht.verdict_rules)),
        },
    )
    walked = {"tests": {"brisk_walk_30min_pain_free": True}, "single_leg_calf_raises": 25}
    assert assess(_answers(**walked, hop_pain=1), kb, MONDAY).reasons[0].rule == restart.id
    with_pain = assess(_answers(**walked, hop_pain=5), kb, MONDAY)
    assert with_pain.reasons[0].rule != restart.id


# -- the engine restarts running on the gate --------------------------------------------------


def _checkin(day: int, **values: Any) -> CheckIn:
    return CheckIn(id=f"c{day}", on=MONDAY + timedelta(days=day), monitoring_pain=2, **values)


def test_running_restarts_at_walk_run_phase_1_once_every_criterion_of_the_gate_holds() -> None:
    kb = _with_gate("walk_run_entry")
    answers = _answers()
    result = assess(answers, kb, MONDAY)
    assert result.verdict is Verdict.PAUSE_RUNNING
    state = initial_state(result, answers, RunnerProfile(), kb)
    walked = replace(_checkin(1).tests, brisk_walk_30min_pain_free=True)
    entries = [
        _checkin(1, tests=walked, hop_pain=1),  # no calf raises yet: still paused
        _checkin(2, single_leg_calf_raises=22),  # every criterion now holds
    ]
    state, decisions = replay_with_state(state, entries, kb)
    assert decisions[0].kind is DecisionKind.HOLD
    assert decisions[1].kind is DecisionKind.PROGRESS
    assert decisions[1].reasons[0].rule == "running_restarts"
    assert "20 single-leg calf raises" in decisions[1].reasons[0].says
    assert (state.run.allowed, state.run.mode, state.run.phase) == (True, "walk_run", 1)


def test_a_hop_that_hurts_keeps_running_paused() -> None:
    kb = _with_gate("walk_run_entry")
    answers = _answers(single_leg_calf_raises=30, tests={"brisk_walk_30min_pain_free": True})
    state = initial_state(assess(answers, kb, MONDAY), answers, RunnerProfile(), kb)
    state, decisions = replay_with_state(state, [_checkin(1, hop_pain=4)], kb)
    assert not state.run.allowed
    assert decisions[0].kind is DecisionKind.HOLD


# -- the plan while running is paused, and the walk/run sessions after ------------------------


def test_a_paused_plan_lists_the_entry_criteria_with_their_sources() -> None:
    kb = _with_gate("walk_run_entry")
    answers = _answers()
    plan = build_plan(assess(answers, kb, MONDAY), answers, RunnerProfile(), kb, MONDAY, 4)
    assert plan.runs == ()
    assert [r.rule for r in plan.return_to_run] == [
        "brisk_walk_30_min_pain_free",
        "calf_raises_20",
        "hop_pain_low",
    ]
    assert all(r.citation in KB.citations for r in plan.return_to_run)
    assert any("walk/run phase 1" in note and "30-minute brisk walk" in note for note in plan.notes)


def test_once_cleared_the_plan_runs_walk_run_intervals_with_a_rest_day_between_runs() -> None:
    answers = _answers(tests={"slow_jog_pain_free": True})
    profile = RunnerProfile(run_days=frozenset(range(7)))
    plan = build_plan(assess(answers, KB, MONDAY), answers, profile, KB, MONDAY, 2)
    assert plan.return_to_run == ()
    runs = [s for s in plan.runs if s.run is not None]
    assert runs
    assert all(s.run and s.run.walk_run for s in runs)
    assert "2 min walk / 3 min run" in (runs[0].run.walk_run or "")
    days = [s.date for s in runs]
    assert all((b - a).days >= 2 for a, b in itertools.pairwise(days))


# -- maintenance at the end of every rehab protocol ------------------------------------------


def test_every_rehab_protocol_ends_with_the_maintenance_stage() -> None:
    maintenance = KB.protocols["prevention"].stages[-1]
    for condition in KB.conditions.values():
        if condition.pathway != "rehab" or condition.protocol is None:
            continue
        stages = KB.protocols[condition.protocol].stages
        assert stages[-1].id == maintenance.id, condition.protocol
        assert stages[-1].number == len(stages)
        assert stages[-2].advance_when, f"{condition.protocol}: no way into maintenance"


def test_a_runner_back_to_full_pain_free_running_starts_in_maintenance() -> None:
    answers = _answers(
        weekly_km_now=40,
        weekly_km_before_injury=40,
        longest_run_30d_km=14,
        pain_rest=0,
        pain_during_run=0,
        pain_next_morning=0,
        baseline_morning_pain=0,
        tests={"drop_lunge_pain_free": True, "hamstring_curl_10rm_equal": True},
    )
    result = assess(answers, KB, MONDAY)
    stages = KB.protocols["pht_goom_staged"].stages
    assert result.start_stage == stages[-1].number
    plan = build_plan(result, answers, RunnerProfile(), KB, MONDAY, 4)  # Nordics come in week 3
    assert {i.exercise for s in plan.sessions for i in s.items} >= {"nordic_hamstring_curl"}


# -- prevention for runners without pain -------------------------------------------------------


def test_a_runner_without_pain_gets_the_prevention_programme_and_may_run() -> None:
    answers = _answers(region="no_pain", pain_rest=None, baseline_morning_pain=None)
    answers = replace(answers, weekly_km_now=30, longest_run_30d_km=12)
    result = assess(answers, KB, MONDAY)
    assert (result.verdict, result.condition) == (Verdict.RUN_OK, "healthy_runner")
    assert result.likely_conditions[0].id == "healthy_runner"
    assert "prevention_programme" in result.education
    plan = build_plan(result, answers, RunnerProfile(), KB, MONDAY, 4)  # Nordics come in week 3
    exercises = {i.exercise for s in plan.sessions for i in s.items}
    assert {"nordic_hamstring_curl", "calf_raise_single_leg", "leg_swings_front_back"} <= exercises
    assert plan.runs


def test_no_pain_with_a_pain_score_cannot_be_placed_and_sees_a_clinician() -> None:
    result = assess(_answers(region="no_pain", pain_rest=3), KB, MONDAY)
    assert result.verdict is Verdict.SEE_CLINICIAN
    assert result.reasons[0].rule == "no_pain_but_pain_scores"


def test_red_flags_still_win_for_a_runner_without_pain() -> None:
    result = assess(_answers(region="no_pain", pain_rest=None, fever_or_unwell=True), KB, MONDAY)
    assert result.verdict is Verdict.REFER_URGENT
