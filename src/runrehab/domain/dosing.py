"""How much of an exercise on a given week of its stage.

Each exercise follows its progression (`Exercise.progression`): the seed programme's rep/set
ladder (6-8 reps x 1-2 sets up to 3 x 10), heavy slow resistance (fewer repetitions at a heavier
load, 15RM down to 6RM), the endurance ladder that trains up to the number a return-to-run gate
tests, Alfredson's 3 x 15 eccentrics, the isometric hold ladder, a ramp from the low to the high
end of the exercise's own range, or a fixed dose for warm-up and mobility drills, which do not
progress past their purpose. One step a week is the *projection*; the adaptation engine confirms
or holds each step from logs.
"""

from __future__ import annotations

from runrehab.domain.knowledge import Dosage, Exercise, Ladder, Prescription, Progression, Range
from runrehab.domain.plan import Item

RAMP_WEEKS = 3  # ramped exercises reach the top of their range after this many weeks


def dose_item(
    exercise: Exercise,
    prescription: Prescription,
    week_in_stage: int,
    dosage: Dosage,
    pain_limit: int,
    *,
    optional: bool = False,
    weights: bool = False,
) -> Item:
    sets, measure = amount(exercise, week_in_stage, dosage)
    dose = exercise.dose
    ladder = ladder_of(exercise, dosage)
    heavy = ladder is not None and ladder.repetition_maximum
    note = load_note(exercise, measure, weights) if heavy else None
    if exercise.progression is Progression.ENDURANCE:
        note = f"As many as you can in each set, aiming for {measure} in a row; stop when the form goes."
    return Item(
        exercise=exercise.id,
        name=exercise.name,
        sets=sets,
        reps=measure if dose.reps else None,
        hold_s=measure if dose.hold_s else None,
        duration_s=measure if dose.duration_s else None,
        per_side=dose.per_side,
        pain_limit=pain_limit,
        why=prescription.why,
        citation=exercise.citation,
        optional=optional,
        repetition_maximum=heavy,
        tempo=ladder.tempo if ladder else None,
        load_note=note,
    )


def load_note(exercise: Exercise, reps: int, weights: bool) -> str:
    """What "heavy" means for this set: the load, and what to use without weights."""
    heavy = f"Use a load you can lift only {reps} times with good form ({reps}RM)."
    if weights or not exercise.without_weights:
        return heavy
    return f"{heavy} No weights? {exercise.without_weights}"


def ladder_of(exercise: Exercise, dosage: Dosage) -> Ladder | None:
    """The exercise's weekly steps, or None for a ramp or a fixed dose."""
    return dosage.ladders.get(exercise.progression)


def top_step(exercise: Exercise, dosage: Dosage) -> int:
    """The last step of the exercise's progression before load or a harder variation."""
    ladder = ladder_of(exercise, dosage)
    if ladder is not None:
        return len(ladder.steps) - 1
    return RAMP_WEEKS if exercise.progression is Progression.RAMP else 0


def by_intensity(exercise: Exercise, dosage: Dosage) -> bool:
    """Heavy slow resistance climbs by load, its repetitions falling: a later step is heavier,
    not more volume."""
    ladder = ladder_of(exercise, dosage)
    return ladder is not None and ladder.repetition_maximum


def amount(exercise: Exercise, week: int, dosage: Dosage) -> tuple[int, int]:
    """(sets, reps or seconds) at step `week` of the exercise's progression."""
    dose = exercise.dose
    measure_range = dose.reps or dose.hold_s or dose.duration_s
    assert measure_range is not None, f"{exercise.id} has no dose"
    ladder = ladder_of(exercise, dosage)
    if ladder is not None:
        sets, measure = _step(ladder.steps, week)
        return _clamp(sets, dose.sets), _clamp(measure, measure_range)
    if exercise.progression is Progression.FIXED:
        return dose.sets.low, measure_range.low
    return _ramp(dose.sets, week), _ramp(measure_range, week)


def _step(ladder: tuple[tuple[int, int], ...], week: int) -> tuple[int, int]:
    return ladder[min(max(week, 0), len(ladder) - 1)]


def _clamp(value: int, allowed: Range) -> int:
    return max(allowed.low, min(allowed.high, value))


def _ramp(allowed: Range, week: int) -> int:
    fraction = min(max(week, 0), RAMP_WEEKS) / RAMP_WEEKS
    return round(allowed.low + (allowed.high - allowed.low) * fraction)
