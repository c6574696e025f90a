"""Run a pydantic model over raw input and turn its errors into `Problem`s with plain messages."""

from __future__ import annotations

import json
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from runrehab.domain.errors import InvalidInputError, Problem

M = TypeVar("M", bound=BaseModel)

OTTAWA_MISSING = 'required for ankle and midfoot pain: answer true, false or "unsure"'
_MESSAGES = {
    "extra_forbidden": "unknown key",
    "missing": "required key is missing",
    "ottawa_missing": OTTAWA_MISSING,
}


def validate(model: type[M], raw: object, source: str) -> M:
    """Strict JSON semantics: no strings for numbers, no booleans for integers."""
    try:
        return model.model_validate_json(json.dumps(raw))
    except ValidationError as exc:
        raise InvalidInputError(source, problems_of(exc)) from None


def problems_of(exc: ValidationError) -> list[Problem]:
    return [_problem(e) for e in exc.errors()]


def _problem(error: ErrorDetails) -> Problem:
    where = ".".join(str(part) for part in error["loc"]) or "-"
    message = _MESSAGES.get(error["type"], error["msg"])
    if error["type"] not in _MESSAGES and "input" in error:
        message = f"{message} (got {json.dumps(error['input'])})"
    return Problem(where, message)
