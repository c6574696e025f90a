"""The answers and profile are stored from the parsed values, in the shape the schemas dump and
read back: storing them needs no second validation."""

from __future__ import annotations

from typing import Any

from hypothesis import given

from runrehab.domain.intake import AGGRAVATORS
from runrehab.schemas.answers import AnswersModel, answers_to_json, parse_answers
from runrehab.schemas.profile import parse_profile, profile_to_json
from runrehab.schemas.validation import validate
from tests.strategies import raw_answers, raw_profiles


def _in_question_order(dumped: dict[str, Any]) -> dict[str, Any]:
    return dumped | {"aggravators": sorted(set(dumped["aggravators"]), key=AGGRAVATORS.index)}


@given(raw_answers())
def test_stored_answers_are_what_the_schema_dumps(raw: dict[str, Any]) -> None:
    stored = answers_to_json(parse_answers(raw, "answers"))
    dumped = _in_question_order(validate(AnswersModel, raw, "answers").model_dump(mode="json"))
    assert list(stored.items()) == list(dumped.items())
    assert parse_answers(stored, "stored") == parse_answers(raw, "answers")


@given(raw_profiles())
def test_a_stored_profile_reads_back_as_the_same_profile(raw: dict[str, Any]) -> None:
    profile = parse_profile(raw, "profile")
    assert parse_profile(profile_to_json(profile), "stored") == profile


def test_a_default_profile_is_stored_as_nothing_and_a_change_as_itself() -> None:
    assert profile_to_json(parse_profile({}, "profile")) == {}
    assert profile_to_json(parse_profile({"equipment": "bands"}, "p")) == {"equipment": "bands"}
