"""Log entries between domain values and rows."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

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
    if isinstance(row, ExerciseLogRow):
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
    if isinstance(row, RunLogRow):
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
