"""A recorded activity, read from a watch file (FIT, GPX, TCX) and reduced to what the plan, the
training-load maths and the coach need. The readers (adapters/activities) build it; everything
after works on this value, never on the file.

Times are UTC-aware. A device whose clock was never set writes times relative to power-on: then
`start_time` is None and `clock_unset` is True (the runner dates the run), never 1990.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from itertools import accumulate
from types import MappingProxyType

from runrehab.domain.knowledge import ImportedRuns

PACE_BUCKET_S = 10  # the pace histogram's bucket width, seconds per km
# the sports counted as running load; a file that names no sport is not one of them until its
# pace says it is (domain/sport_guess: stored as "running", unconfirmed, counted, and flagged)
RUN_SPORTS = ("running", "trail_running", "treadmill_running")


@dataclass(frozen=True, slots=True)
class Activity:
    sport: str  # "running", "trail_running", "walking", "cycling", ... or "unknown"
    start_time: datetime | None  # UTC; None when the device clock was not set
    distance_m: float
    timer_s: float  # moving (timer) time: pauses excluded
    elapsed_s: float  # first to last record, pauses included
    records: int  # data points in the file
    avg_hr: int | None
    max_hr: int | None
    ascent_m: float | None
    laps: int
    clock_unset: bool = False
    device: str | None = None
    # seconds spent at each pace, by bucket (the bucket's faster edge in s/km): pace zones are
    # read from it later with the runner's own paces, which change as they get fitter
    pace_histogram: Mapping[int, float] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def is_run(self) -> bool:
        return self.sport in RUN_SPORTS


SAME_START = 120.0  # seconds: two devices on one wrist start within a couple of minutes
SAME_DISTANCE = 0.05  # and measure the same run within 5% (GPS against a foot pod)


def same_run(a: Activity, b: Activity) -> bool:
    """The same run recorded twice (imported again, or by a watch and a phone): starts within two
    minutes of each other and covers the same distance within 5%. Runs without a start time
    (clock not set) are never matched this way; their file hash still catches re-imports."""
    if a.start_time is None or b.start_time is None:
        return False
    if abs((a.start_time - b.start_time).total_seconds()) > SAME_START:
        return False
    longer = max(a.distance_m, b.distance_m)
    return longer == 0 or abs(a.distance_m - b.distance_m) / longer <= SAME_DISTANCE


@dataclass(frozen=True, slots=True)
class Decoded:
    """One file's outcome from the readers: its activity, or the one-line reason it has none."""

    name: str
    sha256: str
    activity: Activity | None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Character:
    hilly: bool
    speedwork: bool


def character(
    distance_m: float,
    ascent_m: float | None,
    histogram: Mapping[int, float],
    rules: ImportedRuns,
) -> Character:
    """Whether a recorded run was hilly (climb per km) or included speed work (enough time well
    faster than the run's own middle pace), by the knowledge base's `imported_runs` numbers."""
    km = distance_m / 1000
    hilly = bool(km and ascent_m is not None and ascent_m / km >= rules.hilly_ascent_m_per_km)
    median = _median_pace(histogram)
    fast = 0.0
    if median is not None:
        limit = median * (1 - rules.speedwork_faster_than_median)
        fast = sum(s for start, s in histogram.items() if start + PACE_BUCKET_S / 2 <= limit)
    return Character(hilly, fast >= rules.speedwork_min_s)


def _median_pace(histogram: Mapping[int, float]) -> float | None:
    total = sum(histogram.values())
    if total <= 0:
        return None
    ordered = sorted(histogram)
    cumulative = accumulate(histogram[start] for start in ordered)
    return next(
        s + PACE_BUCKET_S / 2 for s, c in zip(ordered, cumulative, strict=True) if c >= total / 2
    )
