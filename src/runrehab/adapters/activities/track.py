"""The arithmetic every reader shares, on plain samples: great-circle distance, moving (timer)
time, the pace histogram, heart rate and ascent.

The moving rule, used where a file carries no timer of its own (GPX, a FIT or TCX file without
session or lap totals) and for the pace histogram of every file. Between two consecutive samples
that have a time, the interval counts as stopped when

- it lasts more than `GAP_S` (60 s): the device stopped recording (auto-pause, signal lost), or
  it crosses a segment boundary (a GPX `<trkseg>`, a TCX `<Track>`), which marks a pause;
- or it is part of a stretch of consecutive slow intervals (below `STOPPED_SPEED_MPS`, 0.5 m/s,
  a slow walk) that lasts more than `STOPPED_MIN_S` (10 s) in all: a stop at a crossing, not a
  stride that GPS jitter made look slow.

Every other interval is moving, including one whose distance is unknown (nothing to judge it by).
Timer time is the sum of the moving intervals; elapsed time is first to last sample.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from runrehab.domain.activity import PACE_BUCKET_S

__all__ = [
    "EARTH_RADIUS_M",
    "FASTEST_PACE_S_PER_KM",
    "GAP_S",
    "SLOWEST_PACE_S_PER_KM",
    "STOPPED_MIN_S",
    "STOPPED_SPEED_MPS",
    "Sample",
    "TrackFigures",
    "ascent_m",
    "haversine_m",
    "heart_rate",
    "summarise",
]

# IUGG mean Earth radius; runpandas uses the same, so its asserted GPX distances reproduce.
EARTH_RADIUS_M = 6_371_008.8
GAP_S = 60.0
STOPPED_SPEED_MPS = 0.5
STOPPED_MIN_S = 10.0
FASTEST_PACE_S_PER_KM = 120.0  # 2:00/km: anything faster is a GPS jump, not running
SLOWEST_PACE_S_PER_KM = 1200.0  # 20:00/km: anything slower is standing about


@dataclass(frozen=True, slots=True)
class Sample:
    """One data point. `time_s` counts seconds from any epoch (only differences are used, so a
    device's seconds-since-power-on work too); `distance_m` is cumulative from the start."""

    time_s: float | None
    distance_m: float | None
    heart_rate: int | None = None
    altitude_m: float | None = None
    segment: int = 0


@dataclass(frozen=True, slots=True)
class TrackFigures:
    """What the samples say: times in seconds, the pace histogram as `Activity` wants it."""

    elapsed_s: float
    timer_s: float
    pace_histogram: Mapping[int, float]


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, h)))


@dataclass(frozen=True, slots=True)
class _Interval:
    duration_s: float
    distance_m: float | None
    gap: bool

    @property
    def slow(self) -> bool:
        return self.distance_m is not None and self.distance_m < STOPPED_SPEED_MPS * self.duration_s


def summarise(samples: Sequence[Sample]) -> TrackFigures:
    """Elapsed and timer time and the pace histogram (see the module's moving rule)."""
    timed = [s for s in samples if s.time_s is not None]
    if len(timed) < 2:
        return TrackFigures(0.0, 0.0, MappingProxyType({}))
    intervals = list(_intervals(timed))
    moving = [i for i, still in zip(intervals, _stopped(intervals), strict=True) if not still]
    elapsed = _time(timed[-1]) - _time(timed[0])
    timer = sum(i.duration_s for i in moving)
    return TrackFigures(max(0.0, elapsed), timer, _pace_histogram(moving))


def _time(sample: Sample) -> float:
    assert sample.time_s is not None
    return sample.time_s


def _intervals(timed: Sequence[Sample]) -> Iterator[_Interval]:
    for a, b in itertools.pairwise(timed):
        duration = _time(b) - _time(a)
        if duration <= 0:
            continue  # a repeated (or out-of-order) timestamp adds no time
        distance = (
            b.distance_m - a.distance_m
            if a.distance_m is not None and b.distance_m is not None
            else None
        )
        yield _Interval(duration, distance, duration > GAP_S or a.segment != b.segment)


def _stopped(intervals: Sequence[_Interval]) -> list[bool]:
    stopped = [i.gap for i in intervals]
    start = 0
    while start < len(intervals):
        end = start
        while end < len(intervals) and intervals[end].slow and not intervals[end].gap:
            end += 1
        if sum(i.duration_s for i in intervals[start:end]) > STOPPED_MIN_S:
            stopped[start:end] = [True] * (end - start)
        start = end + 1
    return stopped


def _pace_histogram(moving: Sequence[_Interval]) -> Mapping[int, float]:
    seconds: dict[int, float] = {}
    for interval in moving:
        if not interval.distance_m or interval.distance_m <= 0:
            continue
        # rounded to the microsecond first, so a pace on a bucket's edge is not pushed into the
        # faster bucket by floating-point error (330 s/km computed as 329.9999999)
        pace = round(interval.duration_s / (interval.distance_m / 1000), 6)
        if FASTEST_PACE_S_PER_KM <= pace <= SLOWEST_PACE_S_PER_KM:
            bucket = math.floor(pace / PACE_BUCKET_S) * PACE_BUCKET_S
            seconds[bucket] = seconds.get(bucket, 0.0) + interval.duration_s
    return MappingProxyType(dict(sorted(seconds.items())))


def heart_rate(samples: Sequence[Sample]) -> tuple[int | None, int | None]:
    """(average, maximum) over the samples that carry a heart rate (0 means no contact).

    The average is the plain mean of the samples, rounded half-up: what python-tcxparser and
    runpandas compute, so their asserted values are comparable.
    """
    values = [s.heart_rate for s in samples if s.heart_rate]
    if not values:
        return None, None
    return math.floor(sum(values) / len(values) + 0.5), max(values)


def ascent_m(samples: Sequence[Sample]) -> float | None:
    """The sum of every climb between consecutive altitudes, unsmoothed (as python-tcxparser and
    runpandas compute it; noisy GPS altitude makes it an overestimate). None without altitude."""
    altitudes = [s.altitude_m for s in samples if s.altitude_m is not None]
    if len(altitudes) < 2:
        return None
    return sum(max(0.0, b - a) for a, b in itertools.pairwise(altitudes))
