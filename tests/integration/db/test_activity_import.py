"""Importing decoded activities: new ones stored, duplicates skipped with the reason, failures
reported by name, batches committed so a crash keeps what was stored (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, event

from runrehab.adapters.db.uow import SqlUnitOfWork
from runrehab.domain.activity import Activity, Decoded
from runrehab.knowledge.loader import load_knowledge_base
from runrehab.services import activities
from runrehab.services.activities import import_decoded
from tests.integration.db.conftest import FakeClock

START = datetime(2026, 11, 20, 6, 30, tzinfo=UTC)
KB = load_knowledge_base()


def _run(n: int, km: float = 10.0, start: datetime | None = START) -> Activity:
    begins = start + timedelta(days=n) if start else None
    return Activity("running", begins, km * 1000, km * 330, km * 340, 600, 150, 170, 40.0, 2)


def _file(n: int, activity: Activity | None, error: str | None = None) -> Decoded:
    return Decoded(f"run-{n}.fit", f"{n:064x}", activity, error)


@pytest.fixture
def runner(uow: SqlUnitOfWork, clock: FakeClock) -> str:
    with uow:
        uow.episodes.add_runner("r1", "ana", clock())
        uow.commit()
    return "r1"


def test_new_runs_are_stored_once_and_the_same_file_again_is_skipped(
    uow: SqlUnitOfWork, clock: FakeClock, runner: str
) -> None:
    first = import_decoded(runner, [_file(1, _run(1)), _file(2, _run(2))], KB, uow, clock)
    assert [n for n, _ in first.imported] == ["run-1.fit", "run-2.fit"]
    again = import_decoded(runner, [_file(1, _run(1)), _file(3, _run(3))], KB, uow, clock)
    assert again.duplicates == [("run-1.fit", "this file was imported before")]
    assert [n for n, _ in again.imported] == ["run-3.fit"]
    listed = activities.activities(runner, uow)
    assert [a["on"] for a in listed] == ["2026-11-23", "2026-11-22", "2026-11-21"]


def test_the_same_run_from_a_second_device_is_skipped_and_said_so(
    uow: SqlUnitOfWork, clock: FakeClock, runner: str
) -> None:
    watch = _run(1, km=10.0)
    phone = replace(_run(1, km=10.3), start_time=START + timedelta(days=1, seconds=40))
    other = replace(_run(1), start_time=START + timedelta(days=1, minutes=5))
    report = import_decoded(
        runner, [_file(1, watch), _file(2, phone), _file(3, other)], KB, uow, clock
    )
    assert [n for n, _ in report.imported] == ["run-1.fit", "run-3.fit"]
    assert report.duplicates == [
        (
            "run-2.fit",
            "the same run as the one started 2026-11-21 06:30 UTC (another device or export)",
        )
    ]


def test_one_bad_file_is_reported_and_the_rest_imported(
    uow: SqlUnitOfWork, clock: FakeClock, runner: str
) -> None:
    files = [_file(1, _run(1)), _file(2, None, "run-2.fit: file CRC mismatch"), _file(3, _run(3))]
    report = import_decoded(runner, files, KB, uow, clock)
    assert report.failed == [("run-2.fit", "run-2.fit: file CRC mismatch")]
    assert len(report.imported) == 2


def test_a_run_without_a_clock_counts_for_the_import_day(
    uow: SqlUnitOfWork, clock: FakeClock, runner: str
) -> None:
    unset = Activity("running", None, 5000, 1800, 1900, 300, None, None, None, 1, clock_unset=True)
    import_decoded(runner, [_file(1, unset)], KB, uow, clock)
    [stored] = activities.activities(runner, uow)
    assert (stored["on"], stored["clock_unset"], stored["start_time"]) == (
        clock.now.date().isoformat(),
        True,
        None,
    )
    again = import_decoded(runner, [_file(1, unset)], KB, uow, clock)
    assert again.duplicates  # the file hash still finds it


def test_a_crash_mid_import_keeps_every_batch_already_committed(
    uow: SqlUnitOfWork, clock: FakeClock, runner: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(activities, "BATCH", 3)

    def files() -> Iterator[Decoded]:
        for n in range(7):
            yield _file(n, _run(n))
        raise KeyboardInterrupt  # the import is killed after the seventh file

    with pytest.raises(KeyboardInterrupt):
        import_decoded(runner, files(), KB, uow, clock)
    assert (
        len(activities.activities(runner, uow)) == 6
    )  # two whole batches; the seventh was pending
    resumed = import_decoded(runner, (_file(n, _run(n)) for n in range(8)), KB, uow, clock)
    assert [n for n, _ in resumed.imported] == ["run-6.fit", "run-7.fit"]
    assert len(resumed.duplicates) == 6


def test_imported_runs_are_the_load_history_and_rides_are_not(
    uow: SqlUnitOfWork, clock: FakeClock, runner: str
) -> None:
    ride = Activity("cycling", START, 40_000, 5400, 5600, 900, None, None, 300.0, 1)
    import_decoded(runner, [_file(1, _run(1, km=8.0)), _file(2, ride)], KB, uow, clock)
    with uow:
        runs = uow.activities.runs(runner, since=date(2026, 11, 1))
    assert [(r.on, r.distance_km) for r in runs] == [(date(2026, 11, 21), 8.0)]


def test_duplicates_among_many_activities_are_found_with_one_read_of_the_history(
    engine: Engine, uow: SqlUnitOfWork, clock: FakeClock, runner: str
) -> None:
    history = [_file(n, _run(n)) for n in range(300)]
    import_decoded(runner, history, KB, uow, clock)
    again = history[::3]  # the same files
    moved = [  # the same runs from another device: 40 s later, 2% longer
        Decoded(
            f"phone-{n}.fit",
            f"{n + 10_000:064x}",
            replace(_run(n, km=10.2), start_time=START + timedelta(days=n, seconds=40)),
        )
        for n in range(1, 300, 3)
    ]
    new = [_file(n, _run(n)) for n in range(300, 400)]
    statements: list[str] = []

    def seen(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", seen)
    try:
        report = import_decoded(runner, again + moved + new, KB, uow, clock)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert (len(report.duplicates), len(report.imported)) == (200, 100)
    assert report.duplicates[100] == (
        "phone-1.fit",
        "the same run as the one started 2026-11-21 06:30 UTC (another device or export)",
    )
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    history_reads = [s for s in reads if "FROM activities" in s]
    assert len(history_reads) == 1, reads  # (the roster's status row is read once too)


def test_a_twin_exactly_two_minutes_later_across_a_slot_boundary_is_found_and_one_second_more_is_not(
    uow: SqlUnitOfWork, clock: FakeClock, runner: str
) -> None:
    watch = replace(_run(1), start_time=START - timedelta(seconds=1))  # just before a 2-min slot
    limit = replace(_run(1), start_time=watch.start_time + timedelta(minutes=2))
    beyond = replace(_run(1), start_time=limit.start_time + timedelta(seconds=1))
    report = import_decoded(
        runner, [_file(1, watch), _file(2, limit), _file(3, beyond)], KB, uow, clock
    )
    assert [n for n, _ in report.duplicates] == ["run-2.fit"]
    assert [n for n, _ in report.imported] == ["run-1.fit", "run-3.fit"]
