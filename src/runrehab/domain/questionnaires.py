"""Outcome questionnaires (LEFS, VISA-H): definitions from data, scoring here.

An item takes either one of a list of `points`, a number within `range` (decimals allowed when
the paper form is a visual analogue scale), or a `branch` and its points (VISA Q8: exactly one
branch counts). The total is the sum, clamped to the questionnaire's range.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from runrehab.domain.errors import InvalidInputError, Problem


@dataclass(frozen=True, slots=True)
class QuestionItem:
    key: str
    text: str
    points: tuple[int, ...] = ()
    range: tuple[float, float] | None = None
    branches: Mapping[str, tuple[int, ...]] | None = None
    labels: Mapping[int, str] | None = None


@dataclass(frozen=True, slots=True)
class Questionnaire:
    id: str
    name: str
    stem: str
    items: tuple[QuestionItem, ...]
    max_total: float
    higher_is_better: bool
    provisional: bool
    provisional_note: str | None
    mcid: float | None
    citation: str


@dataclass(frozen=True, slots=True)
class QuestionnaireScore:
    questionnaire: str
    total: float
    max_total: float
    provisional: bool


def score(q: Questionnaire, answers: Mapping[str, object], source: str) -> QuestionnaireScore:
    """Every item answered and valid, or InvalidInputError listing each problem."""
    problems = [
        Problem(k, "not an item of this questionnaire") for k in answers if k not in _keys(q)
    ]
    values = []
    for item in q.items:
        value, problem = _item_value(item, answers.get(item.key))
        if problem:
            problems.append(Problem(item.key, problem))
        values.append(value)
    if problems:
        raise InvalidInputError(source, problems)
    total = min(max(sum(values), 0.0), q.max_total)
    return QuestionnaireScore(q.id, round(total, 1), q.max_total, q.provisional)


def _keys(q: Questionnaire) -> set[str]:
    return {item.key for item in q.items}


def _item_value(item: QuestionItem, answer: object) -> tuple[float, str | None]:
    if answer is None:
        return 0.0, "not answered"
    if item.branches is not None:
        return _branch_value(item, answer)
    if isinstance(answer, bool) or not isinstance(answer, int | float):
        return 0.0, f"expected a number, got {answer!r}"
    if item.range is not None:
        low, high = item.range
        return (
            (float(answer), None)
            if low <= answer <= high
            else (0.0, f"must be {low:g} to {high:g}")
        )
    if answer in item.points:
        return float(answer), None
    return 0.0, f"must be one of {list(item.points)}"


def _branch_value(item: QuestionItem, answer: object) -> tuple[float, str | None]:
    assert item.branches is not None
    if not isinstance(answer, Mapping) or set(answer) != {"branch", "points"}:
        return 0.0, 'expected {"branch": ..., "points": ...}'
    allowed = item.branches.get(str(answer["branch"]))
    if allowed is None:
        return 0.0, f"branch must be one of {sorted(item.branches)}"
    if answer["points"] not in allowed or isinstance(answer["points"], bool):
        return 0.0, f"branch {answer['branch']} takes one of {list(allowed)}"
    return float(answer["points"]), None
