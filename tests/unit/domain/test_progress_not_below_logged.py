"""A decision labelled PROGRESS never points below what was just logged: an exercise moves up to
at least what the runner did (up to the ladder's 3 x 10 cap), a run longer than the plan's next
run holds, and more load than planned holds."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given

from runrehab.adapters.serialize import decision_to_json
from runrehab.domain.adaptation.engine import DecisionKind, step
from runrehab.domain.adaptation.state import EngineState
from runrehab.domain.dosing import amount, top_step
from runrehab.domain.log import ExerciseLog, RunLog
from runrehab.domain.profile import RunnerProfile
from runrehab.domain.running import split
from tests.strategies import log_lines
from tests.unit.domain.test_adaptation_properties import KB, PROPERTY, _entries, _start

DAY = date(2026, 12, 1)


def _measure(change: dict[str, Any]) -> int:
    return int(next(change[k] for k in ("reps", "hold_s", "duration_s") if k in change))


def _exercise_ok(before: EngineState, entry: ExerciseLog, change: dict[str, Any]) -> bool:
    """(load, harder variation, volume) of the next dose against the logged one, the logged
    volume capped at the ladder's top: the order the progression climbs in."""
    exercise = KB.exercises[entry.exercise]
    shown = before.dose(entry.exercise)
    top_sets, top_measure = amount(exercise, top_step(exercise, KB.dosage), KB.dosage)
    _, planned_measure = amount(exercise, shown.step, KB.dosage)
    done_measure = entry.reps if exercise.dose.reps else entry.hold_s if exercise.dose.hold_s else 0
    done = (
        entry.load_kg,
        shown.harder,
        min(entry.sets * (done_measure or planned_measure), top_sets * top_measure),
    )
    harder = change["variation"] != exercise.name
    after = (float(change["load_kg"]), harder, int(change["sets"]) * _measure(change))
    return after >= done


def _longest_planned_km(state: EngineState, change: dict[str, Any]) -> float:
    if change["mode"] == "walk_run":
        return float(change["total_km"])
    runs = len(state.run.run_days)
    return max(*split(change["weekly_km"], runs), *split(change["next_week_km"], runs))


@PROPERTY
@given(log_lines())
def test_a_progress_never_points_below_the_entry_just_logged(lines: list[dict[str, Any]]) -> None:
    state = _start(RunnerProfile(equipment="gym"))
    for index, entry in enumerate(_entries(lines)):
        before = state
        state, decision = step(state, entry, index, KB)
        if decision.kind is not DecisionKind.PROGRESS:
            continue
        for change in decision_to_json(decision, KB)["next"]:
            if isinstance(entry, ExerciseLog) and change.get("exercise") == entry.exercise:
                assert _exercise_ok(before, entry, change), (entry, change)
            if isinstance(entry, RunLog) and change["target"] == "running":
                assert entry.distance_km is not None
                assert entry.distance_km <= _longest_planned_km(state, change) + 1e-9


def _exercise(sets: int, reps: int, load_kg: float = 0.0) -> ExerciseLog:
    return ExerciseLog("e-1", DAY, "single_leg_bridge", sets, reps, None, load_kg, pain=1)


def _decide(entry: ExerciseLog | RunLog) -> dict[str, Any]:
    _, decision = step(_start(RunnerProfile(equipment="gym")), entry, 0, KB)
    return decision_to_json(decision, KB)


def _rules(decision: dict[str, Any]) -> list[str]:
    return [r["rule"] for r in decision["reasons"]]


def test_the_planned_dose_still_goes_up_one_step() -> None:
    decision = _decide(_exercise(1, 6))
    assert decision["decision"] == "progress"
    assert (decision["next"][0]["sets"], decision["next"][0]["reps"]) == (1, 8)
    assert "progress_exercise" in _rules(decision)


def test_more_than_planned_moves_up_to_at_least_what_was_done() -> None:
    decision = _decide(_exercise(2, 9))  # planned 1 x 6; the ladder's first step >= 18 is 2 x 10
    assert decision["decision"] == "progress"
    assert (decision["next"][0]["sets"], decision["next"][0]["reps"]) == (2, 10)
    assert "progress_exercise_to_logged" in _rules(decision)
    assert "2 x 9 reps" in decision["reasons"][1]["says"]


def test_more_than_the_ladder_goes_moves_up_to_its_top() -> None:
    decision = _decide(_exercise(3, 12))
    assert decision["decision"] == "progress"
    assert (decision["next"][0]["sets"], decision["next"][0]["reps"]) == (3, 10)


def test_more_load_than_planned_holds_with_the_reason() -> None:
    decision = _decide(_exercise(1, 6, load_kg=5))
    assert decision["decision"] == "hold"
    assert _rules(decision) == ["exercise_load_above_plan"]
    assert "+ 5 kg" in decision["reasons"][0]["says"]


def test_a_run_longer_than_any_the_plan_has_next_holds() -> None:
    run = RunLog("r-1", DAY, 50, 8.5, pain_during=0, pain_after=0, hills=False, speedwork=False)
    decision = _decide(run)
    assert decision["decision"] == "hold"
    assert "run_more_than_planned" in _rules(decision)
    assert "8.5 km" in next(r["says"] for r in decision["reasons"] if "planned" in r["rule"])
