"""What pace should a rehab run be? An easy pace from a recent race, or the talk test without one.

A race result gives a VDOT (Daniels & Gilbert, *Oxygen Power*, 1979; Daniels, *Daniels' Running
Formula*): the VO2max that would explain the race for a runner of average economy. Two fitted
curves make it computable:

    oxygen cost of running at v m/min    VO2(v) = -4.60 + 0.182258 v + 0.000104 v^2   (ml/kg/min)
    fraction of VO2max held for t min    F(t)   = 0.8 + 0.1894393 e^(-0.012778 t)
                                                      + 0.2989558 e^(-0.1932605 t)
    VDOT = VO2(race velocity) / F(race minutes)

Training intensities are fractions of VDOT turned back into a velocity by solving the quadratic.
The curves were fitted to races from 1500 m to the marathon, so only those distances are accepted.

Units: distances in metres, durations in seconds, paces in seconds per kilometre; velocities are
in metres per minute because that is the unit the published coefficients are fitted in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from runrehab.domain.errors import InvalidInputError, Problem

__all__ = [
    "EASY_FAST_FRACTION",
    "EASY_SLOW_FRACTION",
    "MAX_DISTANCE_M",
    "MAX_VDOT",
    "MIN_DISTANCE_M",
    "SLOWEST_PACE_S_PER_KM",
    "TALK_TEST",
    "PaceAdvice",
    "PaceRange",
    "RaceResult",
    "easy_pace",
    "format_duration",
    "format_pace",
    "oxygen_cost",
    "predict_time_s",
    "rehab_easy_pace",
    "vdot",
    "velocity_at",
]

MIN_DISTANCE_M = 1500.0
"""The shortest distance in Daniels' tables; below it anaerobic supply makes VDOT meaningless."""

MAX_DISTANCE_M = 42195.0 * 1.01
"""The marathon plus 1%, so a GPS-measured or slightly long course is still accepted."""

SLOWEST_PACE_S_PER_KM = 20 * 60.0
"""20:00/km is a slow walk (3 km/h): slower than that is not a race effort to take paces from."""

MAX_VDOT = 90.0
"""Above this a result is faster than any man has run the distance. The men's world records from
1500 m to the marathon all score about VDOT 83-87 by these curves (5000 m in 12:35.36 -> 85.3,
marathon in 2:00:35 -> 85.6), so a result above 90 is a typo. A single pace floor would not do:
world-record pace runs from about 2:17/km (1500 m) to about 2:52/km (marathon), so a 2:50/km
floor would refuse real elite 5 km times while accepting impossible 1500 m ones."""

# Daniels' easy (E) intensity is 59-74% of VO2max (65-79% of HRmax): Daniels' Running Formula,
# restated by his own VDOT O2 service (https://news.vdoto2.com/2017/11/whats-easy-pace). Taking
# the whole band, as fractions of VDOT, is this project's choice; the book's table prints one E
# pace per VDOT (VDOT 50 -> 5:18/km), and it falls inside the band.
EASY_FAST_FRACTION = 0.74
EASY_SLOW_FRACTION = 0.59

TALK_TEST = (
    "Easy means conversational: you can speak in full sentences without gasping, an effort of "
    "about 3-4 out of 10 (RPE). "
)


@dataclass(frozen=True, slots=True)
class RaceResult:
    """A recent all-out race or time trial; construction fails with every problem at once."""

    distance_m: float
    duration_s: float

    def __post_init__(self) -> None:
        problems = _race_problems(self.distance_m, self.duration_s)
        if problems:
            raise InvalidInputError("race", problems)


@dataclass(frozen=True, slots=True)
class PaceRange:
    """Paces in s/km: `fast_s_per_km` is the quicker (smaller) end, never above the slow end."""

    fast_s_per_km: float
    slow_s_per_km: float

    def __post_init__(self) -> None:
        if not 0 < self.fast_s_per_km <= self.slow_s_per_km:
            raise ValueError(f"not a pace range: {self.fast_s_per_km} .. {self.slow_s_per_km}")

    def slow_half(self) -> PaceRange:
        """From the midpoint (in pace, what the runner sees on a watch) to the slow end."""
        return PaceRange((self.fast_s_per_km + self.slow_s_per_km) / 2, self.slow_s_per_km)

    def label(self) -> str:
        """Reads like "5:23-5:52/km"; both ends rounded to the second as `format_pace` does."""
        return f"{_clock(self.fast_s_per_km)}-{format_pace(self.slow_s_per_km)}"


@dataclass(frozen=True, slots=True)
class PaceAdvice:
    """`pace_range` and `vdot` are None when there is no race to compute from: then `why` carries
    the talk test alone, and the runner goes by feel."""

    pace_range: PaceRange | None
    vdot: float | None
    why: str


def oxygen_cost(velocity_m_per_min: float) -> float:
    """VO2 in ml/kg/min of running at this velocity (Daniels & Gilbert's fitted curve)."""
    v = velocity_m_per_min
    return -4.60 + 0.182258 * v + 0.000104 * v * v


def velocity_at(vo2: float) -> float:
    """The velocity (m/min) whose oxygen cost is `vo2` ml/kg/min: the inverse of `oxygen_cost`.

    Takes the positive root of the quadratic; `vo2` must be a positive finite number (it comes
    from a VDOT, never straight from a user), otherwise ValueError.
    """
    if not (math.isfinite(vo2) and vo2 > 0):
        raise ValueError(f"vo2 must be a positive ml/kg/min, got {vo2}")
    a, b, c = 0.000104, 0.182258, -4.60 - vo2
    return (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)


