"""A race as a runner types it: a distance (`5k`, `mile`, `3000m`, `5`) and a time (`19:57`,
`1:31:35`). The distance is read by `schemas.distance`, the one rule every command uses (a bare
number is kilometres).

Both fields are checked before either is used, so a runner who got both wrong hears about both;
the race itself is then checked by `RaceResult` (1500 m to the marathon, a plausible time). Every
problem names the field it concerns: `distance` or `time`.
"""

from __future__ import annotations

import re

from runrehab.domain.errors import InvalidInputError, Problem
from runrehab.domain.pace import RaceResult
from runrehab.schemas.distance import distance_m_or_problem, parse_distance_m, quoted

__all__ = ["parse_distance_m", "parse_duration_s", "parse_race"]

_CLOCK = re.compile(
    r"(?:(?P<hours>[0-9]{1,2}):(?P<hour_minutes>[0-9]{2})|(?P<minutes>[0-9]{1,4}))"
    r":(?P<seconds>[0-9]{2}(?:\.[0-9]{1,3})?)"
)
"""ASCII digits only (`\\d` takes any script's, `٢٠:٠٠` included), and few of them: 99 hours or
9999 minutes is beyond any race, and a longer run of digits would overflow a float."""
_FIELDS = {"distance_m": "distance", "duration_s": "time"}


def parse_duration_s(text: str) -> float:
    """Seconds for `mm:ss` or `h:mm:ss` (seconds may carry decimals: `4:05.3`). In `mm:ss` the
    minutes may pass 59 (`75:30`); in `h:mm:ss` they may not. InvalidInputError naming `time`."""
    return _or_raise(_duration_s(text))


def parse_race(distance: str, time: str) -> RaceResult:
    """The race, or InvalidInputError with every problem of both fields (then of the race)."""
    distance_m, duration_s = distance_m_or_problem(distance), _duration_s(time)
    if isinstance(distance_m, Problem) or isinstance(duration_s, Problem):
        problems = [p for p in (distance_m, duration_s) if isinstance(p, Problem)]
        raise InvalidInputError("race", problems)
    try:
        return RaceResult(distance_m=distance_m, duration_s=duration_s)
    except InvalidInputError as exc:
        problems = [Problem(_FIELDS.get(p.where, p.where), p.reason) for p in exc.problems]
        raise InvalidInputError("race", problems) from None


def _duration_s(text: str) -> float | Problem:
    match = _CLOCK.fullmatch(text.strip())
    if match is None:
        return Problem("time", f"expected mm:ss or h:mm:ss in digits 0-9, got {quoted(text)}")
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
