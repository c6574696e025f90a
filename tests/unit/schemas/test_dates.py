"""One reading of a day for every input: `YYYY-MM-DD` only, from 1900-01-01 to a year from
today (a race already run: to today), with a message naming the field."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pydantic import BaseModel, ValidationError

from runrehab.domain.errors import InvalidInputError, Problem
from runrehab.schemas.dates import Day, PastDay, day_or_problem, parse_day

NOT_DATES = ["0", "1", "20261201", "2026-W49-1", "2026-12-1", " 2026-12-01", "２０２６-12-01", ""]
OUTSIDE = [
    "0001-01-01",
    "1899-12-31",
    "9999-12-31",
    (date.today() + timedelta(days=367)).isoformat(),
]


class _Form(BaseModel):
    on: Day
    raced_on: PastDay | None = None


def test_an_iso_day_in_the_window_is_read() -> None:
    assert parse_day("2026-12-01", "on") == date(2026, 12, 1)
    assert parse_day("1900-01-01", "on") == date(1900, 1, 1)
    a_year_on = date.today() + timedelta(days=366)
    assert parse_day(a_year_on.isoformat(), "on") == a_year_on


@pytest.mark.parametrize("text", NOT_DATES)
def test_anything_but_yyyy_mm_dd_is_refused_naming_the_field(text: str) -> None:
    assert day_or_problem(text, "on") == Problem(
        "on", f"expected a date as YYYY-MM-DD (got {text!r})"
    )


@pytest.mark.parametrize("text", OUTSIDE)
def test_a_day_outside_the_window_is_refused_with_the_window(text: str) -> None:
    with pytest.raises(InvalidInputError) as refused:
        parse_day(text, "date")
    (problem,) = refused.value.problems
    assert problem.where == "date"
    assert problem.reason.startswith("must be between 1900-01-01 and ")


@pytest.mark.parametrize("value", [0, 1_700_000_000, "0", "9999-12-31", True, None])
def test_the_pydantic_type_refuses_numbers_and_days_outside_the_window(value: object) -> None:
    with pytest.raises(ValidationError):
        _Form.model_validate({"on": value})


def test_a_race_cannot_have_been_run_tomorrow() -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    with pytest.raises(ValidationError, match="must be between"):
        _Form.model_validate({"on": "2026-12-01", "raced_on": tomorrow})
    today = _Form.model_validate({"on": "2026-12-01", "raced_on": date.today().isoformat()})
    assert today.raced_on == date.today()
