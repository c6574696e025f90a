"""The exercise library: each exercise with its dose, its easier and harder variations and its
progression."""

from __future__ import annotations

from runrehab.domain import knowledge as k
from runrehab.knowledge import schema
from runrehab.knowledge.load_context import LoadContext


def exercises(ctx: LoadContext) -> dict[str, k.Exercise]:
    exercises = ctx.merged(
        "exercises", schema.ExercisesFile, "exercise", lambda raw, key: _exercise(ctx, raw, key)
    )
    for ex in exercises.values():
        for variation in (ex.easier, ex.harder):
            if variation and variation.exercise and variation.exercise not in exercises:
                ctx.file = "exercises"
                raise ctx.fail(ex.id, f"variation names unknown exercise '{variation.exercise}'")
    return exercises


def _exercise(ctx: LoadContext, ex: schema.ExerciseModel, key: str) -> k.Exercise:
    if ex.schedulable and ex.dose is None:
        raise ctx.fail(f"{key}.dose", "a schedulable exercise needs a dose")
    return k.Exercise(
        id=ex.id,
        name=ex.name,
        category=ex.category,
        instructions=tuple(ex.instructions),
        cues=tuple(ex.cues),
        mistakes=tuple(ex.mistakes),
        equipment=frozenset(ex.equipment),
        loads=tuple(ex.loads),
        stages=frozenset(ex.stages),
        dose=_dose(ctx, ex.dose, f"{key}.dose"),
        easier=_variation(ex.easier),
        harder=_variation(ex.harder),
        citation=ctx.cite(ex.citation, f"{key}.citation"),
        hip_flexion=ex.hip_flexion,
        timing=ex.timing,
        schedulable=ex.schedulable,
        progression=_progression(ex),
        without_weights=ex.without_weights,
    )


def _dose(ctx: LoadContext, dose: schema.DoseModel | None, key: str) -> k.Dose:
    if dose is None:
        return k.Dose(k.Range(0, 0), None, None, None, per_side=False)
    measures = {"reps": dose.reps, "hold_s": dose.hold_s, "duration_s": dose.duration_s}
    given = [name for name, value in measures.items() if value is not None]
    if len(given) != 1:
        raise ctx.fail(key, f"give exactly one of reps, hold_s, duration_s (got {given})")
    ranges = {name: _range(ctx, value, f"{key}.{name}") for name, value in measures.items()}
    return k.Dose(
        sets=_range(ctx, dose.sets, f"{key}.sets") or k.Range(1, 1),
        reps=ranges["reps"],
        hold_s=ranges["hold_s"],
        duration_s=ranges["duration_s"],
        per_side=dose.per_side,
    )


def _range(ctx: LoadContext, pair: tuple[int, int] | None, key: str) -> k.Range | None:
    if pair is None:
        return None
    low, high = pair
    if not 1 <= low <= high:
        raise ctx.fail(key, f"range must satisfy 1 <= low <= high, got [{low}, {high}]")
    return k.Range(low, high)


_FIXED_CATEGORIES = ("warm_up", "soft_tissue", "stretch")


def _progression(ex: schema.ExerciseModel) -> k.Progression:
    """The exercise's own progression, or its category's: the seed programme's rep ladder for
    strength work, the hold ladder for isometrics, a fixed dose for warm-up and mobility drills
    (they do not progress past their purpose), a ramp through its range for the rest."""
    if ex.progression is not None:
        return k.Progression(ex.progression)
    reps = ex.dose is not None and ex.dose.reps is not None
    if ex.category == "strength" and reps:
        return k.Progression.REP_LADDER
    if ex.category == "isometric" and ex.dose is not None and ex.dose.hold_s is not None:
        return k.Progression.ISOMETRIC
    if ex.category in _FIXED_CATEGORIES:
        return k.Progression.FIXED
    return k.Progression.RAMP


def _variation(raw: schema.VariationModel | None) -> k.Variation | None:
    return None if raw is None else k.Variation(raw.name, raw.description, raw.exercise)
