"""The reasons the engine can give: rule ids that `adaptation.yaml` must define, and the
placeholders their texts may use."""

from __future__ import annotations

from runrehab.domain.assessment import Reason
from runrehab.domain.knowledge import KnowledgeBase, Rule
from runrehab.domain.text import fill

ADAPTATION_RULES = (
    "pain_check_passed",
    "exercise_pain_over_limit",
    "run_pain_over_limit",
    "morning_above_baseline",
    "morning_trend_worsening",
    "doms_not_a_flare",
    "soreness_with_tendon_pain",
    "progress_exercise",
    "progress_exercise_to_logged",
    "exercise_load_above_plan",
    "exercise_beyond_top_dose",
    "dose_not_completed",
    "one_step_per_day",
    "no_progress_after_failed_check",
    "progress_running",
    "running_builds_weekly",
    "running_at_target",
    "recovery_week_next",
    "flare_same_event",
    "flare_settle",
    "flare_settling",
    "walk_run_phase_repeat",
    "run_longer_than_cap",
    "run_more_than_planned",
    "hills_or_speed_too_early",
    "run_not_in_plan",
    "at_top_of_progression",
    "stage_criteria_met",
    "stage_still_adding",
    "running_restarts",
    "tolerating_hold",
    "refer_red_flag",
    "refer_red_flag_urgent",
    "refer_repeated_failures",
    "refer_no_improvement",
    "awaiting_clinician",
    "coach_set_dose",
    "custom_exercise_over_limit",
)
ADAPTATION_PLACEHOLDERS = frozenset(
    {
        "pain",
        "pain_limit",
        "exercise",
        "baseline",
        "soreness",
        "distance_km",
        "stage_name",
        "next_stage_name",
        "red_flags",
        "fails",
        "window",
        "then",
        "now",
        "criteria",
        "km",
        "next_km",
        "flare_start",
        "done",
        "next_dose",
        "planned",
        "top_dose",
    }
)


def reason(kb: KnowledgeBase, rule_id: str, **values: object) -> Reason:
    return reason_from(kb.adaptation.rules[rule_id], **values)


def reason_from(rule: Rule, **values: object) -> Reason:
    """Any knowledge-base rule as a reason, its placeholders filled from `values`."""
    return Reason(rule.id, fill(rule.says, values), rule.citation, rule.evidence)
