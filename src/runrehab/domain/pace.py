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
Equivalent race times run the formulas backwards: the time at another distance that scores the
same VDOT, found by bisection (Daniels' race-equivalents table is these formulas, rounded).

Units: distances in metres, durations in seconds, paces in seconds per kilometre; velocities are
in metres per minute because that is the unit the published coefficients are fitted in.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from runrehab.domain.errors import InvalidInputError, Problem

__all__ = [
    "DANIELS_EASY",
    "EASY_FAST_FRACTION",
    "EASY_SLOW_FRACTION",
    "INTERVAL_FRACTION",
    "MARATHON_M",
    "MAX_DISTANCE_M",
    "MAX_VDOT",
    "MILE_M",
    "MIN_DISTANCE_M",
    "REHAB_EASY",
    "REPETITION_GAIN_S_PER_400_M",
    "SLOWEST_PACE_S_PER_KM",
    "STANDARD_DISTANCES_M",
    "TABLE_EASY_FAST_FRACTION",
    "TABLE_EASY_SLOW_FRACTION",
    "TALK_TEST",
    "THRESHOLD_FRACTION",
    "PaceAdvice",
    "PaceRange",
    "PaceReport",
    "PaceZone",
    "RaceResult",
    "TrainingPaces",
    "easy_pace",
    "easy_zones",
    "equivalent_time_s",
    "format_duration",
    "format_pace",
    "format_pace_per_mile",
    "oxygen_cost",
    "pace_report",
    "predict_time_s",
    "rehab_easy_pace",
    "training_paces",
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

MILE_M = 1609.344
"""The international mile, exactly."""

MARATHON_M = 42195.0

STANDARD_DISTANCES_M: Mapping[str, float] = MappingProxyType(
    {
        "1500": 1500.0,
        "mile": MILE_M,
        "5k": 5000.0,
        "10k": 10000.0,
        "half": 21097.5,
        "marathon": MARATHON_M,
    }
)
"""The race distances `runrehab pace` reports, by the keys its JSON uses; all are columns of
Daniels' race-equivalents table."""

# Daniels' training intensities as fractions of VDOT (turned into paces like the easy band above).
# The book's text gives each as a band of VO2max (Daniels' Running Formula, 3rd ed., ch. 4, as
# summarised in the reading notes cited in tests/data/pace_tables.yaml): E 59-74%, M 75-84%, T in
# the mid-80s (the notes differ: 80-85% or 85-88%), I 95-100%, R faster than I. Its table
# "Training intensities based on current VDOT" prints paces (a range for E in the 3rd ed.), not
# the fractions behind them; each constant below is the fraction that reproduces that table,
# checked row by row in tests/data/pace_tables.yaml (sources and worst deviations in its header).
TABLE_EASY_FAST_FRACTION = 0.729
"""Fast end of the E range the 3rd-ed. table prints (fitted over VDOT 30-85; within 2.4 s/km).
Narrower than the text's 59-74%: the rehab advice (`easy_pace`) keeps the text's whole band."""
TABLE_EASY_SLOW_FRACTION = 0.633
"""Slow end of the table's E range (fitted the same way; within 1.9 s/km)."""
THRESHOLD_FRACTION = 0.88
"""T, "comfortably hard": what the table prints (fit 0.8796), the top of the text's band."""
INTERVAL_FRACTION = 0.975
"""I, the middle of the text's 95-100% and what the table's per-km column prints (fit 0.974)."""
REPETITION_GAIN_S_PER_400_M = 6.0
"""R is I pace made 6 s per 400 m faster, as in every row of the 2nd-ed. table but two (7 s).
R is not a fraction of VDOT: the table's R runs from 103% of VDOT at VDOT 30 to 112% at 85."""

_BISECTION_STEPS = 64
"""Halvings of the log-time bracket (11.5 wide: 1 m/min to 100 km/min); 64 leave no error that
a float could show."""

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
class PaceZone:
    """One named easy range and the one line that says why it is what it is. `easy_zones` makes
    them; the web page, the API and `runrehab pace` print them as they are."""

    name: str
    pace_range: PaceRange
    why: str


@dataclass(frozen=True, slots=True)
class PaceAdvice:
    """`pace_range` and `vdot` are None, and `zones` empty, when there is no race to compute from:
    then `why` carries the talk test alone, and the runner goes by feel. Otherwise `pace_range` is
    the first zone's (rehab easy) and `zones` holds rehab easy and Daniels easy."""

    pace_range: PaceRange | None
    vdot: float | None
    why: str
    zones: tuple[PaceZone, ...] = ()


@dataclass(frozen=True, slots=True)
class TrainingPaces:
    """Daniels' five training intensities for one VDOT, each in s/km (see the fractions above)."""

    easy: PaceRange
    marathon_s_per_km: float
    threshold_s_per_km: float
    interval_s_per_km: float
    repetition_s_per_km: float


@dataclass(frozen=True, slots=True)
class PaceReport:
    """What one race says: its VDOT, the race times and training paces that VDOT is worth, and
    Riegel's prediction for the same distances to compare with. Both mappings are keyed like
    `STANDARD_DISTANCES_M` and hold seconds."""

    race: RaceResult
    vdot: float
    equivalents_s: Mapping[str, float]
    paces: TrainingPaces
    riegel_s: Mapping[str, float]


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


REHAB_EASY = "Rehab easy"
DANIELS_EASY = "Daniels easy"


def easy_zones(vdot: float) -> tuple[PaceZone, PaceZone]:
    """The two easy ranges every screen shows for this VDOT, rehab easy first.

    They differ on purpose. Daniels easy is the E range his table prints (`training_paces`).
    Rehab easy is the slow half of the whole easy effort band his text gives (59-74% of VDOT,
    `easy_pace`), so it is slower at both ends than the table's E range (not inside it; its texts
    say so, for every race): during rehab, less speed means less load on the healing tissue for
    the same aerobic benefit.
    """
    daniels = training_paces(vdot).easy
    rehab = easy_pace(vdot).slow_half()
    return (
        PaceZone(
            REHAB_EASY,
            rehab,
            "Run this during rehab: the slower half of the whole easy effort Daniels' text gives "
            "(59-74% of VDOT), slower at both ends than his table's E range; the same aerobic "
            "benefit with less load on the healing tissue.",
        ),
        PaceZone(
            DANIELS_EASY,
            daniels,
            "The E range Daniels' table prints for healthy easy and long runs; both its ends are "
            "faster than rehab easy's.",
        ),
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


def equivalent_time_s(vdot: float, distance_m: float) -> float:
    """The time over `distance_m` that scores exactly `vdot`: the race this VDOT is worth.

    Solves VDOT(distance, t) = vdot for t by bisection on log t, bracketed by a sprint at
    100 km/min and a crawl at 1 m/min (which scores below zero). A distance's VDOT falls steadily
    as its time grows, so the root is unique. ValueError if either argument is not positive and
    finite, or if no time in that bracket scores `vdot`.
    """
    if not (math.isfinite(vdot) and vdot > 0 and math.isfinite(distance_m) and distance_m > 0):
        raise ValueError(f"need a positive VDOT and distance, got {vdot} and {distance_m} m")
    low, high = math.log(60 * distance_m / 100_000), math.log(60 * distance_m)
    if _vdot(distance_m, math.exp(low)) < vdot:
        raise ValueError(f"no time over {distance_m:g} m scores VDOT {vdot}")
    for _ in range(_BISECTION_STEPS):
        middle = (low + high) / 2
        low, high = (middle, high) if _vdot(distance_m, math.exp(middle)) > vdot else (low, middle)
    return math.exp((low + high) / 2)


def training_paces(vdot: float) -> TrainingPaces:
    """Daniels' E, M, T, I and R paces for this VDOT. M is the pace of the marathon this VDOT is
    worth (so M and the marathon equivalent always agree); R is derived from I, not from VDOT."""
    interval = _pace_at_fraction(vdot, INTERVAL_FRACTION)
    return TrainingPaces(
        easy=PaceRange(
            fast_s_per_km=_pace_at_fraction(vdot, TABLE_EASY_FAST_FRACTION),
            slow_s_per_km=_pace_at_fraction(vdot, TABLE_EASY_SLOW_FRACTION),
        ),
        marathon_s_per_km=equivalent_time_s(vdot, MARATHON_M) / (MARATHON_M / 1000),
        threshold_s_per_km=_pace_at_fraction(vdot, THRESHOLD_FRACTION),
        interval_s_per_km=interval,
        repetition_s_per_km=interval - REPETITION_GAIN_S_PER_400_M * 1000 / 400,
    )


def pace_report(race: RaceResult) -> PaceReport:
    """The race's VDOT with its equivalents, training paces and Riegel's predictions."""
    score = vdot(race)
    return PaceReport(
        race=race,
        vdot=score,
        equivalents_s=_by_distance(lambda d: equivalent_time_s(score, d)),
        paces=training_paces(score),
        riegel_s=_by_distance(lambda d: predict_time_s(race, d)),
    )


def format_pace(s_per_km: float) -> str:
    """Reads like "5:32/km"; rounded half-up to the whole second first, so 359.6 reads 6:00/km."""
    return f"{_clock(s_per_km)}/km"


def format_pace_per_mile(s_per_km: float) -> str:
    """The same pace per mile, reads like "8:32/mi"; rounded half-up to the whole second."""
    return f"{_clock(s_per_km * MILE_M / 1000)}/mi"


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
    zones = easy_zones(score)
    rehab = zones[0].pace_range
    return PaceAdvice(
        pace_range=rehab, vdot=score, why=_why_with_race(race, score, zones), zones=zones
    )


def _why_with_race(race: RaceResult, score: float, zones: tuple[PaceZone, PaceZone]) -> str:
    rehab, daniels = zones
    return TALK_TEST + (
        f"Your {race.distance_m / 1000:.3g} km in {format_duration(race.duration_s)} gives a "
        f"VDOT of {score:.1f}. {daniels.name} for that is {daniels.pace_range.label()}; during "
        f"rehab, run {rehab.name.lower()}, {rehab.pace_range.label()}: the slower half of "
        "the whole easy effort Daniels' text gives (59-74% of VDOT), slower than his table's E "
        "range, the same aerobic benefit with less load on the healing tissue. "
        "If the talk test asks for slower than these numbers, the talk test wins."
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


def _by_distance(seconds_at: Callable[[float], float]) -> Mapping[str, float]:
    return MappingProxyType({key: seconds_at(d) for key, d in STANDARD_DISTANCES_M.items()})


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
