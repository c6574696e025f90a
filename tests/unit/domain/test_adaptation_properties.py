"""The adaptation engine's safety properties, on any log hypothesis can think of."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings

from runrehab.domain.adaptation.doses import prescribed, rolled
from runrehab.domain.adaptation.engine import DecisionKind, replay, step
from runrehab.domain.adaptation.state import EngineState, initial_state
from runrehab.domain.assessment import assess
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.log import CheckIn, ExerciseLog
from runrehab.domain.profile import RunnerProfile
from runrehab.knowledge.loader import load_knowledge_base
from runrehab.render.serialize import decision_to_json
from runrehab.schemas.answers import parse_answers
from runrehab.schemas.log import parse_jsonl
from tests.conftest import raw_answers
from tests.strategies import log_lines

KB: KnowledgeBase = load_knowledge_base()
START = date(2026, 12, 1)
PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RUNNER = parse_answers(
    raw_answers(
        weekly_km_now=20,
        longest_run_30d_km=8,
        pain_rest=1,
        pain_during_run=2,
        baseline_morning_pain=2,
    ),
    "runner",
)


def _start(profile: RunnerProfile | None = None) -> EngineState:
    return initial_state(assess(RUNNER, KB, START), RUNNER, profile or RunnerProfile(), KB)


def _entries(lines: list[dict[str, Any]]):  # type: ignore[no-untyped-def]
    return parse_jsonl("\n".join(json.dumps(line) for line in lines), "log", KB.exercises)


@PROPERTY
@given(log_lines())
def test_never_more_than_one_progression_per_day(lines: list[dict[str, Any]]) -> None:
    progress_days = [
        d.on for d in replay(_start(), _entries(lines), KB) if d.kind is DecisionKind.PROGRESS
    ]
    assert len(progress_days) == len(set(progress_days))


@PROPERTY
@given(log_lines())
def test_never_progress_on_a_day_with_a_failed_pain_check(lines: list[dict[str, Any]]) -> None:
    """A failed check regresses, or (in a flare-up that already cut it) holds: never progresses."""
    state = _start()
    failed_days: set[date] = set()
    for index, entry in enumerate(_entries(lines)):
        state, decision = step(state, entry, index, KB)
        if any(d == entry.on and not passed for d, passed in state.checks[-1:]):
            failed_days.add(entry.on)
        if decision.kind is DecisionKind.PROGRESS:
            assert entry.on not in failed_days
        if isinstance(entry, ExerciseLog) and entry.pain > 3:
            assert decision.kind is not DecisionKind.PROGRESS


@PROPERTY
@given(log_lines())
def test_a_red_flag_always_refers_and_the_plan_stays_referred(lines: list[dict[str, Any]]) -> None:
    entries = _entries(lines)
    referred = False
    for entry, decision in zip(entries, replay(_start(), entries, KB), strict=True):
        if isinstance(entry, CheckIn) and entry.red_flags:
            assert decision.kind is DecisionKind.REFER
        referred = referred or decision.kind is DecisionKind.REFER
        if referred:
            assert decision.kind is DecisionKind.REFER


def _doses(state: EngineState) -> dict[str, tuple[float, ...]]:
    """Each exercise's place on its progression (added load, then the harder variation, then
    the volume of sets x reps or seconds: 2 x 6 comes after 1 x 8) and the running allowance."""
    values = {}
    for exercise_id, dose in state.doses.items():
        p = prescribed(KB.exercises[exercise_id], dose, KB.dosage)
        measure = next(int(str(p[k])) for k in ("reps", "hold_s", "duration_s") if k in p)
        volume = int(str(p["sets"])) * measure
        values[exercise_id] = (dose.load_kg, float(dose.harder), float(volume))
    run = state.run
    values["running"] = (run.weekly_km, float(run.phase), float(run.allowed))
    return values


@PROPERTY
@given(log_lines())
def test_a_regress_never_increases_any_dose(lines: list[dict[str, Any]]) -> None:
    state = _start(RunnerProfile(equipment="gym"))
    for index, entry in enumerate(_entries(lines)):
        # the week turning (a weekly build or hold) comes before the decision, not from it
        state = replace(state, run=rolled(state.run, entry.on, KB.dosage))
        before = _doses(state)
        state, decision = step(state, entry, index, KB)
        if decision.kind is DecisionKind.REGRESS:
            after = _doses(state)
            assert all(after[key] <= old for key, old in before.items() if key != "running")
            assert all(n <= o for n, o in zip(after["running"], before["running"], strict=True))


@PROPERTY
@given(log_lines(max_size=15))
def test_every_decision_explains_itself_with_cited_reasons(lines: list[dict[str, Any]]) -> None:
    for decision in replay(_start(), _entries(lines), KB):
        out = decision_to_json(decision, KB)
        assert out["reasons"]
        assert all(r["citation"]["text"] and "{" not in r["says"] for r in out["reasons"])
        assert out["decision"] in {"progress", "hold", "regress", "refer"}
