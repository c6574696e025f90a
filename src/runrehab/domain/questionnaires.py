"""Outcome questionnaires (LEFS, VISA, NPRS, PSFS, OSTRC-O2, FAAM, Kujala, TSK-11): definitions
from data, scoring here.

An item takes either one of a list of `points`, a number within `range` (decimals allowed when
the paper form is a visual analogue scale), or a `branch` and its points (VISA Q8: exactly one
branch counts). An item may be `optional` (PSFS activities 4 and 5), may accept "na" (FAAM:
"not applicable" is left out of the score), or may be `named` (PSFS: the runner names the
activity, and the answer is {"activity": text, "rating": number}).

The questionnaire's `scoring` says what the answered items become:
    sum      the total, clamped to [min_total, max_total] (LEFS, VISA, Kujala, OSTRC, TSK-11)
    mean     the average of the answered items (PSFS)
    percent  points / (highest points of the answered items) x 100 (FAAM)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from runrehab.domain.errors import InvalidInputError, Problem

NOT_APPLICABLE = "na"
ACTIVITY_MAX_CHARS = 80


class Scoring(Enum):
    SUM = "sum"
    MEAN = "mean"
    PERCENT = "percent"


class Change(Enum):
    """How the last score moved against the minimal important change, direction-aware."""

    BETTER = "better"
    WORSE = "worse"
    WITHIN = "within"
    FIRST = "first"  # nothing to compare with yet
    UNKNOWN = "unknown"  # the questionnaire has no published minimal important change


@dataclass(frozen=True, slots=True)
class QuestionItem:
    key: str
    text: str
    points: tuple[int, ...] = ()
    range: tuple[float, float] | None = None
    branches: Mapping[str, tuple[int, ...]] | None = None
    labels: Mapping[int, str] | None = None
    optional: bool = False
    not_applicable: bool = False
    named: bool = False

    @property
    def highest(self) -> float:
        """The most points this item can give (the percent scoring's denominator)."""
        if self.range is not None:
            return self.range[1]
        if self.branches:
            return max(max(p) for p in self.branches.values())
        return max(self.points)


@dataclass(frozen=True, slots=True)
class Flag:
    """A published definition over the answers (OSTRC-O2 "substantial problem"): raised when
    any listed item has one of its listed points."""

    id: str
    text: str
    any_of: Mapping[str, tuple[int, ...]]


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
    scoring: Scoring = Scoring.SUM
    min_total: float = 0.0
    min_answered: int | None = None  # None: every item that is not optional
    every_days: int | None = None  # the published frequency (OSTRC: weekly)
    recall: str | None = None  # the period the questions ask about
    mcid_citation: str | None = None
    flags: tuple[Flag, ...] = ()


@dataclass(frozen=True, slots=True)
class QuestionnaireScore:
    questionnaire: str
    total: float
    max_total: float
    provisional: bool
    flags: tuple[str, ...] = field(default=())


def score(q: Questionnaire, answers: Mapping[str, object], source: str) -> QuestionnaireScore:
    """Every required item answered and valid, or InvalidInputError listing each problem."""
    problems = [
        Problem(k, "not an item of this questionnaire") for k in answers if k not in _keys(q)
    ]
    values: list[tuple[QuestionItem, float]] = []
    for item in q.items:
        value, problem = _answer_value(item, answers.get(item.key))
        if problem:
            problems.append(Problem(item.key, problem))
        elif value is not None:
            values.append((item, value))
    needed = q.min_answered or sum(not i.optional for i in q.items)
    if not problems and len(values) < needed:
        problems.append(Problem("answers", f"at least {needed} items must be answered"))
    if problems:
        raise InvalidInputError(source, problems)
    total = round(_total(q, values), 1)
    return QuestionnaireScore(q.id, total, q.max_total, q.provisional, _flags(q, answers))


def _total(q: Questionnaire, values: list[tuple[QuestionItem, float]]) -> float:
    points = sum(v for _, v in values)
    if q.scoring is Scoring.MEAN:
        return points / len(values)
    if q.scoring is Scoring.PERCENT:
        return 100.0 * points / sum(item.highest for item, _ in values)
    return min(max(points, q.min_total), q.max_total)


def _flags(q: Questionnaire, answers: Mapping[str, object]) -> tuple[str, ...]:
    return tuple(f.id for f in q.flags if any(answers.get(k) in pts for k, pts in f.any_of.items()))


def _keys(q: Questionnaire) -> set[str]:
    return {item.key for item in q.items}


def _answer_value(item: QuestionItem, answer: object) -> tuple[float | None, str | None]:
    """(points or None when rightly left out, problem or None)."""
    if answer is None:
        return None, None if item.optional else "not answered"
    if answer == NOT_APPLICABLE:
        return None, None if item.not_applicable else "cannot be answered 'not applicable'"
    if item.named:
        return _named_value(item, answer)
    return _item_value(item, answer)


def _named_value(item: QuestionItem, answer: object) -> tuple[float | None, str | None]:
    if not isinstance(answer, Mapping) or set(answer) != {"activity", "rating"}:
        return None, 'expected {"activity": ..., "rating": ...}'
    activity = answer["activity"]
    if not isinstance(activity, str) or not activity.strip():
        return None, "name the activity"
    if len(activity) > ACTIVITY_MAX_CHARS:
        return None, f"the activity's name takes at most {ACTIVITY_MAX_CHARS} characters"
    if answer["rating"] is None:
        return None, f"rate {activity.strip()!r}"
    return _item_value(item, answer["rating"])


def _item_value(item: QuestionItem, answer: object) -> tuple[float, str | None]:
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


def change(q: Questionnaire, scores: list[float]) -> Change:
    """The last score against the one before it (oldest first): better or worse by at least
    the minimal important change, in the questionnaire's own direction, or within it."""
    if q.mcid is None:
        return Change.UNKNOWN
    if len(scores) < 2:
        return Change.FIRST
    delta = scores[-1] - scores[-2]
    if abs(delta) < q.mcid:
        return Change.WITHIN
    return Change.BETTER if (delta > 0) == q.higher_is_better else Change.WORSE
