"""Import runs from watch files: store each new activity's summary, skip duplicates and say so,
report every file that could not be read, and never stop at one bad file.

Decoding happens before this (the readers, in a process pool); this use case only decides and
stores, committing in batches: a crash keeps every batch already committed, and importing the
same files again skips them by their hash.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from runrehab.domain.activity import Activity, Decoded, same_run
from runrehab.services.ports import Clock, UnitOfWork

BATCH = 200


@dataclass
class ImportReport:
    imported: list[tuple[str, Activity]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, why)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)

    def as_json(self) -> dict[str, Any]:
        return {
            "imported": [
                {"file": n, "sport": a.sport, "distance_m": a.distance_m} for n, a in self.imported
            ],
            "duplicates": [{"file": n, "why": w} for n, w in self.duplicates],
            "failed": [{"file": n, "reason": r} for n, r in self.failed],
        }


def import_decoded(
    runner_id: str,
    decoded: Iterable[Decoded],
    uow: UnitOfWork,
    clock: Clock,
    on_each: Callable[[Decoded], None] | None = None,
) -> ImportReport:
    """Store the activities among `decoded` that the runner does not have yet."""
    report = ImportReport()
    with uow:
        hashes, timed = uow.activities.known(runner_id)
    pending: list[tuple[str, str, str, Activity, date]] = []
    for item in decoded:
        if on_each is not None:
            on_each(item)
        stored = _decide(item, hashes, timed, report, clock().date())
        if stored is not None:
            pending.append(stored)
        if len(pending) >= BATCH:
            _store(runner_id, pending, uow, clock)
    _store(runner_id, pending, uow, clock)
    return report


def _decide(
    item: Decoded,
    hashes: set[str],
    timed: list[Activity],
    report: ImportReport,
    today: date,
) -> tuple[str, str, str, Activity, date] | None:
    if item.activity is None:
        report.failed.append((item.name, item.error or "could not be read"))
        return None
    if item.sha256 in hashes:
        report.duplicates.append((item.name, "this file was imported before"))
        return None
    twin = next((t for t in timed if same_run(t, item.activity)), None)
    if twin is not None:
        report.duplicates.append((item.name, _twin_reason(twin)))
        return None
    hashes.add(item.sha256)
    if item.activity.start_time is not None:
        timed.append(item.activity)
    report.imported.append((item.name, item.activity))
    on = item.activity.start_time.date() if item.activity.start_time else today
    return uuid.uuid4().hex, item.sha256, item.name, item.activity, on


def _twin_reason(twin: Activity) -> str:
    assert twin.start_time is not None
    started = twin.start_time.strftime("%Y-%m-%d %H:%M UTC")
    return f"the same run as the one started {started} (another device or export)"


def _store(
    runner_id: str,
    pending: list[tuple[str, str, str, Activity, date]],
    uow: UnitOfWork,
    clock: Clock,
) -> None:
    if not pending:
        return
    with uow:
        uow.activities.add_many(runner_id, pending, clock())
        uow.commit()
    pending.clear()


def activities(runner_id: str, uow: UnitOfWork, limit: int = 200) -> list[dict[str, Any]]:
    with uow:
        return uow.activities.listed(runner_id, limit)
