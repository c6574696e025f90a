"""One step up or one step down: for an exercise dose and for the running load.

Up: repetitions, then sets (the ladder), then the harder variation, then load (with weights).
Down retraces the same order, so a step down never increases any part of a dose.
Running: the walk/run programme moves session by session; continuous running moves week by week
(`rolled`), by the weekly rules of `domain.running`, however many runs a week has.

A dose's `place` on its progression orders doses: added load first, then the harder variation,
then the volume (sets x reps or seconds; 2 x 6 comes after 1 x 8). `dose_up` always moves to a
later place, `dose_down` never to a later one, and a progression never lands below what the
runner logged in any of sets, reps or seconds, and load (`at_least`); what was logged beyond the
ladder's top dose for the stage (`beyond_top`) is no progression at all.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from runrehab.domain.adaptation.state import DoseState, RunState
from runrehab.domain.dosing import amount, by_intensity, top_step
from runrehab.domain.knowledge import Dosage, Exercise, Progression
from runrehab.domain.running import (
    WEEK,
    WeeklyVolume,
    advance,
    after_walk_run,
    as_prescribed,
    cut,
    km_between,
    longest_before,
    minutes_at,
    next_week,
    split,
)


def dose_up(
    exercise: Exercise, dose: DoseState, dosage: Dosage, weights: bool, step_kg: float
) -> DoseState:
    if exercise.progression is Progression.FIXED:  # a drill keeps the dose of its purpose
        return dose
    if dose.step < top_step(exercise, dosage):
        return replace(dose, step=dose.step + 1)
    if exercise.harder is not None and not dose.harder:
        return replace(dose, harder=True)
    if weights and exercise.category in ("strength", "isometric"):
        return replace(dose, load_kg=dose.load_kg + step_kg)
    return dose


Place = tuple[float, bool, int]
"""(added load in kg, the harder variation, sets x reps or seconds), compared in that order;
for heavy slow resistance the third is the step, as a later step is heavier (fewer reps)."""


def place(exercise: Exercise, dose: DoseState, dosage: Dosage) -> Place:
    if by_intensity(exercise, dosage):
        return (dose.load_kg, dose.harder, dose.step)
    sets, measure = amount(exercise, dose.step, dosage)
    return (dose.load_kg, dose.harder, sets * measure)


Done = tuple[int, int, float]
"""(sets, reps or seconds, added load in kg) as the runner logged them."""


def top_amount(exercise: Exercise, dosage: Dosage) -> tuple[int, int]:
    """(sets, reps or seconds) of the ladder's top dose: the most the plan asks for this stage."""
    return amount(exercise, top_step(exercise, dosage), dosage)


def beyond_top(exercise: Exercise, done: Done, dosage: Dosage) -> bool:
    """True when more sets, or more reps or seconds, were logged than the ladder's top dose has:
    no step of the ladder is at least what was done."""
    top_sets, top_measure = top_amount(exercise, dosage)
    if by_intensity(exercise, dosage):  # more reps than a repetition maximum is a lighter load
        return done[0] > top_sets
    return done[0] > top_sets or done[1] > top_measure


def covers(exercise: Exercise, dose: DoseState, done: Done, dosage: Dosage) -> bool:
    """True when `dose` is at least `done` in every dimension: sets, reps or seconds, load."""
    sets, measure = amount(exercise, dose.step, dosage)
    if by_intensity(exercise, dosage):
        return sets >= done[0] and dose.load_kg >= done[2]
    return sets >= done[0] and measure >= done[1] and dose.load_kg >= done[2]


def at_least(exercise: Exercise, up: DoseState, done: Done, dosage: Dosage) -> DoseState | None:
    """The first dose from `up` on, up the ladder in the same variation and load, that is at least
    `done` in every dimension; None when none is (more load than `up` has, or beyond the top)."""
    candidate = up
    while not covers(exercise, candidate, done, dosage):
        if candidate.step >= top_step(exercise, dosage):
            return None
        candidate = replace(candidate, step=candidate.step + 1)
    return candidate


