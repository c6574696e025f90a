"""Training load from the runs a runner did: volume by day and week, time by pace zone, the two
rules that gate runs (the single-run spike and the two-week ramp) and, for those used to them,
fitness and fatigue curves.

The gates follow the largest running cohort (Frandsen 2025, 5,205 runners): a run more than 10%
longer than the longest of the last 30 days carried more injuries; the acute:chronic ratio did
not predict them, so fitness and fatigue are shown, never used to allow or refuse a run.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType

SPIKE_WINDOW = timedelta(days=30)
FITNESS_DAYS = 42  # the conventional time constants of the fitness-fatigue model
FATIGUE_DAYS = 7


@dataclass(frozen=True, slots=True)
class Run:
    """One run in the history, imported from a watch or typed in."""

    on: date
    distance_km: float
    moving_s: float
    ascent_m: float = 0.0
    pace_histogram: Mapping[int, float] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class Volume:
    runs: int = 0
    distance_km: float = 0.0
    moving_s: float = 0.0
    ascent_m: float = 0.0

    def plus(self, run: Run) -> Volume:
        return Volume(
            self.runs + 1,
            self.distance_km + run.distance_km,
            self.moving_s + run.moving_s,
            self.ascent_m + run.ascent_m,
        )


@dataclass(frozen=True, slots=True)
class Spike:
    longest_30d_km: float | None  # None without a run in the 30 days before
    cap_km: float | None
    over: bool


@dataclass(frozen=True, slots=True)
class Ramp:
    last_2w_km: float
    previous_2w_km: float
    ratio: float | None  # None when the two weeks before had no running
    over: bool


@dataclass(frozen=True, slots=True)
class FitnessFatigue:
    on: date
    fitness: float  # 42-day exponentially weighted load (minutes of running)
    fatigue: float  # 7-day
    form: float  # fitness - fatigue


def daily(runs: Iterable[Run]) -> dict[date, Volume]:
    days: dict[date, Volume] = defaultdict(Volume)
    for run in runs:
        days[run.on] = days[run.on].plus(run)
    return dict(days)


def weekly(runs: Iterable[Run], first_monday: date, weeks: int) -> list[tuple[date, Volume]]:
    """Volume per Monday-to-Sunday week from `first_monday`, empty weeks included."""
    mondays = [first_monday + timedelta(weeks=n) for n in range(weeks)]
    totals = {monday: Volume() for monday in mondays}
    for run in runs:
        monday = run.on - timedelta(days=run.on.weekday())
        if monday in totals:
            totals[monday] = totals[monday].plus(run)
    return [(monday, totals[monday]) for monday in mondays]


def spike(runs: Iterable[Run], on: date, distance_km: float, ratio: float) -> Spike:
    """Whether a run of `distance_km` on `on` is more than `ratio` x the longest of the 30 days
    before (runs on `on` itself do not count: the rule compares with what came before)."""
    window = [r.distance_km for r in runs if on - SPIKE_WINDOW <= r.on < on]
    if not window:
        return Spike(None, None, False)
    longest = max(window)
    cap = math.floor(longest * ratio * 10) / 10
    return Spike(longest, cap, distance_km > cap)


def two_week_ramp(runs: Iterable[Run], on: date, cap: float) -> Ramp:
    """The last two weeks' distance (up to and including `on`) against the two before."""
    last = previous = 0.0
    for run in runs:
        age = (on - run.on).days
        if 0 <= age < 14:
            last += run.distance_km
        elif 14 <= age < 28:
            previous += run.distance_km
    ratio = last / previous if previous else None
    return Ramp(last, previous, ratio, ratio is not None and ratio > cap)


def fitness_fatigue(runs: Iterable[Run], start: date, end: date) -> list[FitnessFatigue]:
    """Exponentially weighted daily running minutes, every day from `start` to `end`; the
    curves warm up from the first run, so pass the history from well before `start`."""
    minutes = {day: v.moving_s / 60 for day, v in daily(runs).items()}
    first = min([*minutes, start])
    fitness = fatigue = 0.0
    curve = []
    day = first
    while day <= end:
        load = minutes.get(day, 0.0)
        fitness += (load - fitness) / FITNESS_DAYS
        fatigue += (load - fatigue) / FATIGUE_DAYS
        if day >= start:
            curve.append(FitnessFatigue(day, fitness, fatigue, fitness - fatigue))
        day += timedelta(days=1)
    return curve


def pace_zones(paces: Mapping[str, float]) -> list[tuple[str, float, float]]:
    """Zones (name, fastest, slowest pace in s/km) around target paces: each zone reaches halfway
    to its neighbours; the slowest zone is open-ended and the fastest starts at 0."""
    ordered = sorted(paces.items(), key=lambda item: -item[1])  # slowest first
    zones = []
    for i, (name, pace) in enumerate(ordered):
        slower = (ordered[i - 1][1] + pace) / 2 if i else math.inf
        faster = (ordered[i + 1][1] + pace) / 2 if i + 1 < len(ordered) else 0.0
        zones.append((name, faster, slower))
    return zones


def time_in_zones(
    histograms: Iterable[Mapping[int, float]], zones: list[tuple[str, float, float]], bucket: int
) -> dict[str, float]:
    """Seconds per zone, each histogram bucket counted at its middle pace."""
    seconds = dict.fromkeys((name for name, _, _ in zones), 0.0)
    for histogram in histograms:
        for start, spent in histogram.items():
            middle = start + bucket / 2
            for name, faster, slower in zones:
                if faster <= middle < slower:
                    seconds[name] += spent
                    break
    return seconds
