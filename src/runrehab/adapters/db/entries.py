"""Log entries between domain values and rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select

from runrehab.adapters.db.tables import CheckInRow, ExerciseLogRow, RunLogRow
from runrehab.domain.intake import ReadinessTests
from runrehab.domain.log import CheckIn, Entry, ExerciseLog, RunLog

EntryRow = ExerciseLogRow | RunLogRow | CheckInRow
ENTRY_TABLES: tuple[type[EntryRow], ...] = (ExerciseLogRow, RunLogRow, CheckInRow)


def entry_kind(entry: Entry) -> str:
    return {ExerciseLog: "exercise", RunLog: "run", CheckIn: "checkin"}[type(entry)]


def to_row(entry: Entry, episode_id: str, recorded_at: datetime) -> EntryRow:
    common = {
        "id": entry.id,
        "episode_id": episode_id,
        "on": entry.on,
        "note": entry.note,
        "recorded_at": recorded_at,
    }
    if isinstance(entry, ExerciseLog):
        return ExerciseLogRow(
            **common,
            exercise=entry.exercise,
            sets=entry.sets,
            reps=entry.reps,
            hold_s=entry.hold_s,
            load_kg=entry.load_kg,
            pain=entry.pain,
        )
    if isinstance(entry, RunLog):
        return RunLogRow(
            **common,
            minutes=entry.minutes,
            distance_km=entry.distance_km,
            pain_during=entry.pain_during,
            pain_after=entry.pain_after,
            hills=entry.hills,
            speedwork=entry.speedwork,
        )
    return CheckInRow(
        **common,
        monitoring_pain=entry.monitoring_pain,
        stiffness_min=entry.stiffness_min,
        sitting_tolerance_min=entry.sitting_tolerance_min,
        muscle_soreness=entry.muscle_soreness,
        pain_rest=entry.pain_rest,
        hop_pain=entry.hop_pain,
        single_leg_calf_raises=entry.single_leg_calf_raises,
        tests={k: v for k, v in asdict(entry.tests).items() if v is not None},
        red_flags=sorted(entry.red_flags),
    )


def to_domain(row: EntryRow) -> Entry:
    return FROM_ROW[type(row)](row)


def columns(table: type[EntryRow]) -> Select[Any]:
    """The table's columns, each labelled with its attribute's name: rows that `FROM_ROW` reads
    like the mapped objects, at about a third of the cost of building those objects (a year of
    entries is read on every page and every write)."""
    return select(*(getattr(table, column.key) for column in table.__mapper__.column_attrs))


def _exercise(row: Any) -> ExerciseLog:
    return ExerciseLog(
        row.id,
        row.on,
        row.exercise,
        row.sets,
        row.reps,
        row.hold_s,
        row.load_kg,
        row.pain,
        row.note,
    )


def _run(row: Any) -> RunLog:
    return RunLog(
        row.id,
        row.on,
        row.minutes,
        row.distance_km,
        row.pain_during,
        row.pain_after,
        row.hills,
        row.speedwork,
        row.note,
    )


def _checkin(row: Any) -> CheckIn:
    return CheckIn(
        id=row.id,
        on=row.on,
        monitoring_pain=row.monitoring_pain,
        stiffness_min=row.stiffness_min,
        sitting_tolerance_min=row.sitting_tolerance_min,
        muscle_soreness=row.muscle_soreness,
        pain_rest=row.pain_rest,
        hop_pain=row.hop_pain,
        single_leg_calf_raises=row.single_leg_calf_raises,
        tests=ReadinessTests(**row.tests),
        red_flags=frozenset(row.red_flags),
        note=row.note,
    )


# each table's entry from its mapped object or from its `columns` row (the same attribute names)
FROM_ROW: dict[type[EntryRow], Callable[[Any], Entry]] = {
    ExerciseLogRow: _exercise,
    RunLogRow: _run,
    CheckInRow: _checkin,
}
