"""A race as a runner types it: a distance (`5k`, `mile`, `3000`) and a time (`19:57`, `1:31:35`).

Both fields are checked before either is used, so a runner who got both wrong hears about both;
the race itself is then checked by `RaceResult` (1500 m to the marathon, a plausible time). Every
problem names the field it concerns: `distance` or `time`.
"""

from __future__ import annotations

import re

from runrehab.domain.errors import InvalidInputError, Problem
from runrehab.domain.pace import STANDARD_DISTANCES_M, RaceResult

__all__ = ["parse_distance_m", "parse_duration_s", "parse_race"]

_METRES = re.compile(r"\d+(?:\.\d+)?")
_CLOCK = re.compile(
    r"(?:(?P<hours>\d+):(?P<hour_minutes>\d{2})|(?P<minutes>\d+)):(?P<seconds>\d{2}(?:\.\d+)?)"
)
_FIELDS = {"distance_m": "distance", "duration_s": "time"}
_NAMES = ", ".join(STANDARD_DISTANCES_M)


def parse_distance_m(text: str) -> float:
    """Metres for a named distance (1500, mile, 5k, 10k, half, marathon; any case) or a plain
    number of metres such as `3000` or `21097.5`. InvalidInputError naming `distance` otherwise."""
    return _or_raise(_distance_m(text))


def parse_duration_s(text: str) -> float:
    """Seconds for `mm:ss` or `h:mm:ss` (seconds may carry decimals: `4:05.3`). In `mm:ss` the
    minutes may pass 59 (`75:30`); in `h:mm:ss` they may not. InvalidInputError naming `time`."""
    return _or_raise(_duration_s(text))


def parse_race(distance: str, time: str) -> RaceResult:
    """The race, or InvalidInputError with every problem of both fields (then of the race)."""
    distance_m, duration_s = _distance_m(distance), _duration_s(time)
    if isinstance(distance_m, Problem) or isinstance(duration_s, Problem):
        problems = [p for p in (distance_m, duration_s) if isinstance(p, Problem)]
        raise InvalidInputError("race", problems)
    try:
        return RaceResult(distance_m=distance_m, duration_s=duration_s)
    except InvalidInputError as exc:
        problems = [Problem(_FIELDS.get(p.where, p.where), p.reason) for p in exc.problems]
        raise InvalidInputError("race", problems) from None


def _distance_m(text: str) -> float | Problem:
    key = text.strip().lower()
    if key in STANDARD_DISTANCES_M:
        return STANDARD_DISTANCES_M[key]
    if _METRES.fullmatch(key):
        return float(key)
    return Problem("distance", f"expected metres (such as 3000) or one of {_NAMES}, got {text!r}")


def _duration_s(text: str) -> float | Problem:
    match = _CLOCK.fullmatch(text.strip())
    if match is None:
        return Problem("time", f"expected mm:ss or h:mm:ss, got {text!r}")
    hours = int(match["hours"] or 0)
    minutes = int(match["hour_minutes"] or match["minutes"])
    seconds = float(match["seconds"])
    if seconds >= 60 or (match["hours"] is not None and minutes >= 60):
        return Problem("time", f"{text.strip()!r}: minutes and seconds must be below 60")
    total = hours * 3600 + minutes * 60 + seconds
    return total if total > 0 else Problem("time", "must be longer than zero")


def _or_raise(value: float | Problem) -> float:
    if isinstance(value, Problem):
        raise InvalidInputError("race", [value])
    return value
