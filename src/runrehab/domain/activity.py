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
from types import MappingProxyType

PACE_BUCKET_S = 10  # the pace histogram's bucket width, seconds per km


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
        return self.sport in ("running", "trail_running", "treadmill_running", "unknown")
