"""What a watch file that does not name its sport most likely recorded, from its pace and pattern.

Many running apps write GPX without a `<type>`, TCX allows `Sport="Other"` and a FIT file may say
`generic` or nothing. Such a file is classified here, never dropped:

- **likely run**: at least half of the moving time at running pace (1.8-6.5 m/s, 2:34-9:16/km),
  or at least `RUN_WALK_SHARE` of it with walking in between (run-walk intervals, the way a
  return to running starts). Counted as a run until the runner says it was not: under-counting
  load is the unsafe direction.
- **likely walk**: mostly slower than running (under 1.8 m/s). Not counted as a run.
- **unknown**: faster than running on average (over 6.5 m/s, a ride), too short, or without the
  distance and moving time to judge by. Not counted as a run.

The runner confirms or corrects every guess with one tap; the reason says what the guess rests on.
Speeds: the walk-to-run transition is near 2.0 m/s (Hreljac 1993, Med Sci Sports Exerc 25:1158),
so 1.8 m/s keeps a slow jog a run; 6.5 m/s (2:34/km) is faster than all but elite racing, and a
steady ride is at or above it. Cadence is not used: FIT and GPX store a runner's strides and a
bike's crank turns in the same unit (per minute, 80-95 for both), so it cannot tell them apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from runrehab.domain.activity import PACE_BUCKET_S
from runrehab.domain.pace import format_pace
from runrehab.domain.units import minutes_from_s

__all__ = [
    "RUN_MAX_SPEED_MPS",
    "RUN_MIN_SPEED_MPS",
    "UNSTATED_SPORTS",
    "Guess",
    "SportGuess",
    "guess_sport",
    "states_its_sport",
]

UNSTATED_SPORTS = ("unknown", "other")  # what the readers make of "no sport" and TCX's "Other"
RUN_MIN_SPEED_MPS = 1.8
RUN_MAX_SPEED_MPS = 6.5
RUN_SHARE = 0.5  # half the moving time at running pace: a run
RUN_WALK_SHARE = 0.3  # under half but this much, with walking between: run-walk intervals
MIN_MOVING_S = 60.0  # less than a minute of movement says nothing about the sport

Guess = Literal["likely_run", "likely_walk", "unknown"]
_COUNTS_AS: dict[Guess, str] = {
    "likely_run": "running",
    "likely_walk": "walking",
    "unknown": "unknown",
}


@dataclass(frozen=True, slots=True)
class SportGuess:
    guess: Guess
    reason: str  # one sentence for the runner, with the numbers it rests on

    @property
    def sport(self) -> str:
        """The sport the activity is stored and counted as until the runner says otherwise."""
        return _COUNTS_AS[self.guess]

    @property
    def counted_as_run(self) -> bool:
        return self.guess == "likely_run"


def states_its_sport(sport: str) -> bool:
    """Whether the readers found a sport in the file (anything but "unknown" or "other")."""
    return sport not in UNSTATED_SPORTS


def guess_sport(
    distance_m: float, timer_s: float, pace_histogram: Mapping[int, float]
) -> SportGuess:
    """The likely sport of a recording from its moving speed (distance over timer time) and how
    its moving time spreads over paces (`pace_histogram`: seconds by bucket, the bucket's faster
    edge in s/km, as the readers build it)."""
    if distance_m <= 0 or timer_s < MIN_MOVING_S:
        return SportGuess("unknown", "too short, or no distance, to tell what it was")
    speed = distance_m / timer_s
    average = f"{format_pace(1000 / speed)} on average while moving"
    if speed > RUN_MAX_SPEED_MPS:
        return SportGuess("unknown", f"{speed * 3.6:.0f} km/h while moving: faster than running")
    run_s, walk_s, total_s = _split(pace_histogram)
    if total_s <= 0:
        return _by_speed(speed, average)
    return _by_pattern(run_s, walk_s, total_s, average)


def _by_pattern(run_s: float, walk_s: float, total_s: float, average: str) -> SportGuess:
    minutes = f"{minutes_from_s(run_s)} of {minutes_from_s(total_s)} moving minutes at running pace"
    if run_s >= RUN_SHARE * total_s:
        return SportGuess("likely_run", f"{minutes}, {average}")
    if run_s >= RUN_WALK_SHARE * total_s and walk_s > 0:
        return SportGuess("likely_run", f"run-walk: {minutes}, walking between")
    if walk_s >= RUN_SHARE * total_s:
        return SportGuess("likely_walk", f"{average}: mostly walking pace")
    return SportGuess("unknown", f"{minutes}, the rest faster: not a clear run")


def _by_speed(speed: float, average: str) -> SportGuess:
    if speed >= RUN_MIN_SPEED_MPS:
        return SportGuess("likely_run", f"{average}: running pace")
    return SportGuess("likely_walk", f"{average}: walking pace")


def _split(histogram: Mapping[int, float]) -> tuple[float, float, float]:
    """(seconds at running pace, seconds slower, all seconds) by each bucket's middle pace."""
    fastest, slowest = 1000 / RUN_MAX_SPEED_MPS, 1000 / RUN_MIN_SPEED_MPS
    run_s = walk_s = total_s = 0.0
    for start, seconds in histogram.items():
        middle = start + PACE_BUCKET_S / 2
        total_s += seconds
        if fastest <= middle <= slowest:
            run_s += seconds
        elif middle > slowest:
            walk_s += seconds
    return run_s, walk_s, total_s
