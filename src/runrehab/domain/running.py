"""Run doses for the planned run dates: the walk/run programme or continuous easy running.

Runners who are not running start the published walk/run programme (each phase twice, level
ground); runners who are running continue with easy runs whose weekly volume grows by the
knowledge base's weekly increase up to the pre-injury volume. In both, no single run exceeds
`single_run_cap` x the longest run of the previous 30 days (Frandsen 2025).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from runrehab.domain.knowledge import Dosage, RunPolicy
from runrehab.domain.plan import RunDose

WINDOW = timedelta(days=30)
EASY_PACE = "easy: conversational, RPE 3-4/10"


@dataclass(frozen=True, slots=True)
class RunningStart:
    weekly_km_now: float | None
    weekly_km_before_injury: float | None
    longest_run_30d_km: float | None
    history: tuple[tuple[date, float], ...] = ()  # dated runs (date, km), when known

    @property
    def is_running(self) -> bool:
        return (self.weekly_km_now or 0) > 0


class _LongestRuns:
    """The longest run of the 30 days before a date: from the dated runs when they are known
    (logged or imported from a watch), else counting the intake's reported longest run as if it
    were run on the day before the plan starts."""

    def __init__(self, begin: RunningStart, start: date) -> None:
        self._runs: list[tuple[date, float]] = list(begin.history)
        if not self._runs and begin.longest_run_30d_km:
            self._runs.append((start - timedelta(days=1), begin.longest_run_30d_km))

    def cap_km(self, on: date, ratio: float) -> float | None:
        recent = [km for day, km in self._runs if on - WINDOW <= day < on]
        return _floor_tenth(max(recent) * ratio) if recent else None

    def add(self, on: date, km: float) -> None:
        self._runs.append((on, km))


def plan_runs(
    run_dates: Sequence[date],
    start: date,
    begin: RunningStart,
    dosage: Dosage,
    policy_on: Callable[[date], RunPolicy],
    *,
    walk_run_done: int = 0,
) -> dict[date, RunDose]:
    """`walk_run_done`: walk/run sessions already completed (the engine's progress)."""
    longest = _LongestRuns(begin, start)
    walk_run_left = [] if begin.is_running else _walk_run_sessions(dosage)[walk_run_done:]
    weekly_km = begin.weekly_km_now or 0.0
    continuous_since: int | None = 0 if begin.is_running else None
    doses: dict[date, RunDose] = {}
    for on in run_dates:
        week = (on - start).days // 7
        same_week = [d for d in run_dates if (d - start).days // 7 == week]
        if walk_run_left:
            dose = walk_run_left.pop(0)
            weekly_km = (dose.distance_km or 0.0) * len(same_week)
        else:
            continuous_since = week if continuous_since is None else continuous_since
            growth_weeks = week - continuous_since
            dose = _easy_run(on, growth_weeks, same_week, weekly_km, begin, dosage, policy_on(on))
        dose = _capped(dose, longest.cap_km(on, dosage.single_run_cap), dosage)
        longest.add(on, dose.distance_km or 0.0)
        doses[on] = dose
    return doses


def _walk_run_sessions(dosage: Dosage) -> list[RunDose]:
    sessions = []
    for phase in dosage.walk_run:
        interval = (
            f"{phase.walk_min} min walk / {phase.run_min} min run, repeat"
            if phase.walk_min
            else "continuous easy running"
        )
        minutes = round(phase.total_km * dosage.assumed_walk_run_pace_s_per_km / 60)
        why = (
            f"Walk/run phase {phase.phase}: complete each phase {dosage.walk_run_repeats} times "
            "without more pain, swelling or stiffness before moving on; level ground only."
        )
        dose = RunDose(
            minutes,
            phase.total_km,
            f"RPE {phase.rpe}/10",
            "flat, level surface",
            hills=False,
            speedwork=False,
            walk_run=interval,
            why=why,
        )
        sessions.extend([dose] * dosage.walk_run_repeats)
    return sessions


def _easy_run(
    on: date,
    growth_weeks: int,
    same_week: Sequence[date],
    base_weekly_km: float,
    begin: RunningStart,
    dosage: Dosage,
    policy: RunPolicy,
) -> RunDose:
    weekly = base_weekly_km * (1 + dosage.weekly_increase) ** growth_weeks
    if begin.weekly_km_before_injury:
        weekly = min(weekly, max(begin.weekly_km_before_injury, base_weekly_km))
    km = max(_floor_tenth(weekly / len(same_week)), 1.0)
    hills = policy.hills and on == same_week[0]
    speed = policy.speedwork and on == same_week[-1] and len(same_week) > 1
    pace = EASY_PACE + (", then 4-6 relaxed 20 s strides" if speed else "")
    why = (
        f"Easy run: this week's volume is about {weekly:.1f} km, growing at most "
        f"{dosage.weekly_increase:.0%} a week."
    )
    return RunDose(
        minutes=_minutes(km, dosage.assumed_easy_pace_s_per_km),
        distance_km=km,
        pace=pace,
        terrain="gentle hills, add gradually" if hills else "flat",
        hills=hills,
        speedwork=speed,
        walk_run=None,
        why=why,
    )


def _capped(dose: RunDose, cap_km: float | None, dosage: Dosage) -> RunDose:
    if cap_km is None or dose.distance_km is None or dose.distance_km <= cap_km:
        return dose
    pace = (
        dosage.assumed_walk_run_pace_s_per_km
        if dose.walk_run
        else dosage.assumed_easy_pace_s_per_km
    )
    why = f"{dose.why} Capped at {cap_km} km: no run more than 10% over the longest of the last 30 days."
    return RunDose(
        _minutes(cap_km, pace),
        cap_km,
        dose.pace,
        dose.terrain,
        dose.hills,
        dose.speedwork,
        dose.walk_run,
        why,
    )


def _minutes(km: float, pace_s_per_km: int) -> int:
    return max(1, round(km * pace_s_per_km / 60))


def _floor_tenth(km: float) -> float:
    return math.floor(km * 10 + 1e-9) / 10
