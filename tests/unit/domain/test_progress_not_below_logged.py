"""A decision labelled PROGRESS never points below what was just logged, in any dimension (sets,
reps or hold seconds, load): an exercise moves up to the first step at least what the runner did;
more than the ladder's top dose for the stage, a run longer than the plan's next run, or more load
than planned holds."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runrehab.domain.adaptation.engine import DecisionKind, step
from runrehab.domain.adaptation.state import EngineState
from runrehab.domain.log import ExerciseLog, RunLog
from runrehab.domain.profile import RunnerProfile
from runrehab.domain.running import split
from runrehab.render.serialize import decision_to_json
from tests.strategies import log_lines
from tests.unit.domain.test_adaptation_properties import KB, PROPERTY, _entries, _start

DAY = date(2026, 12, 1)


def _measure(change: dict[str, Any]) -> int:
    return int(next(change[k] for k in ("reps", "hold_s", "duration_s") if k in change))


def _exercise_ok(entry: ExerciseLog, change: dict[str, Any]) -> bool:
    """Every dimension of the next dose at least the logged one's (a timed exercise's seconds
    are not logged)."""
    exercise = KB.exercises[entry.exercise]
    done_measure = entry.reps if exercise.dose.reps else entry.hold_s if exercise.dose.hold_s else 0
    return (
        int(change["sets"]) >= entry.sets
        and _measure(change) >= (done_measure or 0)
        and float(change["load_kg"]) >= entry.load_kg
    )


WIDE_EXERCISES = (
    "single_leg_bridge",  # strength ladder
    "nordic_hamstring_curl",  # strength ladder capped by its own range (3 x 8)
    "glute_bridge",  # a ramp with a harder variation
    "clamshell",
    "isometric_bridge_hold",  # hold ladder
    "wall_sit_hold",
    "stationary_bike",  # timed: seconds not logged
)


@st.composite
def wide_log_lines(draw: st.DrawFn) -> list[dict[str, Any]]:
    """`log_lines` with exercise doses from far below to far beyond every ladder's top."""
    lines = draw(log_lines())
    for line in lines:
        if line["type"] == "exercise":
            line |= {
                "exercise": draw(st.sampled_from(WIDE_EXERCISES)),
                "sets": draw(st.integers(1, 6)),
                "reps": draw(st.integers(1, 40)),
                "hold_s": draw(st.integers(5, 180)),
                "pain": draw(st.sampled_from([0, 0, 1, 2, 5])),
            }
    return lines


def _longest_planned_km(state: EngineState, change: dict[str, Any]) -> float:
    if change["mode"] == "walk_run":
        return float(change["total_km"])
    runs = len(state.run.run_days)
    return max(*split(change["weekly_km"], runs), *split(change["next_week_km"], runs))


@PROPERTY
@given(wide_log_lines())
def test_a_progress_never_points_below_the_entry_just_logged(lines: list[dict[str, Any]]) -> None:
    state = _start(RunnerProfile(equipment="gym"))
    for index, entry in enumerate(_entries(lines)):
        state, decision = step(state, entry, index, KB)
        if decision.kind is not DecisionKind.PROGRESS:
            continue
        for change in decision_to_json(decision, KB)["next"]:
            if isinstance(entry, ExerciseLog) and change.get("exercise") == entry.exercise:
                assert _exercise_ok(entry, change), (entry, change)
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


def test_more_reps_than_planned_moves_up_to_a_step_with_at_least_those_reps() -> None:
    decision = _decide(_exercise(1, 9))  # 2 x 6 has more volume but fewer reps than 1 x 9
    assert decision["decision"] == "progress"
    assert (decision["next"][0]["sets"], decision["next"][0]["reps"]) == (2, 10)


@pytest.mark.parametrize(
    ("exercise", "sets", "reps", "hold_s", "top"),
    [
        ("single_leg_bridge", 4, 20, None, (3, 10)),  # the reviewer's repro on Today
        ("single_leg_bridge", 3, 12, None, (3, 10)),
        ("glute_bridge", 5, 30, None, (3, 15)),
        ("nordic_hamstring_curl", 3, 12, None, (3, 8)),
        ("wall_sit_hold", 5, 120, 120, (5, 45)),
    ],
)
def test_more_than_the_ladders_top_dose_holds_at_the_top_with_why(
    exercise: str, sets: int, reps: int, hold_s: int | None, top: tuple[int, int]
) -> None:
    entry = ExerciseLog("e-1", DAY, exercise, sets, None if hold_s else reps, hold_s, 0.0, pain=0)
    decision = _decide(entry)
    assert decision["decision"] == "hold"
    assert _rules(decision) == ["pain_check_passed", "exercise_beyond_top_dose"]
    change = decision["next"][0]
    assert (change["sets"], _measure(change)) == top
    says = decision["reasons"][1]["says"]
    unit = "s" if hold_s else "reps"
    assert f"{sets} x {hold_s or reps} {unit}" in says
    assert f"{top[0]} x {top[1]} {unit}" in says
    assert decision["reasons"][1]["citation"]


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
