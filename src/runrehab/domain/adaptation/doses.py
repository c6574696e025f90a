"""One step up or one step down: for an exercise dose and for the running load.

Up: repetitions, then sets (the ladder), then the harder variation, then load (with weights).
Down retraces the same order, so a step down never increases any part of a dose.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from runrehab.domain.adaptation.state import DoseState, RunState
from runrehab.domain.dosing import amount, top_step
from runrehab.domain.knowledge import Dosage, Exercise


def dose_up(
    exercise: Exercise, dose: DoseState, dosage: Dosage, weights: bool, step_kg: float
) -> DoseState:
    if dose.step < top_step(exercise, dosage):
        return replace(dose, step=dose.step + 1)
    if exercise.harder is not None and not dose.harder:
        return replace(dose, harder=True)
    if weights and exercise.category in ("strength", "isometric"):
        return replace(dose, load_kg=dose.load_kg + step_kg)
    return dose


def dose_down(dose: DoseState, step_kg: float) -> DoseState:
    if dose.load_kg > 0:
        return replace(dose, load_kg=max(0.0, dose.load_kg - step_kg))
    if dose.harder:
        return replace(dose, harder=False)
    return replace(dose, step=max(0, dose.step - 1))


def prescribed(exercise: Exercise, dose: DoseState, dosage: Dosage) -> dict[str, object]:
    """The dose as the runner sees it (and as `replay` prints it in `next`)."""
    sets, measure = amount(exercise, dose.step, dosage)
    unit = "reps" if exercise.dose.reps else "hold_s" if exercise.dose.hold_s else "duration_s"
    variation = exercise.harder.name if dose.harder and exercise.harder else exercise.name
    return {
        "exercise": exercise.id,
        "variation": variation,
        "sets": sets,
        unit: measure,
        "load_kg": dose.load_kg,
    }


def run_up(run: RunState, dosage: Dosage) -> RunState:
    if run.mode == "continuous":
        cap = max(run.before_injury_km or 0.0, run.weekly_km)
        grown = run.weekly_km * (1 + dosage.weekly_increase)
        return replace(run, weekly_km=round(min(grown, cap) if run.before_injury_km else grown, 1))
    if run.completions + 1 < dosage.walk_run_repeats:
        return replace(run, completions=run.completions + 1)
    if run.phase < len(dosage.walk_run):
        return replace(run, phase=run.phase + 1, completions=0)
    last = dosage.walk_run[-1].total_km
    return replace(
        run, mode="continuous", weekly_km=round(last * run.runs_per_week, 1), completions=0
    )


def run_down(run: RunState, on: date, cut: float, no_hills_days: int) -> RunState:
    calmer = replace(run, no_hills_until=on + timedelta(days=no_hills_days))
    if run.mode == "walk_run":
        return replace(calmer, phase=max(1, run.phase - 1), completions=0)
    return replace(calmer, weekly_km=round(run.weekly_km * (1 - cut), 1))


def run_plan(run: RunState, dosage: Dosage) -> dict[str, object]:
    if not run.allowed:
        return {"running": False}
    if run.mode == "walk_run":
        phase = dosage.walk_run[run.phase - 1]
        return {
            "running": True,
            "mode": "walk_run",
            "phase": phase.phase,
            "walk_min": phase.walk_min,
            "run_min": phase.run_min,
            "total_km": phase.total_km,
            "completed_in_phase": run.completions,
        }
    return {
        "running": True,
        "mode": "continuous",
        "weekly_km": run.weekly_km,
        "hills_and_speed_from": (run.no_hills_until.isoformat() if run.no_hills_until else None),
    }
