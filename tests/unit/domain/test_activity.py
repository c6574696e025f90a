"""A recorded run: the same run from two devices, and whether it was hilly or speed work."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from runrehab.domain.activity import Activity, character, same_run
from runrehab.knowledge.loader import load_knowledge_base

RULES = load_knowledge_base().dosage.imported_runs
START = datetime(2026, 11, 20, 6, 30, tzinfo=UTC)


def _run(start: datetime | None, metres: float) -> Activity:
    return Activity("running", start, metres, 3000, 3100, 600, None, None, None, 1)


def test_two_recordings_of_one_run_match_and_two_runs_do_not() -> None:
    watch = _run(START, 10_000)
    assert same_run(watch, _run(START + timedelta(seconds=90), 10_400))
    assert not same_run(watch, _run(START + timedelta(minutes=3), 10_000))  # started apart
    assert not same_run(watch, _run(START, 11_000))  # 10% longer: not the same run
    assert not same_run(watch, _run(None, 10_000))  # no clock: only the file hash can tell


def test_a_run_climbing_10_m_a_km_is_hilly() -> None:
    assert character(5000, 50.0, {}, RULES).hilly
    assert not character(5000, 49.0, {}, RULES).hilly
    assert not character(5000, None, {}, RULES).hilly


def test_three_minutes_well_faster_than_the_runs_middle_pace_is_speed_work() -> None:
    steady = {330: 1500.0, 340: 1500.0}
    assert not character(10_000, 0, steady, RULES).speedwork
    intervals = steady | {280: 200.0}  # 3:20 at 4:45/km against a 5:35 middle
    assert character(10_000, 0, intervals, RULES).speedwork
    strides = steady | {280: 60.0}  # a minute of strides is not a session
    assert not character(10_000, 0, strides, RULES).speedwork
