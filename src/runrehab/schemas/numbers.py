"""Numbers as typed into a form: ASCII digits and at most one decimal point, nothing else.

Python's `int()` and `float()`, and pydantic reading a string, also take `١٢` (other scripts'
digits), `1_000`, `1e3`, `+5`, ` 12 `, `nan` and `inf`. None of those is what a runner means
in a form, and `nan` or `inf` would pass a range check nobody wrote for them. A browser sends
`type=number` fields as plain digits, so only people typing by hand (or scripts) see the message.
JSON numbers are JSON's business: the API's models are strict, and non-JSON constants (`NaN`,
`Infinity`) are refused with the request (`web/refused_input.py`).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from runrehab.domain.errors import InvalidInputError, Problem

_WHOLE = re.compile(r"[0-9]{1,9}")
_DECIMAL = re.compile(r"[0-9]{1,9}(?:\.[0-9]{1,6})?|\.[0-9]{1,6}")
WHOLE = "a whole number in digits 0-9"
DECIMAL = "a number in digits 0-9, with a point for decimals (e.g. 5.5)"


def whole_or_problem(text: str, field: str) -> int | Problem:
    return int(text) if _WHOLE.fullmatch(text) else Problem(field, f"{WHOLE} (got {text!r})")


def decimal_or_problem(text: str, field: str) -> float | Problem:
    return float(text) if _DECIMAL.fullmatch(text) else Problem(field, f"{DECIMAL} (got {text!r})")


def whole(text: str) -> int:
    """`int()` for a form: ValueError (saying what is expected) for anything but digits 0-9."""
    number = whole_or_problem(text, "")
    if isinstance(number, Problem):
        raise ValueError(number.reason)
    return number


def decimal(text: str) -> float:
    """`float()` for a form: ValueError for anything but digits 0-9 and one decimal point."""
    number = decimal_or_problem(text, "")
    if isinstance(number, Problem):
        raise ValueError(number.reason)
    return number


def form_numbers(
    fields: dict[str, str | None], decimals: frozenset[str] = frozenset()
) -> dict[str, int | float | None]:
    """Each field's number (None when left empty; those in `decimals` may have a fraction), or
    InvalidInputError with every field that is not one."""
    read = {
        name: None
        if text in (None, "")
        else (decimal_or_problem if name in decimals else whole_or_problem)(text, name)
        for name, text in fields.items()
    }
    problems = [p for p in read.values() if isinstance(p, Problem)]
    if problems:
        raise InvalidInputError("form", problems)
    return {name: value for name, value in read.items() if not isinstance(value, Problem)}


def _whole(value: object) -> int:
    if isinstance(value, str) and _WHOLE.fullmatch(value):
        return int(value)
    raise PydanticCustomError("form_number", WHOLE)


FormInt = Annotated[int, BeforeValidator(_whole)]
"""A whole number from a form field, for FastAPI `Form()` parameters."""
