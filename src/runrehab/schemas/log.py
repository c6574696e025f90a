"""Log entries as JSON objects (one per line in a replay log, or one per `runrehab log` call).

Each object has `date` and `type` (`exercise`, `run` or `checkin`); `id` is the client-generated
id that makes writes idempotent (a replay log may omit it: the line number stands in).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Collection
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from runrehab.domain.errors import InvalidInputError, Problem
from runrehab.domain.intake import CHECK_IN_RED_FLAGS, ReadinessTests
from runrehab.domain.log import CheckIn, Entry, ExerciseLog, RunLog
from runrehab.schemas.answers import LEGACY_NIGHT_OR_REST, TestsModel
from runrehab.schemas.dates import Day
from runrehab.schemas.validation import problems_of

Score = Annotated[int, Field(ge=0, le=10)]
ClientId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
Note = Annotated[str, Field(max_length=2000)]
# Check-ins saved before night pain and rest pain were asked apart may name the old joint key; it
# is read as night pain that wakes the runner, the more serious reading (as for saved answers).
RedFlag = Literal[(*CHECK_IN_RED_FLAGS, LEGACY_NIGHT_OR_REST)]  # type: ignore[valid-type]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    id: ClientId | None = None
    date: Day
    note: Note | None = None


class ExerciseModel(_Entry):
    type: Literal["exercise"]
    exercise: str
    sets: int = Field(ge=1, le=20)
    reps: int | None = Field(default=None, ge=1, le=200)
    hold_s: int | None = Field(default=None, ge=1, le=600)
    load_kg: float = Field(default=0.0, ge=0, le=500)
    pain: Score

    def to_domain(self, fallback_id: str) -> ExerciseLog:
        return ExerciseLog(
            self.id or fallback_id,
            self.date,
            self.exercise,
            self.sets,
            self.reps,
            self.hold_s,
            float(self.load_kg),
            self.pain,
            self.note,
        )


class RunModel(_Entry):
    type: Literal["run"]
    minutes: int = Field(ge=1, le=1440)
    distance_km: float | None = Field(default=None, ge=0, le=500)
    pain_during: Score
    pain_after: Score
    hills: bool = False
    speedwork: bool = False

    def to_domain(self, fallback_id: str) -> RunLog:
        return RunLog(
            self.id or fallback_id,
            self.date,
            self.minutes,
            self.distance_km,
            self.pain_during,
            self.pain_after,
            self.hills,
            self.speedwork,
            self.note,
        )


class CheckinModel(_Entry):
    type: Literal["checkin"]
    monitoring_pain: Score
    stiffness_min: int | None = Field(default=None, ge=0, le=1440)
    sitting_tolerance_min: int | None = Field(default=None, ge=0, le=1440)
    muscle_soreness: Score | None = None
    pain_rest: Score | None = None
    hop_pain: Score | None = None
    single_leg_calf_raises: int | None = Field(default=None, ge=0, le=500)
    tests: TestsModel = TestsModel()
    red_flags: list[RedFlag] = []

    def to_domain(self, fallback_id: str) -> CheckIn:
        return CheckIn(
            id=self.id or fallback_id,
            on=self.date,
            monitoring_pain=self.monitoring_pain,
            stiffness_min=self.stiffness_min,
            sitting_tolerance_min=self.sitting_tolerance_min,
            muscle_soreness=self.muscle_soreness,
            pain_rest=self.pain_rest,
            hop_pain=self.hop_pain,
            single_leg_calf_raises=self.single_leg_calf_raises,
            tests=ReadinessTests(**self.tests.model_dump()),
            red_flags=frozenset(
                "night_pain_wakes" if flag == LEGACY_NIGHT_OR_REST else flag
                for flag in self.red_flags
            ),
            note=self.note,
        )


EntryModel = Annotated[ExerciseModel | RunModel | CheckinModel, Field(discriminator="type")]
_ADAPTER: TypeAdapter[ExerciseModel | RunModel | CheckinModel] = TypeAdapter(EntryModel)


def parse_entry(raw: object, where: str, exercises: Collection[str], fallback_id: str) -> Entry:
    """One entry; raises InvalidInputError whose problems are prefixed with `where`."""
    try:
        model = _ADAPTER.validate_json(json.dumps(raw), strict=True)
    except ValidationError as exc:
        raise InvalidInputError(where, [_at(where, p) for p in problems_of(exc)]) from None
    return to_entry(model, where, exercises, fallback_id)


def to_entry(
    model: ExerciseModel | RunModel | CheckinModel,
    where: str,
    exercises: Collection[str],
    fallback_id: str,
) -> Entry:
    """An entry already validated (the API's request body) as the domain value, after the checks
    that need the runner's exercises; InvalidInputError as `parse_entry`."""
    if isinstance(model, ExerciseModel):
        problems = _exercise_problems(model, exercises)
        if problems:
            raise InvalidInputError(where, [_at(where, p) for p in problems])
    return model.to_domain(fallback_id)


def _exercise_problems(model: ExerciseModel, exercises: Collection[str]) -> list[Problem]:
    problems = []
    if model.exercise not in exercises:
        reason = f"unknown exercise {model.exercise!r} (or one with no dose to log)"
        problems.append(Problem("exercise", reason))
    if model.reps is None and model.hold_s is None:
        problems.append(Problem("reps", "give reps or hold_s"))
    return problems


def _at(where: str, problem: Problem) -> Problem:
    return Problem(f"{where}: {problem.where}", problem.reason)


def parse_jsonl(text: str, source: str, exercises: Collection[str]) -> list[Entry]:
    """Every line of a replay log, or every problem with its line number (nothing is evaluated)."""
    numbered: list[tuple[int, Entry]] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            numbered.append(
                (number, parse_entry(raw, f"line {number}", exercises, f"line-{number}"))
            )
        except json.JSONDecodeError as exc:
            problems.append(Problem(f"line {number}", f"invalid JSON: {exc.msg}"))
        except InvalidInputError as exc:
            problems.extend(exc.problems)
    problems.extend(
        Problem(f"line {number}", f"date {entry.on} is before the previous entry's {before.on}")
        for (_, before), (number, entry) in itertools.pairwise(numbered)
        if entry.on < before.on
    )
    if problems:
        raise InvalidInputError(source, problems)
    if not numbered:
        raise InvalidInputError(source, [Problem("-", "the log has no entries")])
    return [entry for _, entry in numbered]
