"""The numbers and rules the planner and the adaptation engine dose with."""

from __future__ import annotations

from runrehab.domain import knowledge as k
from runrehab.domain.adaptation.reasons import ADAPTATION_PLACEHOLDERS, ADAPTATION_RULES
from runrehab.knowledge import schema
from runrehab.knowledge.load_context import LoadContext


def dosage(ctx: LoadContext) -> k.Dosage:
    raw = ctx.read("dosage.yaml", schema.DosageFile)
    return k.Dosage(
        strength_ladder=tuple(raw.strength_ladder),
        isometric_ladder=tuple(raw.isometric_ladder),
        ladders=_ladders(ctx, raw),
        max_sets=raw.max_sets,
        max_reps=raw.max_reps,
        exercise_pain_limit=raw.exercise_pain_limit,
        single_run_cap=raw.single_run_cap,
        weekly_increase=raw.weekly_increase,
        two_week_cap=raw.two_week_cap,
        recovery_after_weeks=raw.recovery_after_weeks,
        recovery_share=raw.recovery_share,
        shortest_run_km=raw.shortest_run_km,
        walk_run=tuple(
            k.WalkRunPhase(p.phase, p.walk_min, p.run_min, p.total_km, p.rpe) for p in raw.walk_run
        ),
        walk_run_repeats=raw.walk_run_repeats,
        imported_runs=k.ImportedRuns(**raw.imported_runs.model_dump()),
        assumed_easy_pace_s_per_km=raw.assumed_easy_pace_s_per_km,
        assumed_walk_run_pace_s_per_km=raw.assumed_walk_run_pace_s_per_km,
        rules=ctx.rules(raw.rules, "rules"),
        modifications=ctx.rules(raw.modifications, "modifications"),
        doms_note=raw.doms_note,
    )


def _ladders(ctx: LoadContext, raw: schema.DosageFile) -> dict[k.Progression, k.Ladder]:
    rules = {r.id for r in raw.rules}
    for name, ladder in raw.ladders.items():
        if ladder.rule not in rules:
            raise ctx.fail(f"ladders.{name}.rule", f"unknown dosage rule '{ladder.rule}'")
    ladders = {
        k.Progression(name): k.Ladder(
            tuple(ladder.steps), ladder.repetition_maximum, ladder.tempo, ladder.rule
        )
        for name, ladder in raw.ladders.items()
    }
    ladders[k.Progression.REP_LADDER] = k.Ladder(
        tuple(raw.strength_ladder), False, None, "strength_max_dose"
    )
    ladders[k.Progression.ISOMETRIC] = k.Ladder(
        tuple(raw.isometric_ladder), False, None, "isometric_hold_ladder"
    )
    return ladders


def adaptation(ctx: LoadContext) -> k.Adaptation:
    raw = ctx.read("adaptation.yaml", schema.AdaptationFile)
    rules = {}
    for i, rule in enumerate(raw.rules):
        rules[rule.id] = ctx.rule(rule, f"rules[{i}]", ADAPTATION_PLACEHOLDERS)
    missing = sorted(set(ADAPTATION_RULES) - set(rules))
    if missing:
        raise ctx.fail("rules", f"missing rules the engine gives as reasons: {missing}")
    return k.Adaptation(
        repeated_fail_count=raw.repeated_fail_count,
        repeated_fail_window=raw.repeated_fail_window,
        no_improvement_days=raw.no_improvement_days,
        baseline_window=raw.baseline_window,
        flare_run_cut=raw.flare_run_cut,
        flare_no_hills_days=raw.flare_no_hills_days,
        flare_settle_days=raw.flare_settle_days,
        load_step_kg=raw.load_step_kg,
        doms_window_days=raw.doms_window_days,
        no_improvement_min_pain=raw.no_improvement_min_pain,
        morning_trend_tolerance=raw.morning_trend_tolerance,
        rules=rules,
    )