def dose_text(exercise: Exercise, sets: int, measure: int, load_kg: float) -> str:
    """Reads like "3 x 10 reps + 5 kg" or "4 x 30 s"."""
    unit = "reps" if exercise.dose.reps else "s"
    return f"{sets} x {measure} {unit}" + (f" + {load_kg:g} kg" if load_kg else "")


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


def run_up(run: RunState, dosage: Dosage, on: date) -> RunState:
    """One pain-free run on `on`: the next walk/run session (each phase `walk_run_repeats` times,
    then continuous running from the last walk/run week's volume: the sessions logged in the 7
    days up to `on`, at most the last phase on every run day), or, in continuous running, this
    week earned next week's build (the volume itself changes only when the week turns)."""
    if run.mode == "continuous":
        return replace(run, earned=True)
    if run.completions + 1 < dosage.walk_run_repeats:
        return replace(run, completions=run.completions + 1)
    if run.phase < len(dosage.walk_run):
        return replace(run, phase=run.phase + 1, completions=0)
    last_week = km_between(run.recent, on - WEEK, on)
    volume = after_walk_run(dosage, len(run.run_days), last_week)
    return replace(run, mode="continuous", volume=volume, completions=0, earned=True)


def next_run(run: RunState, dosage: Dosage) -> tuple[float, int]:
    """(km, minutes) of the longest run the plan has next: the walk/run phase's session, or the
    longest run of this week or the next (minutes at the assumed pace, as the plan prints them)."""
    if run.mode == "walk_run":
        km = dosage.walk_run[run.phase - 1].total_km
        return km, minutes_at(km, dosage.assumed_walk_run_pace_s_per_km)
    runs = len(run.run_days)
    following = following_week(run, dosage)
    km = max(*split(run.volume.km, runs), *split(following.km, runs))
    return km, minutes_at(km, dosage.assumed_easy_pace_s_per_km)


def run_down(run: RunState, on: date, share: float, no_hills_days: int) -> RunState:
    """A flare-up's cut: one walk/run phase back, or `share` less continuous running from now
    on; either way no hills or speed work for `no_hills_days` and no build earned this week."""
    calmer = replace(run, no_hills_until=on + timedelta(days=no_hills_days), earned=False)
    if run.mode == "walk_run":
        return replace(calmer, phase=max(1, run.phase - 1), completions=0)
    return replace(calmer, volume=cut(run.volume, share))


def rolled(run: RunState, on: date, dosage: Dosage) -> RunState:
    """Running in the week of `on`: the week that has ended, taken as it was prescribed
    (`as_prescribed`), builds if it was earned (and running was allowed), weeks after it with
    nothing logged hold, and the new week is no bigger than its runs can be within the single-run
    cap of the runs logged before it (`within_run_cap`)."""
    week = (on - run.anchor).days // 7
    if week <= run.week:
        return run
    volume = run.volume
    if run.mode == "continuous" and run.allowed:
        begun = run.anchor + timedelta(weeks=run.week)
        volume = as_prescribed(volume, begun, run.run_days, run.recent, dosage)
        longest = longest_before(run.recent, run.anchor + timedelta(weeks=week))
        volume = advance(
            volume,
            week - run.week,
            dosage,
            run.before_injury_km,
            earned=run.earned,
            run_cap_km=None if longest is None else longest * dosage.single_run_cap,
            runs_per_week=len(run.run_days),
        )
    return replace(run, week=week, earned=False, volume=volume)


def following_week(run: RunState, dosage: Dosage) -> WeeklyVolume:
    """Next week's volume if this week is earned, within the single-run cap of the runs logged
    so far."""
    longest = longest_before(run.recent, run.anchor + timedelta(weeks=run.week + 1))
    return next_week(
        run.volume,
        dosage,
        run.before_injury_km,
        earned=True,
        run_cap_km=None if longest is None else longest * dosage.single_run_cap,
        runs_per_week=len(run.run_days),
    )


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
    following = following_week(run, dosage)
    return {
        "running": True,
        "mode": "continuous",
        "weekly_km": run.volume.km,
        "recovery_week": run.volume.recovery,
        "next_week_km": following.km,
        "next_week_recovery": following.recovery,
        "hills_and_speed_from": (run.no_hills_until.isoformat() if run.no_hills_until else None),
    }
