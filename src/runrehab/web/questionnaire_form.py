"""A questionnaire as an HTML form and back: one field per item, in the item's own kind.

choice  labelled points (LEFS, Kujala, OSTRC-O2, FAAM, TSK-11, NPRS), "N/A" where allowed
number  a scale with decimals (VISA items 1-6)
named   the runner's own activity and its rating (PSFS); last time's names come prefilled
branch  a VISA Q8 branch letter and its points
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from runrehab.domain.errors import InvalidInputError, Problem
from runrehab.domain.questionnaires import NOT_APPLICABLE, QuestionItem, Questionnaire
from runrehab.schemas.numbers import decimal_or_problem


def fields(q: Questionnaire, previous: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """The form's fields; `previous` (the last answers) prefills the PSFS activity names."""
    return [_field(item, (previous or {}).get(item.key)) for item in q.items]


def _field(item: QuestionItem, before: Any) -> dict[str, Any]:
    shown = {"name": item.key, "label": item.text, "required": not item.optional}
    if item.branches:
        return shown | {"kind": "branch", "branches": sorted(item.branches)}
    if item.named:
        activity = before.get("activity", "") if isinstance(before, Mapping) else ""
        return shown | {"kind": "named", "activity": activity, "options": _options(item)}
    if item.range is not None and not item.labels:
        return shown | {"kind": "number", "min": item.range[0], "max": item.range[1]}
    return shown | {"kind": "choice", "options": _options(item), "na": item.not_applicable}


def _options(item: QuestionItem) -> list[tuple[str, str]]:
    """Each answer with its label, in the order the data lists the labels (the paper form's)."""
    if item.labels:
        return [(str(p), text) for p, text in item.labels.items()]
    return [(str(p), str(p)) for p in item.points]


def answers(q: Questionnaire, form: Mapping[str, str]) -> dict[str, Any]:
    """The form's answers in the shape the scoring takes; an item left empty is left out (the
    scoring then says whether it was needed); a number that does not read is refused here."""
    found: dict[str, Any] = {}
    problems: list[Problem] = []
    for item in q.items:
        try:
            value = _answer(item, form)
        except InvalidInputError as exc:
            problems.extend(exc.problems)
            continue
        if value is not None:
            found[item.key] = value
    if problems:
        raise InvalidInputError("answers", problems)
    return found


def _answer(item: QuestionItem, form: Mapping[str, str]) -> Any:
    text = form.get(item.key, "").strip()
    if item.branches:
        points = form.get(f"{item.key}_points", "").strip()
        branch = form.get(f"{item.key}_branch", "").strip().upper()
        if not branch and not points:
            return None
        return {"branch": branch, "points": _number(f"{item.key}_points", points)}
    if item.named:
        activity = " ".join(form.get(f"{item.key}_activity", "").split())
        if not activity and not text:
            return None
        return {"activity": activity, "rating": _number(item.key, text) if text else None}
    if not text:
        return None
    return NOT_APPLICABLE if text == NOT_APPLICABLE else _number(item.key, text)


def _number(key: str, text: str) -> int | float:
    """A whole number, or a decimal where a scale has them."""
    number = decimal_or_problem(text, key)
    if isinstance(number, Problem):
        raise InvalidInputError("answers", [number])
    return int(number) if number.is_integer() else number
