"""What the knowledge base must contain, so a clinician-facing promise cannot silently go missing."""

from __future__ import annotations

import pytest

from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.rules import Always

CONDITIONS = {
    "proximal_hamstring_tendinopathy": "rehab",
    "distal_hamstring_tendinopathy": "rehab",
    "hamstring_strain": "rehab",
    "proximal_hamstring_avulsion": "red_flag",
    "lumbar_radicular_pain": "differential",
    "femoral_neck_stress_fracture": "red_flag",
    "deep_vein_thrombosis": "red_flag",
    "cauda_equina_syndrome": "red_flag",
}
EXERCISES = (
    "foam_roll_hamstrings",
    "instrument_soft_tissue_note",
    "leg_swings_front_back",
    "leg_swings_side",
    "walking_lunges",
    "a_skips",
    "butt_kicks",
    "high_knees",
    "hip_openers",
    "glute_bridge",
    "clamshell",
    "side_lying_hip_abduction",
    "banded_monster_walk",
    "quadruped_hip_extension",
    "explosive_lunge",
    "isometric_bridge_hold",
    "prone_isometric_knee_bend",
    "single_leg_bridge",
    "nordic_hamstring_curl",
    "single_leg_romanian_deadlift",
    "hamstring_slides",
    "airplane",
    "post_run_static_hamstring_stretch",
)
EDUCATION = (
    "tendon_load_capacity",
    "stretching_and_sitting",
    "hills_and_speed_last",
    "when_to_see_clinician",
)


@pytest.mark.parametrize(("condition", "pathway"), CONDITIONS.items())
def test_condition_exists_with_its_pathway(kb: KnowledgeBase, condition: str, pathway: str) -> None:
    assert kb.conditions[condition].pathway == pathway


@pytest.mark.parametrize("exercise", EXERCISES)
def test_exercise_is_fully_described(kb: KnowledgeBase, exercise: str) -> None:
    ex = kb.exercises[exercise]
    assert ex.instructions
    assert ex.cues
    assert ex.mistakes
    assert ex.loads
    assert ex.equipment
    if ex.schedulable:
        assert ex.easier is not None
        assert ex.harder is not None


def test_the_instrument_note_is_education_only(kb: KnowledgeBase) -> None:
    assert kb.exercises["instrument_soft_tissue_note"].schedulable is False


def test_the_stretch_is_after_runs_only(kb: KnowledgeBase) -> None:
    assert kb.exercises["post_run_static_hamstring_stretch"].timing == "after_run"


@pytest.mark.parametrize("card", EDUCATION)
def test_education_card_exists_with_citations(kb: KnowledgeBase, card: str) -> None:
    assert kb.education[card].body
    assert kb.education[card].citations


def test_every_rule_cites_a_known_source(kb: KnowledgeBase) -> None:
    rules = [f.rule for f in kb.red_flags] + [kb.uncovered_region] + list(kb.dosage.rules)
    rules += list(kb.dosage.modifications)
    for c in kb.conditions.values():
        rules += [*c.verdict_rules, *c.modifications]
    for p in kb.protocols.values():
        rules += [r for s in p.stages for r in s.advance_when]
    assert all(r.citation in kb.citations for r in rules)
    assert len(rules) > 40


def test_every_region_is_screened_by_at_least_the_regionless_red_flags(kb: KnowledgeBase) -> None:
    regionless = [f for f in kb.red_flags if "region" not in f.rule.when.facts_used()]
    assert {f.rule.id for f in regionless} >= {
        "cauda_equina",
        "systemically_unwell",
        "cancer_or_serious_pathology_flags",
        "limp_after_injury_or_lasting",
        "septic_joint_suspected",
        "hot_swollen_joint_without_injury",
        "hot_swollen_joint_after_injury",
        "foot_drop_or_progressive_weakness",
        "bilateral_leg_nerve_symptoms",
    }


def test_the_first_stage_of_every_protocol_is_open_to_everyone(kb: KnowledgeBase) -> None:
    assert all(isinstance(p.stages[0].start_when, Always) for p in kb.protocols.values())


def test_the_program_dosage_rules_are_the_data(kb: KnowledgeBase) -> None:
    assert kb.dosage.strength_ladder[0] == (1, 6)
    assert kb.dosage.strength_ladder[-1] == (3, 10)
    assert kb.dosage.exercise_pain_limit == 3
    assert kb.dosage.single_run_cap == pytest.approx(1.10)
