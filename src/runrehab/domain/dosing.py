"""How much of an exercise on a given week of its stage.

Strength work climbs the rep/set ladder of the knowledge base (6-8 reps x 1-2 sets up to 3 x 10),
isometrics the hold ladder, everything else ramps from the low to the high end of its own range.
One step a week is the *projection*; the adaptation engine confirms or holds each step from logs.
"""

from __future__ import annotations

from runrehab.domain.knowledge import Dosage, Exercise, Prescription, Range
from runrehab.domain.plan import Item

RAMP_WEEKS = 3  # non-ladder exercises reach the top of their range after this many weeks


def dose_item(
    exercise: Exercise,
    prescription: Prescription,
    week_in_stage: int,
    dosage: Dosage,
    pain_limit: int,
    *,
    optional: bool = False,
) -> Item:
    sets, measure = amount(exercise, week_in_stage, dosage)
    dose = exercise.dose
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
    )


def top_step(exercise: Exercise, dosage: Dosage) -> int:
    """The last step of the exercise's progression before load or a harder variation."""
    if exercise.is_progressive_strength:
        return len(dosage.strength_ladder) - 1
    if exercise.category == "isometric" and exercise.dose.hold_s:
        return len(dosage.isometric_ladder) - 1
    return RAMP_WEEKS


def amount(exercise: Exercise, week: int, dosage: Dosage) -> tuple[int, int]:
    """(sets, reps or seconds) at step `week` of the exercise's progression."""
    dose = exercise.dose
    measure_range = dose.reps or dose.hold_s or dose.duration_s
    assert measure_range is not None, f"{exercise.id} has no dose"
    if exercise.is_progressive_strength:
        sets, reps = _step(dosage.strength_ladder, week)
        return _clamp(sets, dose.sets), _clamp(reps, measure_range)
    if exercise.category == "isometric" and dose.hold_s:
        sets, hold = _step(dosage.isometric_ladder, week)
        return _clamp(sets, dose.sets), _clamp(hold, measure_range)
    return _ramp(dose.sets, week), _ramp(measure_range, week)


def _step(ladder: tuple[tuple[int, int], ...], week: int) -> tuple[int, int]:
    return ladder[min(max(week, 0), len(ladder) - 1)]


def _clamp(value: int, allowed: Range) -> int:
    return max(allowed.low, min(allowed.high, value))


def _ramp(allowed: Range, week: int) -> int:
    fraction = min(max(week, 0), RAMP_WEEKS) / RAMP_WEEKS
    return round(allowed.low + (allowed.high - allowed.low) * fraction)
