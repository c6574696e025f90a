"""Answers-file validation: every problem listed with its key, nothing coerced."""

from __future__ import annotations

import pytest

from runrehab.domain.errors import InvalidInputError
from runrehab.domain.log import CheckIn
from runrehab.schemas.answers import NOT_IN_TEMPLATES, TemplateAnswersModel, parse_answers
from runrehab.schemas.log import parse_entry
from runrehab.schemas.profile import parse_profile
from tests.conftest import BASELINE, raw_answers


def _problems(raw: object) -> dict[str, str]:
    with pytest.raises(InvalidInputError) as caught:
        parse_answers(raw, "answers.json")
    return {p.where: p.reason for p in caught.value.problems}


def test_the_baseline_is_valid() -> None:
    assert parse_answers(raw_answers(), "answers.json").region == "buttock_sit_bone"


def test_unknown_keys_are_errors() -> None:
    assert _problems(raw_answers(favourite_shoe="x")) == {"favourite_shoe": "unknown key"}


def test_every_missing_screening_key_is_listed() -> None:
    raw = {k: v for k, v in BASELINE.items() if k not in ("felt_pop", "saddle_numbness")}
    assert _problems(raw) == {
        "felt_pop": "required key is missing",
        "saddle_numbness": "required key is missing",
    }


def test_scores_must_be_0_to_10() -> None:
    problems = _problems(raw_answers(pain_rest=11, hop_pain=-1))
    assert set(problems) == {"pain_rest", "hop_pain"}
    assert "less than or equal to 10" in problems["pain_rest"]


def test_no_coercion_of_types() -> None:
    problems = _problems(raw_answers(pain_rest=True, days_since_onset="3", felt_pop=0))
    assert set(problems) == {"pain_rest", "days_since_onset", "felt_pop"}


def test_unknown_region_and_nested_test_keys() -> None:
    problems = _problems(raw_answers(region="elbow", tests={"hop_test": True}))
    assert set(problems) == {"region", "tests.hop_test"}


def test_null_means_not_tried() -> None:
    answers = parse_answers(raw_answers(pain_during_run=None), "a")
    assert answers.pain_during_run is None


def test_a_non_object_is_rejected() -> None:
    assert "-" in _problems([1, 2])


def test_profile_validation() -> None:
    profile = parse_profile({"run_days": ["mon", "thu"], "equipment": "bands"}, "p")
    assert profile.run_days == {0, 3}
    with pytest.raises(InvalidInputError) as caught:
        parse_profile({"run_days": ["monday"], "equipment": "barbell"}, "p")
    assert {p.where for p in caught.value.problems} == {"run_days.0", "equipment"}


OTTAWA_CALM = {
    "could_take_4_steps_right_after": True,
    "can_take_4_steps_now": True,
    "tender_outer_ankle_bone": False,
    "tender_inner_ankle_bone": False,
    "tender_base_of_5th_metatarsal": False,
    "tender_navicular": False,
}


@pytest.mark.parametrize("region", ["ankle", "midfoot"])
def test_ankle_and_midfoot_pain_needs_every_ottawa_answer(region: str) -> None:
    problems = _problems(raw_answers(region=region, tender_navicular="unsure"))
    assert set(problems) == set(OTTAWA_CALM) - {"tender_navicular"}
    assert all("ankle and midfoot" in reason for reason in problems.values())


def test_ottawa_answers_are_true_false_or_unsure_and_nothing_else() -> None:
    answers = parse_answers(
        raw_answers(region="ankle", **{**OTTAWA_CALM, "tender_navicular": "unsure"}), "a"
    )
    assert answers.tender_navicular == "unsure"
    for wrong in (1, "yes", None):
        problems = _problems(
            raw_answers(region="ankle", **{**OTTAWA_CALM, "tender_navicular": wrong})
        )
        assert "tender_navicular" in problems


def test_other_regions_may_leave_the_ottawa_answers_out() -> None:
    assert parse_answers(raw_answers(region="shin"), "a").tender_navicular is None


def test_the_new_optional_answers_are_range_checked() -> None:
    problems = _problems(
        raw_answers(
            single_leg_calf_raises=-1, morning_first_steps_pain=11, tender_strip_length_cm=80
        )
    )
    assert set(problems) == {
        "single_leg_calf_raises",
        "morning_first_steps_pain",
        "tender_strip_length_cm",
    }


def test_templates_never_keep_the_ottawa_screen() -> None:
    assert set(OTTAWA_CALM) <= NOT_IN_TEMPLATES
    assert not set(OTTAWA_CALM) & set(TemplateAnswersModel.model_fields)


@pytest.mark.parametrize("legacy", [True, False])
def test_answers_saved_with_one_night_or_rest_key_load_as_both(legacy: bool) -> None:
    raw = raw_answers()
    del raw["night_pain_wakes"], raw["rest_pain"]
    raw["night_or_rest_pain"] = legacy
    answers = parse_answers(raw, "saved")
    assert (answers.night_pain_wakes, answers.rest_pain) == (legacy, legacy)


def test_night_pain_and_rest_pain_are_asked_apart_and_both_required() -> None:
    raw = raw_answers()
    del raw["night_pain_wakes"], raw["rest_pain"]
    with pytest.raises(InvalidInputError) as caught:
        parse_answers(raw, "new")
    assert {p.where for p in caught.value.problems} == {"night_pain_wakes", "rest_pain"}


def test_answers_saved_before_the_new_screening_questions_still_load() -> None:
    answers = parse_answers(raw_answers(), "saved")
    assert answers.previous_dvt is None  # not asked, so no rule can fire on it
    assert answers.facts(1.1)["energy_risk_factors"] == 0


def test_check_ins_saved_with_the_old_night_or_rest_key_read_as_night_pain() -> None:
    raw = {"type": "checkin", "date": "2026-12-01", "monitoring_pain": 2}
    entry = parse_entry({**raw, "red_flags": ["night_or_rest_pain"]}, "saved", (), "c1")
    assert isinstance(entry, CheckIn)
    assert entry.red_flags == frozenset({"night_pain_wakes"})