def vdot(race: RaceResult) -> float:
    """The race's VDOT: its oxygen cost over the fraction of VO2max holdable for its duration."""
    return _vdot(race.distance_m, race.duration_s)


def easy_pace(vdot: float) -> PaceRange:
    """Daniels' easy band for this VDOT: fast end at 74%, slow end at 59% (see the constants)."""
    return PaceRange(
        fast_s_per_km=_pace_at_fraction(vdot, EASY_FAST_FRACTION),
        slow_s_per_km=_pace_at_fraction(vdot, EASY_SLOW_FRACTION),
    )


def predict_time_s(race: RaceResult, distance_m: float, exponent: float = 1.06) -> float:
    """Riegel's T2 = T1 (D2/D1)^exponent (Riegel 1981, *American Scientist* 69:285-290).

    1.06 is Riegel's fit for running efforts of roughly 3.5 to 230 minutes; outside that it
    drifts. A non-positive or non-finite `distance_m` raises InvalidInputError naming it.
    """
    if not (math.isfinite(distance_m) and distance_m > 0):
        problem = Problem("distance_m", f"must be a positive number of metres, got {distance_m}")
        raise InvalidInputError("prediction", [problem])
    return race.duration_s * math.pow(distance_m / race.distance_m, exponent)


def format_pace(s_per_km: float) -> str:
    """Reads like "5:32/km"; rounded half-up to the whole second first, so 359.6 reads 6:00/km."""
    return f"{_clock(s_per_km)}/km"


def format_duration(duration_s: float) -> str:
    """Reads like "41:42" under an hour, "3:10:49" from an hour; rounded half-up to the second."""
    return _clock(duration_s)


def rehab_easy_pace(race: RaceResult | None) -> PaceAdvice:
    """The pace for a rehab run: the SLOW half of Daniels' easy band, or the talk test alone.

    Why the slow half: during rehab the goal of an easy run is time on feet at the lowest load
    that still trains the heart and the tissue's tolerance. Daniels' easy band already gives its
    aerobic benefit across its whole width; running slower lowers the force of every stride on
    the healing tissue (hamstring and tendon load climb with speed), so the slow half buys the
    same benefit for less load. The talk test and the pain rules still overrule any number.
    """
    if race is None:
        why = TALK_TEST + (
            "Without a recent race, let that be your pace: if you cannot finish a sentence, "
            "slow down or walk. Hills, heat and wind make the same effort slower, and that is fine."
        )
        return PaceAdvice(pace_range=None, vdot=None, why=why)
    score = vdot(race)
    full = easy_pace(score)
    rehab = full.slow_half()
    return PaceAdvice(pace_range=rehab, vdot=score, why=_why_with_race(race, score, full, rehab))


def _why_with_race(race: RaceResult, score: float, full: PaceRange, rehab: PaceRange) -> str:
    return TALK_TEST + (
        f"Your {race.distance_m / 1000:.3g} km in {format_duration(race.duration_s)} gives a "
        f"VDOT of {score:.1f}, and Daniels' easy range for that is {full.label()}. During rehab, "
        f"run the slow half, {rehab.label()}: the same aerobic benefit with less load on the "
        "healing tissue. If the talk test asks for slower than these numbers, the talk test wins."
    )


def _vdot(distance_m: float, duration_s: float) -> float:
    minutes = duration_s / 60
    return oxygen_cost(distance_m / minutes) / _sustainable_fraction(minutes)


def _sustainable_fraction(minutes: float) -> float:
    """The fraction of VO2max an all-out effort can hold for this many minutes (about 1.0 at
    10 minutes, 0.8 as a floor for very long efforts)."""
    return (
        0.8 + 0.1894393 * math.exp(-0.012778 * minutes) + 0.2989558 * math.exp(-0.1932605 * minutes)
    )


def _pace_at_fraction(vdot: float, fraction: float) -> float:
    return 60_000 / velocity_at(vdot * fraction)


def _clock(seconds: float) -> str:
    """Half-up to the whole second, then h:mm:ss or m:ss."""
    if not (math.isfinite(seconds) and seconds >= 0):
        raise ValueError(f"not a duration: {seconds}")
    hours, rest = divmod(math.floor(seconds + 0.5), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _race_problems(distance_m: float, duration_s: float) -> list[Problem]:
    problems: list[Problem] = []
    if not (math.isfinite(distance_m) and MIN_DISTANCE_M <= distance_m <= MAX_DISTANCE_M):
        problems.append(
            Problem(
                "distance_m",
                f"{distance_m:g} m is outside {MIN_DISTANCE_M:.0f}-{MAX_DISTANCE_M:.0f} m: "
                "paces come from races between 1500 m and the marathon",
            )
        )
    if not (math.isfinite(duration_s) and duration_s > 0):
        problems.append(
            Problem("duration_s", f"must be a positive number of seconds, got {duration_s}")
        )
    elif not problems:
        problems.extend(_implausible_duration(distance_m, duration_s))
    return problems


def _implausible_duration(distance_m: float, duration_s: float) -> list[Problem]:
    pace_s_per_km = duration_s / (distance_m / 1000)
    if pace_s_per_km > SLOWEST_PACE_S_PER_KM:
        reason = f"{format_pace(pace_s_per_km)} is slower than 20:00/km, a walk, not a race"
        return [Problem("duration_s", reason)]
    score = _vdot(distance_m, duration_s)
    if score > MAX_VDOT:
        reason = (
            f"{format_duration(duration_s)} for {distance_m:g} m is faster than the men's world "
            f"record (VDOT {score:.0f} > {MAX_VDOT:.0f}); check the distance and time"
        )
        return [Problem("duration_s", reason)]
    return []
