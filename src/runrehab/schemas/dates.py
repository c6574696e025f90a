"""Days as people type them: `YYYY-MM-DD` and nothing else, within a window a runner's record can
have. One reading for the JSON schemas, the forms, the `?on=` query and the CLI.

A number is not a date (`?on=0` was read as 1970-01-01), nor are `20261201` or `2026-W49-1`,
which Python's own parser accepts. The window keeps every day the plan counts from (30 days back,
26 weeks on) far inside the calendar, where years 1 and 9999 overflowed:

    a day in the record (an entry, a day to show, a change of plan)   1900-01-01 .. today + 1 year
    a race already run                                                 1900-01-01 .. today
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Annotated

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from runrehab.domain.errors import InvalidInputError, Problem

EARLIEST = date(1900, 1, 1)
AHEAD = timedelta(days=366)
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits: \d takes any script


def day_or_problem(text: str, field: str, ahead: timedelta = AHEAD) -> date | Problem:
    """The day, or the Problem (naming `field`) with what was expected and what was given."""
    day = _day(text, ahead)
    return day if isinstance(day, date) else Problem(field, f"{day} (got {text!r})")


def parse_day(text: str, field: str, ahead: timedelta = AHEAD) -> date:
    """The day, or InvalidInputError naming `field`."""
    day = day_or_problem(text, field, ahead)
    if isinstance(day, Problem):
        raise InvalidInputError(field, [day])
    return day


def _day(text: str, ahead: timedelta) -> date | str:
    """The day, or why it is not one."""
    try:
        day = date.fromisoformat(text) if _ISO.fullmatch(text) else None
    except ValueError:
        day = None
    if day is None:
        return "expected a date as YYYY-MM-DD"
    last = date.today() + ahead
    return day if EARLIEST <= day <= last else f"must be between {EARLIEST} and {last}"


def _validator(ahead: timedelta) -> BeforeValidator:
    def check(value: object) -> date:
        text = value.isoformat() if type(value) is date else value
        day = _day(text, ahead) if isinstance(text, str) else "expected a date as YYYY-MM-DD"
        if isinstance(day, str):
            raise PydanticCustomError("date_window", day)
        return day

    return BeforeValidator(check)


Day = Annotated[date, _validator(AHEAD)]
"""A day in the record, for pydantic models and FastAPI query parameters."""
PastDay = Annotated[date, _validator(timedelta(0))]
"""A day that has been (a race already run)."""


_MONTH = re.compile(r"[12][0-9]{3}-(0[1-9]|1[0-2])")


def _first_of_month(value: object) -> date:
    if not isinstance(value, str) or not _MONTH.fullmatch(value):
        raise PydanticCustomError("month", "expected a month as YYYY-MM")
    return date.fromisoformat(f"{value}-01")


Month = Annotated[date, BeforeValidator(_first_of_month)]
"""A month as `YYYY-MM` (the calendar's `?month=`), read as its first day."""
