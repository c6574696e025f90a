"""Numbers typed into a form are ASCII digits with at most one decimal point: what Python's
`int()`/`float()` and pydantic also read (other scripts' digits, `1_000`, `1e3`, `nan`, `inf`,
signs, spaces) is refused with the field's name."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from runrehab.domain.errors import InvalidInputError
from runrehab.schemas.numbers import FormInt, decimal, form_numbers, whole

NOT_NUMBERS = ["١٢", "1_000", "1e3", "nan", "inf", " 12 ", "+5", "-5", "5.0.1", "0x1f", "½"]


@pytest.mark.parametrize("text", [*NOT_NUMBERS, "5.0"])
def test_a_whole_number_is_digits_only(text: str) -> None:
    with pytest.raises(ValueError, match="whole number in digits 0-9"):
        whole(text)
    with pytest.raises(ValidationError):
        TypeAdapter(FormInt).validate_python(text)


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_a_decimal_is_digits_and_one_point(text: str) -> None:
    with pytest.raises(ValueError, match="digits 0-9"):
        decimal(text)


def test_plain_numbers_are_read() -> None:
    assert (whole("12"), whole("007"), decimal("5.5"), decimal(".5"), decimal("42")) == (
        12,
        7,
        5.5,
        0.5,
        42.0,
    )
    assert TypeAdapter(FormInt).validate_python("7") == 7


def test_a_form_names_every_field_that_is_not_a_number() -> None:
    fields = {"sets": "١٢", "reps": "8", "load_kg": "inf", "pain": None}
    with pytest.raises(InvalidInputError) as refused:
        form_numbers(fields, decimals=frozenset({"load_kg"}))
    assert [p.where for p in refused.value.problems] == ["sets", "load_kg"]
    fields = {"sets": "3", "reps": "8", "load_kg": "2.5", "pain": ""}
    assert form_numbers(fields, decimals=frozenset({"load_kg"})) == {
        "sets": 3,
        "reps": 8,
        "load_kg": 2.5,
        "pain": None,
    }
